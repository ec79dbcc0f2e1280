import { Module } from '@nestjs/common';
import { ReadinessRegistry, ServiceHost, STORAGE, type Storage } from '@rapport/platform-nest';
import type { CustomerPolicy } from '@rapport/customers-domain';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { ContactKeyRegistry } from './contact-key-registry';
import { CustomerCommands } from './customer-commands';
import { loadCustomerPolicy } from './customer-policy.config';
import { toIntegrationMessages } from './customers.integration';
import { CUSTOMER_POLICY, CUSTOMERS_HOST, CUSTOMERS_SERVICE } from './customers.tokens';
import { GetCustomerHttpController } from './get-customer/get-customer.http.controller';
import { customerCardProjection } from './read-models/customer-card.projection';
import { EstimateCategorySpendHttpController } from './estimate-category-spend/estimate-category-spend.http.controller';
import { LogContactHttpController } from './log-contact/log-contact.http.controller';
import { ManageCollaboratorsHttpController } from './manage-collaborators/manage-collaborators.http.controller';
import { RecordPurchaseHttpController } from './record-purchase/record-purchase.http.controller';
import { RegisterCustomerHttpController } from './register-customer/register-customer.http.controller';
import { SetGradeHttpController } from './set-grade/set-grade.http.controller';
import { TransferOwnershipHttpController } from './transfer-ownership/transfer-ownership.http.controller';
import { WinBackHttpController } from './win-back/win-back.http.controller';
import { RegistrationService } from './register-customer/registration.service';

/**
 * The customers service (C1–C12): owns the customer and contact-key streams, their read models and the
 * `rapport.customers.v1` topic. Runs alone (apps/customers) or inside the all-in-one runtime.
 */
@Module({
  // Routes with fixed segments come before `:customerId`, so `/customers/book` never parses as an id.
  controllers: [
    RegisterCustomerHttpController,
    GetCustomerHttpController,
    TransferOwnershipHttpController,
    ManageCollaboratorsHttpController,
    LogContactHttpController,
    SetGradeHttpController,
    RecordPurchaseHttpController,
    EstimateCategorySpendHttpController,
    WinBackHttpController,
  ],
  providers: [
    { provide: CUSTOMER_POLICY, useFactory: () => loadCustomerPolicy() },
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
    { provide: CustomerCommands, inject: [CUSTOMERS_HOST, CUSTOMER_POLICY], useFactory: (host: ServiceHost, policy: CustomerPolicy) => new CustomerCommands(host, policy) },
    { provide: ContactKeyRegistry, inject: [CustomerCommands], useFactory: (commands: CustomerCommands) => new ContactKeyRegistry(commands) },
    {
      provide: RegistrationService,
      inject: [CustomerCommands, ContactKeyRegistry],
      useFactory: (commands: CustomerCommands, registry: ContactKeyRegistry) => new RegistrationService(commands, registry),
    },
  ],
  exports: [CustomerCommands, RegistrationService, CUSTOMER_POLICY],
})
export class CustomersModule {
  static readonly topics = [CUSTOMERS_TOPIC];
}
