import { Module, type Provider } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, PersonalReadsModule, ReadinessRegistry, ServiceHost, STORAGE, type Storage } from '@rapport/platform-nest';
import { SALES_GATING_CHECK_REPLIES_TOPIC, SALES_GATING_CHECKS_TOPIC, SALES_GATING_TOPIC } from '@rapport/sales-gating-contracts';
import { defaultGatePolicy } from '@rapport/sales-gating-domain';
import { CheckPitchHttpController } from './check-pitch/check-pitch.http.controller';
import { ChecksConsumer } from './check-pitch/checks.consumer';
import { GateCommands } from './gate-commands';
import { GateQueriesHttpController } from './gate-queries/gate-queries.http.controller';
import { PolicyHttpController } from './policy/policy.http.controller';
import { FixFirstReactor } from './fix-first-alerts/fix-first.reactor';
import { gatesProjection } from './read-models/gates.projection';
import { peopleProjection } from './read-models/people.projection';
import { RecordAttemptHttpController } from './record-attempt/record-attempt.http.controller';
import { RecordQuoteHttpController } from './record-quote/record-quote.http.controller';
import { toIntegrationMessages } from './sales-gating.integration';
import { SalesGatingQueries } from './sales-gating-queries';
import { SALES_GATING_HOST, SALES_GATING_SERVICE } from './sales-gating.tokens';
import { FactsConsumer } from './take-facts/facts.consumer';
import { WhatIfHttpController } from './what-if/what-if.http.controller';

const service = <T>(token: new (...args: never[]) => T, inject: readonly unknown[], make: (...deps: never[]) => T): Provider => ({
  provide: token,
  inject: [...inject] as never[],
  useFactory: make,
});

/**
 * The sales-gating service (G1–G9): owns one gate stream per customer, kept from the customers, feedback and
 * complaints topics only (never another service's store), the gates read model, the policy versions, and the
 * `rapport.sales-gating.v1` topic plus the checks request/reply topics. Runs alone (apps/sales-gating) or
 * inside the all-in-one runtime.
 */
@Module({
  imports: [PersonalReadsModule.forService(SALES_GATING_SERVICE, '/api/v1/sales-gating/customers')], // A6: GETs under these paths read personal data
  controllers: [CheckPitchHttpController, RecordAttemptHttpController, RecordQuoteHttpController, GateQueriesHttpController, PolicyHttpController, WhatIfHttpController],
  providers: [
    {
      provide: SALES_GATING_HOST,
      inject: [STORAGE, ReadinessRegistry],
      useFactory: async (storage: Storage, readiness: ReadinessRegistry) =>
        new ServiceHost(await storage.eventStore(SALES_GATING_SERVICE), await storage.readModels(SALES_GATING_SERVICE), await storage.bus(), readiness, {
          service: SALES_GATING_SERVICE,
          // The map's share bands use the default cut-off; gate statuses use the policy in force.
          projections: [gatesProjection(() => defaultGatePolicy.quadrant.highShareFrom)],
          relay: { map: toIntegrationMessages, topics: [{ name: SALES_GATING_TOPIC }, { name: SALES_GATING_CHECKS_TOPIC }, { name: SALES_GATING_CHECK_REPLIES_TOPIC }] },
          topicProjections: [peopleProjection],
        }),
    },
    service(GateCommands, [SALES_GATING_HOST], (host: ServiceHost) => new GateCommands(host.events)),
    service(SalesGatingQueries, [SALES_GATING_HOST, CLOCK], (host: ServiceHost, clock: Clock) => new SalesGatingQueries(host.readModels, clock)),
    service(FactsConsumer, [SALES_GATING_HOST, GateCommands, CLOCK], (host: ServiceHost, commands: GateCommands, clock: Clock) => new FactsConsumer(host.bus, commands, clock)),
    service(
      ChecksConsumer,
      [SALES_GATING_HOST, SalesGatingQueries, GateCommands],
      (host: ServiceHost, queries: SalesGatingQueries, commands: GateCommands) => new ChecksConsumer(host.bus, queries, commands),
    ),
    service(
      FixFirstReactor,
      [SALES_GATING_HOST, GateCommands, CLOCK, ReadinessRegistry],
      (host: ServiceHost, commands: GateCommands, clock: Clock, readiness: ReadinessRegistry) => new FixFirstReactor(host.events, host.readModels, commands, clock, readiness),
    ),
  ],
  exports: [SALES_GATING_HOST, GateCommands, SalesGatingQueries, FactsConsumer, ChecksConsumer, FixFirstReactor],
})
export class SalesGatingModule {
  static readonly topics = [SALES_GATING_TOPIC, SALES_GATING_CHECKS_TOPIC, SALES_GATING_CHECK_REPLIES_TOPIC];
}
