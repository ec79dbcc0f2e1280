import type { CommandContext, ReadModelStore } from '@rapport/platform-eventsourcing';
import { checkAnswers, contentOf, requireTokenFor, verifyAnswerToken, type FeedbackPolicy, type WhyCategory } from '@rapport/feedback-domain';
import type { FeedbackCommands } from '../feedback-commands';
import { dataOf } from '../recorded-data';
import type { SurveyDefinitions } from '../survey-definitions/survey-definitions';
import { FEEDBACK_CUSTOMERS, type CustomerFactsDoc } from '../read-models/customer-facts.projection';

export interface AnswerInput {
  readonly token: string;
  readonly score: number;
  readonly comment: string | null;
  readonly categories: readonly WhyCategory[];
  readonly answers: Readonly<Record<string, string>>;
}

export interface AnswerOutcome {
  readonly surveyId: string;
  readonly category: string;
  readonly loopOpened: boolean;
  readonly position: number;
}

/**
 * An answer with its token only (F4): the signature, expiry and binding to the survey are checked before
 * anything is written; single use is the survey's own state in the customer's stream. The follow-up (F3) goes
 * to the owner feedback's copy of the customers topic names now.
 */
export class AnswerService {
  constructor(
    private readonly commands: FeedbackCommands,
    private readonly facts: ReadModelStore,
    private readonly policy: FeedbackPolicy,
    private readonly secret: string,
    private readonly definitions: SurveyDefinitions,
  ) {}

  async answer(surveyId: string | null, input: AnswerInput, via: 'link' | 'topic', context: CommandContext): Promise<AnswerOutcome> {
    const claims = verifyAnswerToken(input.token, this.secret, context.now);
    requireTokenFor(claims, { surveyId: surveyId ?? claims.surveyId, customerId: claims.customerId });
    if (Object.keys(input.answers).length > 0) {
      const survey = (await this.commands.state(claims.customerId)).surveys[claims.surveyId];
      const content = survey ? contentOf(await this.definitions.state(survey.definitionId), survey.definitionVersion) : undefined;
      if (content) checkAnswers(content, input.answers);
    }
    const owner = (await this.facts.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, claims.customerId))?.ownerId ?? null;
    const result = await this.commands.execute(
      {
        type: 'answer-survey',
        surveyId: claims.surveyId,
        customerId: claims.customerId,
        score: input.score,
        comment: input.comment,
        categories: input.categories,
        answers: input.answers,
        via,
        ownerId: owner,
        policy: this.policy,
        now: context.now,
      },
      context,
    );
    const answered = dataOf(result.events, 'feedback.survey-answered.v1');
    return {
      surveyId: claims.surveyId,
      category: answered?.category ?? 'unchanged',
      loopOpened: result.events.some((e) => e.type === 'feedback.loop-opened.v1'),
      position: result.events.at(-1)?.metadata.globalPosition ?? 0,
    };
  }
}
