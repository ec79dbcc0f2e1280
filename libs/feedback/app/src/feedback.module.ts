import { Module, type Provider } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, ENVIRONMENT, PersonalReadsModule, ReadinessRegistry, ServiceHost, STORAGE, type RapportEnvironment, type Storage } from '@rapport/platform-nest';
import { FEEDBACK_ANSWERS_TOPIC, FEEDBACK_TIMERS_TOPIC, FEEDBACK_TOPIC } from '@rapport/feedback-contracts';
import { defaultFeedbackPolicy, type FeedbackPolicy } from '@rapport/feedback-domain';
import { SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';
import { answerRateLimitFromEnv, AnswerRateLimiter, type AnswerRateLimit } from './answer-survey/answer-rate-limit';
import { AnswerService } from './answer-survey/answer-service';
import { AnswerSurveyHttpController } from './answer-survey/answer-survey.http.controller';
import { answerSecretOf } from './answer-secret';
import { AnswersConsumer } from './answers-from-topic/answers.consumer';
import { LoopHttpController } from './close-loop/loop.http.controller';
import { SurveyTriggersConsumer } from './customer-facts/survey-triggers.consumer';
import { FeedbackCommands } from './feedback-commands';
import { feedbackIntegration } from './feedback.integration';
import { ANSWER_RATE_LIMIT, ANSWER_TOKEN_SECRET, FEEDBACK_HOST, FEEDBACK_POLICY, FEEDBACK_SERVICE } from './feedback.tokens';
import { FeedbackTimersConsumer } from './on-timer/feedback-timers.consumer';
import { FeedbackQueries } from './queries/feedback-queries';
import { FeedbackQueriesHttpController } from './queries/feedback-queries.http.controller';
import { customerFactsProjection } from './read-models/customer-facts.projection';
import { feedbackProjection } from './read-models/feedback.projection';
import { RelationshipWave } from './relationship-wave/relationship-wave';
import { RelationshipWaveHttpController } from './relationship-wave/relationship-wave.http.controller';
import { RequestSurveyHttpController } from './request-survey/request-survey.http.controller';
import { SurveyRequests } from './request-survey/survey-requests';
import { SurveyDefinitions } from './survey-definitions/survey-definitions';
import { SurveyDefinitionsHttpController } from './survey-definitions/survey-definitions.http.controller';

const service = <T>(token: new (...args: never[]) => T, inject: readonly unknown[], make: (...deps: never[]) => T): Provider => ({
  provide: token,
  inject: [...inject] as never[],
  useFactory: make,
});

/**
 * The feedback service (F1–F7): owns the per-customer feedback streams (surveys, sentiment, follow-ups), the
 * survey definitions, the NPS board, queue, history, issue and pipeline read models, and the
 * `rapport.feedback.v1` topic; reads `rapport.customers.v1` and `rapport.directory.v1` into copies of its own,
 * takes answers from integrators on `rapport.feedback.answers.v1` and timers on `rapport.feedback.timers.v1`.
 * Runs alone (apps/feedback) or inside the all-in-one runtime.
 */
@Module({
  imports: [PersonalReadsModule.forService(FEEDBACK_SERVICE, '/api/v1/feedback')], // A6: GETs under these paths read personal data
  controllers: [RelationshipWaveHttpController, RequestSurveyHttpController, AnswerSurveyHttpController, LoopHttpController, SurveyDefinitionsHttpController, FeedbackQueriesHttpController],
  providers: [
    { provide: FEEDBACK_POLICY, useValue: defaultFeedbackPolicy },
    { provide: ANSWER_TOKEN_SECRET, inject: [ENVIRONMENT], useFactory: (env: RapportEnvironment) => answerSecretOf(env) },
    { provide: ANSWER_RATE_LIMIT, useFactory: () => answerRateLimitFromEnv() },
    {
      provide: FEEDBACK_HOST,
      inject: [STORAGE, ReadinessRegistry, FEEDBACK_POLICY, ANSWER_TOKEN_SECRET],
      useFactory: async (storage: Storage, readiness: ReadinessRegistry, policy: FeedbackPolicy, secret: string) =>
        new ServiceHost(await storage.eventStore(FEEDBACK_SERVICE), await storage.readModels(FEEDBACK_SERVICE), await storage.bus(), readiness, {
          service: FEEDBACK_SERVICE,
          projections: [feedbackProjection(policy)],
          // Feedback's inboxes (answers, timers) are created with their dead-letter topics here too.
          relay: { map: feedbackIntegration(secret), topics: [{ name: FEEDBACK_TOPIC }, { name: FEEDBACK_TIMERS_TOPIC }, { name: FEEDBACK_ANSWERS_TOPIC }, { name: SCHEDULER_TOPIC }] },
          topicProjections: [customerFactsProjection],
        }),
    },
    service(FeedbackCommands, [FEEDBACK_HOST], (host: ServiceHost) => new FeedbackCommands(host)),
    service(FeedbackQueries, [FEEDBACK_HOST, CLOCK, FEEDBACK_POLICY], (host: ServiceHost, clock: Clock, policy: FeedbackPolicy) => new FeedbackQueries(host.readModels, clock, policy)),
    service(SurveyDefinitions, [FEEDBACK_HOST, FeedbackQueries], (host: ServiceHost, queries: FeedbackQueries) => new SurveyDefinitions(host, queries)),
    service(
      SurveyRequests,
      [FeedbackCommands, SurveyDefinitions, FEEDBACK_POLICY],
      (commands: FeedbackCommands, definitions: SurveyDefinitions, policy: FeedbackPolicy) => new SurveyRequests(commands, definitions, policy),
    ),
    service(
      AnswerService,
      [FeedbackCommands, FEEDBACK_HOST, FEEDBACK_POLICY, ANSWER_TOKEN_SECRET, SurveyDefinitions],
      (commands: FeedbackCommands, host: ServiceHost, policy: FeedbackPolicy, secret: string, definitions: SurveyDefinitions) =>
        new AnswerService(commands, host.readModels, policy, secret, definitions),
    ),
    service(
      RelationshipWave,
      [FEEDBACK_HOST, SurveyRequests, FEEDBACK_POLICY],
      (host: ServiceHost, requests: SurveyRequests, policy: FeedbackPolicy) => new RelationshipWave(host.readModels, requests, policy),
    ),
    service(AnswerRateLimiter, [ANSWER_RATE_LIMIT, CLOCK], (limit: AnswerRateLimit, clock: Clock) => new AnswerRateLimiter(limit, clock)),
    service(
      SurveyTriggersConsumer,
      [FEEDBACK_HOST, FeedbackCommands, FEEDBACK_POLICY, CLOCK],
      (host: ServiceHost, commands: FeedbackCommands, policy: FeedbackPolicy, clock: Clock) => new SurveyTriggersConsumer(host.bus, commands, policy, clock),
    ),
    service(
      FeedbackTimersConsumer,
      [FEEDBACK_HOST, FeedbackCommands, SurveyRequests, CLOCK],
      (host: ServiceHost, commands: FeedbackCommands, requests: SurveyRequests, clock: Clock) => new FeedbackTimersConsumer(host.bus, commands, requests, host.readModels, clock),
    ),
    service(AnswersConsumer, [FEEDBACK_HOST, AnswerService, CLOCK], (host: ServiceHost, answers: AnswerService, clock: Clock) => new AnswersConsumer(host.bus, answers, clock)),
  ],
  exports: [FEEDBACK_HOST, FeedbackCommands, FeedbackQueries, SurveyRequests, AnswerService],
})
export class FeedbackModule {
  static readonly topics = [FEEDBACK_TOPIC, FEEDBACK_TIMERS_TOPIC, FEEDBACK_ANSWERS_TOPIC];
}
