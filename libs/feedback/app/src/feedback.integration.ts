import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { topicPublisher, type OutgoingMessage } from '@rapport/platform-messaging';
import {
  FEEDBACK_SOURCE,
  FEEDBACK_TIMERS_TOPIC,
  FEEDBACK_TOPIC,
  FeedbackEventTypes,
  FeedbackTimerTypes,
  type FeedbackPayloadsV1,
  type FeedbackTimerEvent,
} from '@rapport/feedback-contracts';
import { signAnswerToken, type CustomerFeedbackEvent, type SurveyDefinitionEvent } from '@rapport/feedback-domain';
import { SCHEDULER_TOPIC, SchedulerEventTypes, type SchedulerPayloadsV1 } from '@rapport/scheduler-contracts';
import { FEEDBACK_SERVICE } from './feedback.tokens';

type Internal = CustomerFeedbackEvent | SurveyDefinitionEvent;

const publish = topicPublisher<FeedbackPayloadsV1>(FEEDBACK_TOPIC, FEEDBACK_SOURCE);
const askScheduler = topicPublisher<SchedulerPayloadsV1>(SCHEDULER_TOPIC, FEEDBACK_SOURCE);

/** Where an answer link points: the public endpoint takes the token and nothing else. */
export const answerPathOf = (surveyId: string): string => `/api/v1/feedback/surveys/${encodeURIComponent(surveyId)}/answers`;

/** Timer ids: one per trigger, per answer window, per follow-up (the scheduler's idempotency key). */
export const surveyTimerId = (customerId: string, triggerRef: string): string => `feedback.survey.${customerId}.${triggerRef}`;
export const expiryTimerId = (surveyId: string): string => `feedback.expiry.${surveyId}`;
export const loopTimerId = (loopId: string): string => `feedback.loop.${loopId}`;

function timer(recorded: RecordedEvent, timerId: string, dueAt: string, deliver: FeedbackTimerEvent): OutgoingMessage[] {
  return askScheduler(recorded, SchedulerEventTypes.timerRequested, timerId, {
    timerId,
    ownerService: FEEDBACK_SERVICE,
    dueAt,
    deliver: { topic: FEEDBACK_TIMERS_TOPIC, type: deliver.type, data: deliver.data },
  });
}

/**
 * Internal event → published messages, mapped explicitly (the relay publishes at least once; consumers drop
 * copies by CloudEvent id). Customers' facts go out on `rapport.feedback.v1`; timers are asked of the scheduler
 * (S2) on `rapport.scheduler.v1`. `survey-sent` carries the answer link's token, signed here with `secret`,
 * so the token is never stored and every copy is the same. Requests and survey definitions stay inside.
 */
export function feedbackIntegration(secret: string): (recorded: RecordedEvent) => readonly OutgoingMessage[] {
  return (recorded) => {
    const event = { type: recorded.type, data: recorded.data } as Internal;
    switch (event.type) {
      case 'feedback.survey-trigger-scheduled.v1': {
        const d = event.data;
        return timer(recorded, surveyTimerId(d.customerId, d.triggerRef), d.dueAt, {
          type: FeedbackTimerTypes.surveyDue,
          data: { customerId: d.customerId, trigger: d.trigger, triggerRef: d.triggerRef, dueAt: d.dueAt },
        });
      }
      case 'feedback.survey-sent.v1': {
        const d = event.data;
        return [
          ...publish(recorded, FeedbackEventTypes.surveySent, d.customerId, {
            surveyId: d.surveyId,
            customerId: d.customerId,
            channel: d.channel,
            definitionId: d.definitionId,
            definitionVersion: d.definitionVersion,
            answerToken: signAnswerToken({ surveyId: d.surveyId, customerId: d.customerId, expiresAt: d.expiresAt }, secret),
            answerPath: answerPathOf(d.surveyId),
            sentAt: d.sentAt,
            expiresAt: d.expiresAt,
          }),
          ...timer(recorded, expiryTimerId(d.surveyId), d.expiresAt, { type: FeedbackTimerTypes.surveyExpiryDue, data: { customerId: d.customerId, surveyId: d.surveyId, dueAt: d.expiresAt } }),
        ];
      }
      case 'feedback.survey-throttled.v1':
        return publish(recorded, FeedbackEventTypes.surveyThrottled, event.data.customerId, { ...event.data });
      case 'feedback.survey-answered.v1': {
        const d = event.data;
        // The answer window's timer is taken back (its firing would change nothing, but the index stays lean).
        const cancelExpiry = askScheduler(recorded, SchedulerEventTypes.timerCancelled, expiryTimerId(d.surveyId), { timerId: expiryTimerId(d.surveyId), ownerService: FEEDBACK_SERVICE });
        return [
          ...publish(recorded, FeedbackEventTypes.surveyAnswered, d.customerId, {
            surveyId: d.surveyId,
            customerId: d.customerId,
            score: d.score,
            category: d.category,
            categories: d.categories,
            hasComment: typeof d.comment === 'string' && d.comment.length > 0,
            definitionId: d.definitionId,
            definitionVersion: d.definitionVersion,
            answeredAt: d.answeredAt,
          }),
          ...cancelExpiry,
        ];
      }
      case 'feedback.survey-expired.v1':
        return publish(recorded, FeedbackEventTypes.surveyExpired, event.data.customerId, { ...event.data });
      case 'feedback.sentiment-moved.v1':
        return publish(recorded, FeedbackEventTypes.sentimentMoved, event.data.customerId, { ...event.data });
      case 'feedback.loop-opened.v1': {
        const d = event.data;
        return [
          ...publish(recorded, FeedbackEventTypes.loopOpened, d.customerId, {
            loopId: d.loopId,
            customerId: d.customerId,
            surveyId: d.surveyId,
            ownerId: d.ownerId,
            score: d.score,
            categories: d.categories,
            openedAt: d.openedAt,
            dueAt: d.dueAt,
          }),
          ...timer(recorded, loopTimerId(d.loopId), d.dueAt, { type: FeedbackTimerTypes.loopDue, data: { customerId: d.customerId, loopId: d.loopId, dueAt: d.dueAt } }),
        ];
      }
      case 'feedback.loop-step-recorded.v1': {
        const d = event.data;
        return publish(recorded, FeedbackEventTypes.loopStepRecorded, d.customerId, { loopId: d.loopId, customerId: d.customerId, step: d.step, recordedBy: d.recordedBy, recordedAt: d.recordedAt });
      }
      case 'feedback.loop-closed.v1':
        return [
          ...publish(recorded, FeedbackEventTypes.loopClosed, event.data.customerId, { ...event.data }),
          ...askScheduler(recorded, SchedulerEventTypes.timerCancelled, loopTimerId(event.data.loopId), { timerId: loopTimerId(event.data.loopId), ownerService: FEEDBACK_SERVICE }),
        ];
      case 'feedback.loop-escalated.v1':
        return publish(recorded, FeedbackEventTypes.loopEscalated, event.data.customerId, { ...event.data });
      case 'feedback.survey-requested.v1':
      // Internal for now: publishing it is a new type on rapport.feedback.v1, and sales gating's exhaustive
      // switch over the published union must name it first (the ownership change itself is on the customers topic).
      case 'feedback.loop-reassigned.v1':
      case 'feedback.survey-version-piloted.v1':
      case 'feedback.survey-version-released.v1':
        return [];
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
}
