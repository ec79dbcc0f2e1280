import type { Clock, ReadModelStore } from '@rapport/platform-eventsourcing';
import { emptyIssueStats, LOOP_STEPS, missingSteps, npsOf, rankIssues, WHY_CATEGORIES, type FeedbackPolicy, type IssueStats, type NpsResult, type RankedIssue, type WhyCategory } from '@rapport/feedback-domain';
import { COUNTERS, ISSUE_LOST, ISSUES, LOOPS, PIPELINE, SEGMENTS, SURVEYS, type IssueDoc, type IssueLostDoc, type LoopDoc, type PipelineDoc, type SegmentDoc, type SurveyDoc } from '../read-models/feedback.projection';
import { FEEDBACK_CUSTOMERS, type CustomerFactsDoc } from '../read-models/customer-facts.projection';
import { segmentId, type Dimension } from '../read-models/segments';

export interface SegmentNps extends NpsResult {
  readonly value: string;
}
export interface NpsBoard {
  readonly asOf: string;
  readonly period: string;
  readonly overall: NpsResult;
  readonly dimension: Dimension;
  readonly segments: readonly SegmentNps[];
}
export interface TrendPoint extends NpsResult {
  readonly period: string;
}
export interface DetractorQueueItem {
  readonly loopId: string;
  readonly customerId: string;
  readonly surveyId: string;
  readonly ownerId: string | null;
  readonly score: number;
  readonly categories: readonly WhyCategory[];
  readonly openedAt: string;
  readonly dueAt: string;
  /** Negative once overdue. */
  readonly hoursLeft: number;
  readonly overdue: boolean;
  readonly stepsDone: readonly string[];
  readonly stepsMissing: readonly string[];
  readonly escalatedTo: string | null;
}
export interface FeedbackHistory {
  readonly customerId: string;
  readonly surveys: readonly SurveyDoc[];
  /** F7: the customer's category over time, oldest first. */
  readonly sentiment: readonly { readonly at: string; readonly score: number; readonly category: string }[];
  readonly loops: readonly LoopDoc[];
}

/** Feedback's queries, each a read of a few projected documents (never a scan of answers). */
export class FeedbackQueries {
  constructor(
    private readonly store: ReadModelStore,
    private readonly clock: Clock,
    private readonly policy: FeedbackPolicy,
  ) {}

  /** F1/F5: overall and per segment of one dimension, in a period (`all` or `month:YYYY-MM`), each with count and margin. */
  async board(dimension: Dimension, period = 'all'): Promise<NpsBoard> {
    const [overall, docs] = await Promise.all([
      this.store.get<SegmentDoc>(SEGMENTS, segmentId('overall', 'all', period)),
      this.store.find<SegmentDoc>(SEGMENTS, { where: { dimension, period }, orderBy: [{ field: 'value' }], limit: 1_000 }),
    ]);
    return {
      asOf: this.clock.now().toISOString(),
      period,
      overall: npsOf(overall ?? { promoters: 0, passives: 0, detractors: 0, satisfied: 0 }, this.policy),
      dimension,
      segments: docs.map((d) => ({ value: d.value, ...npsOf(d, this.policy) })),
    };
  }

  /** F1: overall NPS by ISO week or calendar month, oldest first (the last `limit` periods with answers). */
  async trend(interval: 'week' | 'month', limit = 26): Promise<TrendPoint[]> {
    const docs = await this.store.find<SegmentDoc>(SEGMENTS, {
      where: { dimension: 'overall', period: { gte: `${interval}:`, lt: `${interval};` } },
      orderBy: [{ field: 'period', direction: 'desc' }],
      limit,
    });
    return docs.reverse().map((d) => ({ period: d.period.slice(interval.length + 1), ...npsOf(d, this.policy) }));
  }

  /** F3: open follow-ups, soonest due first, with time left (negative once overdue) and the steps still missing. */
  async detractorQueue(ownerId?: string): Promise<DetractorQueueItem[]> {
    const now = this.clock.now().getTime();
    const loops = await this.store.find<LoopDoc>(LOOPS, { where: { status: 'open', ...(ownerId ? { ownerId } : {}) }, orderBy: [{ field: 'dueAt' }], limit: 1_000 });
    return loops.map((l) => {
      const hoursLeft = Math.round(((Date.parse(l.dueAt) - now) / 3_600_000) * 10) / 10;
      return {
        loopId: l.id,
        customerId: l.customerId,
        surveyId: l.surveyId,
        ownerId: l.ownerId,
        score: l.score,
        categories: l.categories,
        openedAt: l.openedAt,
        dueAt: l.dueAt,
        hoursLeft,
        overdue: hoursLeft < 0,
        stepsDone: LOOP_STEPS.filter((s) => l.steps.includes(s)),
        stepsMissing: missingSteps(l),
        escalatedTo: l.escalatedTo,
      };
    });
  }

  loop(loopId: string): Promise<LoopDoc | undefined> {
    return this.store.get<LoopDoc>(LOOPS, loopId);
  }

  /** Feedback's copy of what the customers topic said of a customer (undefined: never heard of). */
  customer(customerId: string): Promise<CustomerFactsDoc | undefined> {
    return this.store.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, customerId);
  }

  survey(surveyId: string): Promise<SurveyDoc | undefined> {
    return this.store.get<SurveyDoc>(SURVEYS, surveyId);
  }

  /** F7: what the customer was asked and answered, their category over time, their follow-ups. */
  async history(customerId: string): Promise<FeedbackHistory> {
    const [surveys, loops] = await Promise.all([
      this.store.find<SurveyDoc>(SURVEYS, { where: { customerId }, orderBy: [{ field: 'requestedAt' }], limit: 1_000 }),
      this.store.find<LoopDoc>(LOOPS, { where: { customerId }, orderBy: [{ field: 'openedAt' }], limit: 1_000 }),
    ]);
    const sentiment = surveys.flatMap((s) => (s.answeredAt && s.score !== null && s.category ? [{ at: s.answeredAt, score: s.score, category: s.category }] : []));
    return { customerId, surveys, sentiment, loops };
  }

  /** F6: categories by frequency × damage, most harm first. */
  async issues(): Promise<{ readonly asOf: string; readonly responses: number; readonly issues: readonly RankedIssue[] }> {
    const [sums, lost] = await Promise.all([this.store.find<IssueDoc>(ISSUES, { limit: 100 }), this.store.find<IssueLostDoc>(ISSUE_LOST, { limit: 100 })]);
    const lostOf = new Map(lost.map((l) => [l.id, l.lost]));
    const total: IssueStats = sums.find((s) => s.id === 'total') ?? emptyIssueStats();
    const byCategory: Partial<Record<WhyCategory, IssueStats>> = {};
    for (const doc of sums) {
      if (doc.id === 'total' || !WHY_CATEGORIES.includes(doc.id)) continue;
      byCategory[doc.id] = { responses: doc.responses, scoreSum: doc.scoreSum, weightedResponses: doc.weightedResponses, lost: Math.min(doc.responses, lostOf.get(doc.id) ?? 0) };
    }
    return { asOf: this.clock.now().toISOString(), responses: total.responses, issues: rankIssues(total, byCategory) };
  }

  /** How many surveys are in each state now (requested-and-waiting counts are 0 while requests are decided at once). */
  async pipeline(): Promise<PipelineDoc> {
    return (await this.store.get<PipelineDoc>(COUNTERS, PIPELINE)) ?? { id: PIPELINE, requested: 0, throttled: 0, sent: 0, answered: 0, expired: 0 };
  }

  /** F5: how many answers a survey version's pilot has had. */
  pilotAnswers(definitionId: string, version: number): Promise<number> {
    return this.store.count(SURVEYS, { where: { definitionId, definitionVersion: version, status: 'answered' } });
  }

  pilotSent(definitionId: string, version: number): Promise<number> {
    return this.store.count(SURVEYS, { where: { definitionId, definitionVersion: version } });
  }
}
