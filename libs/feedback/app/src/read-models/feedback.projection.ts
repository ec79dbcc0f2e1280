import type { Projection, ProjectionView } from '@rapport/platform-eventsourcing';
import {
  addToTally,
  emptyIssueStats,
  emptyTally,
  FEEDBACK_STREAM_PREFIX,
  LOOP_STEPS,
  tierWeight,
  type CustomerFeedbackEvent,
  type FeedbackPolicy,
  type IssueStats,
  type LoopStep,
  type NpsCategory,
  type NpsTally,
  type SurveyStatus,
  type WhyCategory,
} from '@rapport/feedback-domain';
import { FEEDBACK_CUSTOMERS, FEEDBACK_PEOPLE, type CustomerFactsDoc, type PersonFactsDoc } from './customer-facts.projection';
import { DIMENSIONS, NONE, periodsOf, segmentId, type Dimension } from './segments';

export const FEEDBACK_PROJECTION = 'feedback-board';
export const SURVEYS = 'feedback_surveys';
export const LOOPS = 'feedback_loops';
export const SEGMENTS = 'nps_segments';
export const ISSUES = 'feedback_issues';
export const CUSTOMER_ISSUES = 'feedback_customer_issues';
export const ISSUE_LOST = 'feedback_issue_lost';
export const COUNTERS = 'feedback_counters';
/** F4: when each customer was last sent a survey (a relationship wave skips those asked within 90 days). */
export const LAST_SENT = 'feedback_last_sent';
export const AWAITING_RESURVEY = 'feedback_awaiting_resurvey';
export const PIPELINE = 'pipeline';

export interface SurveyDoc {
  readonly id: string;
  readonly customerId: string;
  readonly status: SurveyStatus;
  readonly trigger: string;
  readonly channel: string;
  readonly definitionId: string;
  readonly definitionVersion: number;
  readonly requestedAt: string;
  readonly sentAt: string | null;
  readonly expiresAt: string | null;
  readonly throttleReason: string | null;
  readonly answeredAt: string | null;
  readonly score: number | null;
  readonly category: NpsCategory | null;
  readonly categories: readonly WhyCategory[];
  readonly expiredAt: string | null;
}

export interface LoopDoc {
  readonly id: string;
  readonly customerId: string;
  readonly surveyId: string;
  readonly ownerId: string | null;
  readonly status: 'open' | 'closed';
  readonly score: number;
  readonly categories: readonly WhyCategory[];
  readonly openedAt: string;
  readonly dueAt: string;
  readonly steps: readonly LoopStep[];
  readonly escalatedTo: string | null;
  readonly closedAt: string | null;
  /** F3: the customer's next answer after this follow-up opened: did it work? */
  readonly resurvey: { readonly surveyId: string; readonly score: number; readonly category: NpsCategory; readonly answeredAt: string; readonly improved: boolean } | null;
}

/** One segment in one period: counts only, so a board is a handful of reads whatever the number of answers. */
export interface SegmentDoc extends NpsTally {
  readonly id: string;
  readonly dimension: Dimension;
  readonly value: string;
  readonly period: string;
}

export interface IssueDoc extends IssueStats {
  readonly id: WhyCategory | 'total';
}
export interface CustomerIssuesDoc {
  readonly id: string;
  readonly counts: Readonly<Partial<Record<WhyCategory, number>>>;
}
/** The follow-ups of a customer still waiting for a later answer to show whether they worked. */
export interface AwaitingResurveyDoc {
  readonly id: string;
  readonly loopIds: readonly string[];
}
export interface IssueLostDoc {
  readonly id: string;
  readonly lost: number;
}
export interface LastSentDoc {
  readonly id: string;
  readonly sentAt: string;
}
export type PipelineDoc = { readonly id: string } & Readonly<Record<SurveyStatus, number>>;

const emptyPipeline = (): PipelineDoc => ({ id: PIPELINE, requested: 0, throttled: 0, sent: 0, answered: 0, expired: 0 });

async function count(view: ProjectionView, from: SurveyStatus | null, to: SurveyStatus): Promise<void> {
  const doc = (await view.get<PipelineDoc>(COUNTERS, PIPELINE)) ?? emptyPipeline();
  view.put<PipelineDoc>(COUNTERS, { ...doc, ...(from ? { [from]: doc[from] - 1 } : {}), [to]: doc[to] + 1 });
}

async function updateSurvey(view: ProjectionView, surveyId: string, patch: Partial<SurveyDoc>): Promise<SurveyDoc | undefined> {
  const doc = await view.get<SurveyDoc>(SURVEYS, surveyId);
  if (!doc) return undefined;
  await count(view, doc.status, patch.status ?? doc.status);
  const next = { ...doc, ...patch };
  view.put<SurveyDoc>(SURVEYS, next);
  return next;
}

async function updateLoop(view: ProjectionView, loopId: string, patch: (loop: LoopDoc) => Partial<LoopDoc>): Promise<void> {
  const doc = await view.get<LoopDoc>(LOOPS, loopId);
  if (doc) view.put<LoopDoc>(LOOPS, { ...doc, ...patch(doc) });
}

/** F3: the first answer after a follow-up opened is its re-survey: better than the detractor score, or not. */
async function resurveyed(view: ProjectionView, customerId: string, answer: { surveyId: string; score: number; category: NpsCategory; answeredAt: string }): Promise<void> {
  const awaiting = await view.get<AwaitingResurveyDoc>(AWAITING_RESURVEY, customerId);
  if (!awaiting || awaiting.loopIds.length === 0) return;
  for (const loopId of awaiting.loopIds) await updateLoop(view, loopId, (loop) => ({ resurvey: { ...answer, improved: answer.score > loop.score } }));
  view.put<AwaitingResurveyDoc>(AWAITING_RESURVEY, { id: customerId, loopIds: [] });
}

/** The segment values of a customer at the time of the answer (a later tier change does not rewrite history). */
async function segmentValues(view: ProjectionView, customerId: string): Promise<Record<Dimension, string>> {
  const facts = await view.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, customerId);
  const owner = facts?.ownerId ? await view.get<PersonFactsDoc>(FEEDBACK_PEOPLE, facts.ownerId) : undefined;
  return {
    overall: 'all',
    tier: facts?.tier ?? NONE,
    grade: facts?.grade ?? NONE,
    stage: facts?.stage ?? NONE,
    owner: facts?.ownerId ?? NONE,
    team: owner?.teamId ?? NONE,
    industry: facts?.industry ?? NONE,
  };
}

async function tallyAnswer(view: ProjectionView, policy: FeedbackPolicy, customerId: string, score: number, categories: readonly WhyCategory[], answeredAt: string): Promise<void> {
  const values = await segmentValues(view, customerId);
  for (const dimension of DIMENSIONS) {
    for (const period of periodsOf(dimension, answeredAt)) {
      const id = segmentId(dimension, values[dimension], period);
      const before = (await view.get<SegmentDoc>(SEGMENTS, id)) ?? { id, dimension, value: values[dimension], period, ...emptyTally() };
      view.put<SegmentDoc>(SEGMENTS, { ...before, ...addToTally(before, score, policy) });
    }
  }
  // F6: sums per category and overall, weighted by importance (tier).
  const facts = await view.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, customerId);
  const weight = tierWeight(facts?.tier ?? null);
  for (const id of ['total', ...categories] as const) {
    const before = (await view.get<IssueDoc>(ISSUES, id)) ?? { id, ...emptyIssueStats() };
    view.put<IssueDoc>(ISSUES, { ...before, responses: before.responses + 1, scoreSum: before.scoreSum + score, weightedResponses: before.weightedResponses + weight });
  }
  if (categories.length > 0) {
    const cited = (await view.get<CustomerIssuesDoc>(CUSTOMER_ISSUES, customerId)) ?? { id: customerId, counts: {} };
    const counts: Partial<Record<WhyCategory, number>> = { ...cited.counts };
    for (const category of categories) counts[category] = (counts[category] ?? 0) + 1;
    view.put<CustomerIssuesDoc>(CUSTOMER_ISSUES, { id: customerId, counts });
  }
}

/**
 * Feedback's read models from its own events: surveys (history, pipeline), follow-ups (detractor queue),
 * NPS segments by dimension and period (the board, F1/F5), issue sums (F6).
 */
export const feedbackProjection = (policy: FeedbackPolicy): Projection => ({
  name: FEEDBACK_PROJECTION,
  version: 1,
  collections: [
    { name: SURVEYS, indexes: [['customerId', 'requestedAt'], ['definitionId', 'definitionVersion']] },
    { name: LOOPS, indexes: [['status', 'dueAt'], ['ownerId', 'status', 'dueAt'], ['customerId']] },
    { name: SEGMENTS, indexes: [['dimension', 'period']] },
    { name: ISSUES },
    { name: CUSTOMER_ISSUES },
    { name: COUNTERS },
    { name: LAST_SENT },
    { name: AWAITING_RESURVEY },
  ],
  async apply(recorded, view) {
    if (!recorded.metadata.streamId.startsWith(FEEDBACK_STREAM_PREFIX)) return;
    const event = { type: recorded.type, data: recorded.data } as CustomerFeedbackEvent;
    switch (event.type) {
      case 'feedback.survey-requested.v1': {
        const d = event.data;
        view.put<SurveyDoc>(SURVEYS, {
          id: d.surveyId,
          customerId: d.customerId,
          status: 'requested',
          trigger: d.trigger,
          channel: d.channel,
          definitionId: d.definitionId,
          definitionVersion: d.definitionVersion,
          requestedAt: d.requestedAt,
          sentAt: null,
          expiresAt: null,
          throttleReason: null,
          answeredAt: null,
          score: null,
          category: null,
          categories: [],
          expiredAt: null,
        });
        return count(view, null, 'requested');
      }
      case 'feedback.survey-throttled.v1':
        await updateSurvey(view, event.data.surveyId, { status: 'throttled', throttleReason: event.data.reason });
        return;
      case 'feedback.survey-sent.v1':
        await updateSurvey(view, event.data.surveyId, { status: 'sent', sentAt: event.data.sentAt, expiresAt: event.data.expiresAt });
        view.put<LastSentDoc>(LAST_SENT, { id: event.data.customerId, sentAt: event.data.sentAt });
        return;
      case 'feedback.survey-answered.v1': {
        const d = event.data;
        await updateSurvey(view, d.surveyId, { status: 'answered', answeredAt: d.answeredAt, score: d.score, category: d.category, categories: d.categories });
        await resurveyed(view, d.customerId, { surveyId: d.surveyId, score: d.score, category: d.category, answeredAt: d.answeredAt });
        return tallyAnswer(view, policy, d.customerId, d.score, d.categories, d.answeredAt);
      }
      case 'feedback.survey-expired.v1':
        await updateSurvey(view, event.data.surveyId, { status: 'expired', expiredAt: event.data.expiredAt });
        return;
      case 'feedback.loop-opened.v1': {
        const d = event.data;
        view.put<LoopDoc>(LOOPS, {
          id: d.loopId,
          customerId: d.customerId,
          surveyId: d.surveyId,
          ownerId: d.ownerId,
          status: 'open',
          score: d.score,
          categories: d.categories,
          openedAt: d.openedAt,
          dueAt: d.dueAt,
          steps: [],
          escalatedTo: null,
          closedAt: null,
          resurvey: null,
        });
        const awaiting = (await view.get<AwaitingResurveyDoc>(AWAITING_RESURVEY, d.customerId)) ?? { id: d.customerId, loopIds: [] };
        view.put<AwaitingResurveyDoc>(AWAITING_RESURVEY, { id: d.customerId, loopIds: [...awaiting.loopIds, d.loopId] });
        return;
      }
      case 'feedback.loop-step-recorded.v1': {
        const step = event.data.step;
        return updateLoop(view, event.data.loopId, (loop) => ({ steps: LOOP_STEPS.filter((s) => s === step || loop.steps.includes(s)) }));
      }
      case 'feedback.loop-closed.v1':
        return updateLoop(view, event.data.loopId, () => ({ status: 'closed', closedAt: event.data.closedAt }));
      case 'feedback.loop-escalated.v1':
        return updateLoop(view, event.data.loopId, () => ({ escalatedTo: event.data.managerId ?? 'unknown' }));
      case 'feedback.loop-reassigned.v1':
        return updateLoop(view, event.data.loopId, () => ({ ownerId: event.data.ownerId }));
      case 'feedback.survey-trigger-scheduled.v1':
      case 'feedback.sentiment-moved.v1':
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
});
