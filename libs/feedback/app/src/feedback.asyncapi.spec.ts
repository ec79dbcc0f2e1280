import { join } from 'node:path';
import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import type { OutgoingMessage } from '@rapport/platform-messaging';
import { asyncApiDocument, recordedEvents } from '@rapport/platform-testing';
import {
  FEEDBACK_ANSWERS_TOPIC,
  FEEDBACK_TIMERS_TOPIC,
  FEEDBACK_TOPIC,
  FeedbackEventTypes,
  FeedbackInboundTypes,
  FeedbackTimerTypes,
  type AnswerSubmittedV1,
} from '@rapport/feedback-contracts';
import { defaultSurveyContent, feedbackStreamId, signAnswerToken, surveyDefinitionStreamId, verifyAnswerToken, type CustomerFeedbackEvent, type SurveyDefinitionEvent } from '@rapport/feedback-domain';
import { SCHEDULER_TOPIC, SchedulerEventTypes, type TimerRequestedV1 } from '@rapport/scheduler-contracts';
import { answerInputOf } from './answers-from-topic/answers.consumer';
import { feedbackIntegration } from './feedback.integration';

/**
 * libs/feedback/app/asyncapi.feedback.yaml is the contract of feedback's topics (to be merged into
 * docs/asyncapi.yaml): every internal event goes through the real mapping and the real Kafka binding, and topic,
 * key, headers and payload must be what the document says.
 */
const contract = asyncApiDocument(join(__dirname, '../asyncapi.feedback.yaml'));
const secret = 'feedback-asyncapi-secret-0123456789abcdef';
const toMessages = feedbackIntegration(secret);

function expectDocumented(message: OutgoingMessage): void {
  contract.expectDocumented(message);
  expect(message.key).toBe(message.event.subject);
}

type Internal = CustomerFeedbackEvent | SurveyDefinitionEvent;
/** What stays inside: the requester knows what it asked; questionnaires are feedback's own business. */
type InternalOnly = 'feedback.survey-requested.v1' | 'feedback.loop-reassigned.v1' | 'feedback.survey-version-piloted.v1' | 'feedback.survey-version-released.v1';
type Published = Exclude<Internal['type'], InternalOnly>;
type DataOf<T extends Internal['type']> = Extract<Internal, { readonly type: T }>['data'];

const at = '2026-03-03T09:00:00.000Z';
const later = '2026-03-17T09:00:00.000Z';
const published: { readonly [T in Published]: DataOf<T> } = {
  'feedback.survey-trigger-scheduled.v1': { customerId: 'c-1', trigger: 'purchase', triggerRef: 'p-1', dueAt: later, at },
  'feedback.survey-throttled.v1': { surveyId: 's-2', customerId: 'c-1', reason: 'surveyed-recently', lastSurveyedAt: at, allowedFrom: later, throttledAt: at, policyVersion: 'p1' },
  'feedback.survey-sent.v1': { surveyId: 's-1', customerId: 'c-1', channel: 'email', definitionId: 'nps', definitionVersion: 0, sentAt: at, expiresAt: later },
  'feedback.survey-answered.v1': {
    surveyId: 's-1',
    customerId: 'c-1',
    score: 3,
    category: 'detractor',
    comment: 'COMMENT-TEXT',
    categories: ['service'],
    answers: { competitors: 'ANSWER-TEXT' },
    definitionId: 'nps',
    definitionVersion: 0,
    via: 'link',
    answeredAt: at,
  },
  'feedback.survey-expired.v1': { surveyId: 's-1', customerId: 'c-1', expiredAt: later },
  'feedback.sentiment-moved.v1': { customerId: 'c-1', surveyId: 's-1', from: null, to: 'detractor', score: 3, movedAt: at },
  'feedback.loop-opened.v1': { loopId: 'loop-s-1', customerId: 'c-1', surveyId: 's-1', ownerId: 'rep-ana', score: 3, categories: ['service'], openedAt: at, dueAt: later, policyVersion: 'p1' },
  'feedback.loop-step-recorded.v1': { loopId: 'loop-s-1', customerId: 'c-1', step: 'contact', note: 'NOTE-TEXT', recordedBy: 'rep-ana', recordedAt: at },
  'feedback.loop-closed.v1': { loopId: 'loop-s-1', customerId: 'c-1', closedBy: 'rep-ana', closedAt: at, onTime: true },
  'feedback.loop-escalated.v1': { loopId: 'loop-s-1', customerId: 'c-1', ownerId: 'rep-ana', managerId: 'manager-max', dueAt: at, escalatedAt: later },
};
const internalOnly: { readonly [T in InternalOnly]: DataOf<T> } = {
  'feedback.survey-requested.v1': { surveyId: 's-1', customerId: 'c-1', trigger: 'manual', triggerRef: null, definitionId: 'nps', definitionVersion: 0, channel: 'email', requestedAt: at },
  'feedback.loop-reassigned.v1': { loopId: 'loop-s-1', customerId: 'c-1', previousOwnerId: 'rep-ana', ownerId: 'rep-ben', reassignedAt: later },
  'feedback.survey-version-piloted.v1': { definitionId: 'nps', version: 1, content: defaultSurveyContent, by: 'manager-max', at },
  'feedback.survey-version-released.v1': { definitionId: 'nps', version: 1, pilotAnswersReviewed: 3, by: 'manager-max', at },
};
const recorded = (type: string, data: object): RecordedEvent =>
  recordedEvents([{ streamId: type.includes('survey-version') ? surveyDefinitionStreamId('nps') : feedbackStreamId('c-1'), event: { type, data } }])[0]!;
const all = (): OutgoingMessage[] => Object.entries(published).flatMap(([type, data]) => toMessages(recorded(type, data)));

/** A timer's delivery as the scheduler publishes it on feedback's inbox. */
const delivery = (request: TimerRequestedV1): OutgoingMessage => ({
  topic: request.deliver.topic,
  key: request.timerId,
  event: { specversion: '1.0', id: 'd-1', source: '/rapport/scheduler', type: request.deliver.type, subject: request.timerId, time: at, datacontenttype: 'application/json', data: request.deliver.data, correlationid: 'c', causationid: 'c', actorid: 'scheduler' },
});

describe('asyncapi.feedback.yaml is the contract of rapport.feedback.v1, its answers and timer inboxes', () => {
  it.each(Object.keys(published))('%s is published as documented', (type) => {
    const messages = toMessages(recorded(type, published[type as Published]));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expectDocumented(message);
  });

  it.each(Object.entries(internalOnly))('%s stays inside feedback', (type, data) => {
    expect(toMessages(recorded(type, data))).toEqual([]);
  });

  it('F4: survey-sent carries a token that verifies for its survey and customer, and no comment or note is ever published', () => {
    const sent = toMessages(recorded('feedback.survey-sent.v1', published['feedback.survey-sent.v1'])).find((m) => m.event.type === FeedbackEventTypes.surveySent)!;
    const data = sent.event.data as { answerToken: string };
    expect(verifyAnswerToken(data.answerToken, secret, new Date(at))).toEqual({ surveyId: 's-1', customerId: 'c-1', expiresAt: later });
    expect(JSON.stringify(all())).not.toMatch(/COMMENT-TEXT|NOTE-TEXT|ANSWER-TEXT/);
  });

  it('S2: triggers, answer windows and follow-ups ask the scheduler for timers whose deliveries feedback documents and consumes', () => {
    const requests = all().filter((m) => m.topic === SCHEDULER_TOPIC && m.event.type === SchedulerEventTypes.timerRequested);
    expect(requests.map((m) => (m.event.data as TimerRequestedV1).deliver.type).sort()).toEqual(Object.values(FeedbackTimerTypes).sort());
    for (const request of requests) {
      const data = request.event.data as TimerRequestedV1;
      expect(data).toMatchObject({ ownerService: 'feedback', deliver: { topic: FEEDBACK_TIMERS_TOPIC } });
      expectDocumented(delivery(data));
    }
  });

  it('F4: an integrator answer as documented is what the answers consumer accepts', () => {
    const data: AnswerSubmittedV1 = { token: signAnswerToken({ surveyId: 's-1', customerId: 'c-1', expiresAt: later }, secret), score: 9, categories: ['price'], answers: { competitors: 'better' } };
    const message: OutgoingMessage = {
      topic: FEEDBACK_ANSWERS_TOPIC,
      key: 'c-1',
      event: { specversion: '1.0', id: 'a-1', source: '/integrators/survey-tool', type: FeedbackInboundTypes.answerSubmitted, subject: 'c-1', time: at, datacontenttype: 'application/json', data, correlationid: 'c', causationid: 'c', actorid: 'survey-tool' },
    };
    expectDocumented(message);
    expect(answerInputOf(data)).toMatchObject({ score: 9, categories: ['price'], comment: null });
  });

  it('has no stale message: each documented one is produced or accepted, and each contract type is documented', () => {
    const produced = new Set(all().map((m) => `${m.topic} ${m.event.type}`));
    const accepted = [`${FEEDBACK_ANSWERS_TOPIC} ${FeedbackInboundTypes.answerSubmitted}`, ...Object.values(FeedbackTimerTypes).map((t) => `${FEEDBACK_TIMERS_TOPIC} ${t}`)];
    const documented = [FEEDBACK_TOPIC, FEEDBACK_ANSWERS_TOPIC, FEEDBACK_TIMERS_TOPIC, SCHEDULER_TOPIC].flatMap((topic) => contract.messagesOf(contract.channel(topic)).map((m) => `${topic} ${m.name}`));
    expect(documented.sort()).toEqual([...new Set([...produced, ...accepted])].sort());
    expect(documented).toEqual(expect.arrayContaining(Object.values(FeedbackEventTypes).map((t) => `${FEEDBACK_TOPIC} ${t}`)));
  });
});
