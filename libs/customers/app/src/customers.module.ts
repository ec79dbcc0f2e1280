import { Module } from '@nestjs/common';
import { CommandHandler } from '@rapport/platform-eventsourcing';
import { ReadinessRegistry, ServiceHost, STORAGE, type Storage } from '@rapport/platform-nest';
import { customerDecider } from '@rapport/customers-domain';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { customerCardProjection } from './customer-card.projection';
import { toIntegrationMessages } from './customers.integration';
import { CUSTOMER_COMMANDS, CUSTOMERS_HOST, CUSTOMERS_SERVICE } from './customers.tokens';
import { GetCustomerHttpController } from './get-customer/get-customer.http.controller';
import { RegisterCustomerHttpController } from './register-customer/register-customer.http.controller';

/**
 * The customers service (C1–C12): owns the customer streams, their read models and the
 * `rapport.customers.v1` topic. Runs alone (apps/customers) or inside the all-in-one runtime.
 */
@Module({
  controllers: [RegisterCustomerHttpController, GetCustomerHttpController],
  providers: [
    {
      provide: CUSTOMERS_HOST,
      inject: [STORAGE, ReadinessRegistry],
      useFactory: (storage: Storage, readiness: ReadinessRegistry) =>
        new ServiceHost(storage.eventStore(CUSTOMERS_SERVICE), storage.readModels(CUSTOMERS_SERVICE), storage.bus(), readiness, {
          service: CUSTOMERS_SERVICE,
          projections: [customerCardProjection],
          relay: { map: toIntegrationMessages },
        }),
    },
    {
      provide: CUSTOMER_COMMANDS,
      inject: [CUSTOMERS_HOST],
      useFactory: (host: ServiceHost) => new CommandHandler(host.events, customerDecider),
    },
  ],
})
export class CustomersModule {
  static readonly topics = [CUSTOMERS_TOPIC];
}
