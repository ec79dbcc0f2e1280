import type { CommandContext } from '@rapport/platform-eventsourcing';
import type { FeedbackPolicy, SurveyChannel, SurveyTrigger } from '@rapport/feedback-domain';
import type { FeedbackCommands } from '../feedback-commands';
import { dataOf } from '../recorded-data';
import { surveyThrottles } from './survey-metrics';
import type { SurveyDefinitions } from '../survey-definitions/survey-definitions';

export interface SurveyRequestOutcome {
  readonly surveyId: string;
  readonly customerId: string;
  readonly status: 'sent' | 'throttled' | 'unchanged';
  readonly throttleReason: string | null;
  readonly allowedFrom: string | null;
  readonly expiresAt: string | null;
  readonly position: number;
}

/** Asks for a survey (by a trigger or by hand) with the questionnaire version due (F5 pilot first). F4 decides. */
export class SurveyRequests {
  constructor(
    private readonly commands: FeedbackCommands,
    private readonly definitions: SurveyDefinitions,
    private readonly policy: FeedbackPolicy,
  ) {}

  async request(
    input: { surveyId: string; customerId: string; trigger: SurveyTrigger; triggerRef: string | null; channel: SurveyChannel },
    context: CommandContext,
  ): Promise<SurveyRequestOutcome> {
    const definition = await this.definitions.versionToSend();
    const result = await this.commands.execute({ type: 'request-survey', ...input, definition, policy: this.policy, now: context.now }, context);
    const throttled = dataOf(result.events, 'feedback.survey-throttled.v1');
    const sent = dataOf(result.events, 'feedback.survey-sent.v1');
    // A request answered from the store (same command id) was counted when it was decided.
    if (throttled && !result.duplicate) surveyThrottles.inc({ reason: throttled.reason, trigger: input.trigger });
    return {
      surveyId: input.surveyId,
      customerId: input.customerId,
      status: sent ? 'sent' : throttled ? 'throttled' : 'unchanged',
      throttleReason: throttled?.reason ?? null,
      allowedFrom: throttled?.allowedFrom ?? null,
      expiresAt: sent?.expiresAt ?? null,
      position: result.events.at(-1)?.metadata.globalPosition ?? 0,
    };
  }
}
