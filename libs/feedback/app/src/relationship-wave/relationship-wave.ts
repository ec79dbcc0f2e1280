import type { CommandContext, ReadModelStore } from '@rapport/platform-eventsourcing';
import { nameBasedUuid } from '@rapport/platform-eventsourcing';
import { addDays, surveyOrder, type FeedbackPolicy, type SurveyChannel } from '@rapport/feedback-domain';
import { FEEDBACK_CUSTOMERS, type CustomerFactsDoc } from '../read-models/customer-facts.projection';
import { LAST_SENT, type LastSentDoc } from '../read-models/feedback.projection';
import type { SurveyRequests } from '../request-survey/survey-requests';

export interface WaveOutcome {
  readonly candidates: number;
  /** Customers asked, in the order they were asked (most important first). */
  readonly asked: readonly string[];
  readonly sent: number;
  readonly throttled: number;
}

/** Candidates read per wave: a wave is a batch job over feedback's own copy, not a scan of the customers service. */
const MAX_CANDIDATES = 100_000;

/**
 * F4 relationship surveys for long-standing customers, with limited capacity (F1: "start with the most important
 * customers"): candidates not asked within the throttle window are ordered by tier, then share of wallet, and the
 * first `capacity` are asked. Each request is still decided by F4 on the customer's stream.
 */
export class RelationshipWave {
  constructor(
    private readonly facts: ReadModelStore,
    private readonly requests: SurveyRequests,
    private readonly policy: FeedbackPolicy,
  ) {}

  async run(capacity: number, channel: SurveyChannel, context: CommandContext): Promise<WaveOutcome> {
    const since = addDays(context.now.toISOString(), -this.policy.throttleDays);
    const longStanding = await this.facts.find<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, { where: { stage: 'long-standing', left: false, mergedInto: null }, limit: MAX_CANDIDATES });
    const candidates: CustomerFactsDoc[] = [];
    for (const customer of longStanding) {
      const last = await this.facts.get<LastSentDoc>(LAST_SENT, customer.id);
      if (!last || last.sentAt < since) candidates.push(customer);
    }
    const order = surveyOrder(
      candidates.map((c) => ({ customerId: c.id, tier: c.tier, shareOfWallet: c.shareOfWallet })),
      capacity,
    );
    let sent = 0;
    let throttled = 0;
    for (const { customerId } of order) {
      const step: CommandContext = { ...context, commandId: `${context.commandId}/${customerId}`, causationId: context.commandId };
      const outcome = await this.requests.request(
        { surveyId: nameBasedUuid(`wave/${context.commandId}/${customerId}`), customerId, trigger: 'relationship', triggerRef: `wave-${context.commandId}`, channel },
        step,
      );
      if (outcome.status === 'sent') sent += 1;
      if (outcome.status === 'throttled') throttled += 1;
    }
    return { candidates: candidates.length, asked: order.map((c) => c.customerId), sent, throttled };
  }
}
