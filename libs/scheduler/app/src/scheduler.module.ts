import { Module, type Provider } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, PersonalReadsModule, ReadinessRegistry, ServiceHost, STORAGE, type Storage } from '@rapport/platform-nest';
import { CUSTOMERS_TIMERS_TOPIC, SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';
import { defaultCadencePolicy, type CadencePolicy } from '@rapport/scheduler-domain';
import { CadenceFiringsReactor } from './customer-cadence/cadence-firings.reactor';
import { CadenceWorkflow } from './customer-cadence/cadence-workflow';
import { CustomerCadenceConsumer } from './customer-cadence/customer-cadence.consumer';
import { CustomerOutlookHttpController } from './customer-timeline/customer-outlook.http.controller';
import { defaultFiringOptions, FiringLoop, type FiringOptions } from './fire-due-timers/firing-loop';
import { OverdueByTeamHttpController } from './overdue-by-team/overdue-by-team.http.controller';
import { followUpsProjection } from './read-models/follow-ups.projection';
import { peopleProjection } from './read-models/people.projection';
import { TIMER_INDEX_PROJECTION, timerIndexProjection } from './read-models/timer-index.projection';
import { TimerRequestsConsumer } from './request-timers/timer-requests.consumer';
import { toIntegrationMessages } from './scheduler.integration';
import { SchedulerQueries } from './scheduler-queries';
import { CADENCE_POLICY, FIRING_OPTIONS, SCHEDULER_HOST, SCHEDULER_SERVICE } from './scheduler.tokens';
import { TaskListHttpController } from './task-list/task-list.http.controller';
import { TimerCommands } from './timer-commands';

const service = <T>(token: new (...args: never[]) => T, inject: readonly unknown[], make: (...deps: never[]) => T): Provider => ({
  provide: token,
  inject: [...inject] as never[],
  useFactory: make,
});

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** `SCHEDULER_BATCH_SIZE` (timers per atomic firing, default 500) and `SCHEDULER_POLL_MS` (default 1000). */
export const firingOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): FiringOptions => ({
  batchSize: positive(env['SCHEDULER_BATCH_SIZE'], defaultFiringOptions.batchSize),
  pollMs: positive(env['SCHEDULER_POLL_MS'], defaultFiringOptions.pollMs),
});

/**
 * The scheduler service (S1–S3): owns the timer and cadence streams, the due-time index, the follow-ups
 * read model and the `rapport.scheduler.v1` topic (plus the customers' timer inbox it alone writes).
 * Runs alone (apps/scheduler) or inside the all-in-one runtime.
 */
@Module({
  imports: [PersonalReadsModule.forService(SCHEDULER_SERVICE, '/api/v1/scheduler')], // A6: GETs under these paths read personal data
  controllers: [TaskListHttpController, OverdueByTeamHttpController, CustomerOutlookHttpController],
  providers: [
    { provide: CADENCE_POLICY, useValue: defaultCadencePolicy },
    { provide: FIRING_OPTIONS, useFactory: () => firingOptionsFromEnv() },
    {
      provide: SCHEDULER_HOST,
      inject: [STORAGE, ReadinessRegistry, CADENCE_POLICY],
      useFactory: async (storage: Storage, readiness: ReadinessRegistry, policy: CadencePolicy) =>
        new ServiceHost(await storage.eventStore(SCHEDULER_SERVICE), await storage.readModels(SCHEDULER_SERVICE), await storage.bus(), readiness, {
          service: SCHEDULER_SERVICE,
          projections: [timerIndexProjection, followUpsProjection(policy)],
          relay: { map: toIntegrationMessages, topics: [{ name: SCHEDULER_TOPIC }, { name: CUSTOMERS_TIMERS_TOPIC }] },
          topicProjections: [peopleProjection],
        }),
    },
    service(TimerCommands, [SCHEDULER_HOST], (host: ServiceHost) => new TimerCommands(host.events)),
    service(
      CadenceWorkflow,
      [SCHEDULER_HOST, CADENCE_POLICY, TimerCommands],
      (host: ServiceHost, policy: CadencePolicy, timers: TimerCommands) => new CadenceWorkflow(host.events, policy, timers),
    ),
    service(
      FiringLoop,
      [TimerCommands, SCHEDULER_HOST, CLOCK, FIRING_OPTIONS],
      (timers: TimerCommands, host: ServiceHost, clock: Clock, options: FiringOptions) =>
        new FiringLoop(timers, host.readModels, host.runner(TIMER_INDEX_PROJECTION), clock, options),
    ),
    service(TimerRequestsConsumer, [SCHEDULER_HOST, TimerCommands, CLOCK], (host: ServiceHost, timers: TimerCommands, clock: Clock) => new TimerRequestsConsumer(host.bus, timers, clock)),
    service(CustomerCadenceConsumer, [SCHEDULER_HOST, CadenceWorkflow, CLOCK], (host: ServiceHost, w: CadenceWorkflow, clock: Clock) => new CustomerCadenceConsumer(host.bus, w, clock)),
    service(
      CadenceFiringsReactor,
      [SCHEDULER_HOST, CadenceWorkflow, CLOCK, ReadinessRegistry],
      (host: ServiceHost, w: CadenceWorkflow, clock: Clock, readiness: ReadinessRegistry) => new CadenceFiringsReactor(host.events, host.readModels, w, clock, readiness),
    ),
    service(SchedulerQueries, [SCHEDULER_HOST, CLOCK], (host: ServiceHost, clock: Clock) => new SchedulerQueries(host.readModels, clock)),
  ],
  exports: [SCHEDULER_HOST, TimerCommands, CadenceWorkflow, FiringLoop, SchedulerQueries, CadenceFiringsReactor],
})
export class SchedulerModule {
  static readonly topics = [SCHEDULER_TOPIC, CUSTOMERS_TIMERS_TOPIC];
}
