import { Module, type Provider } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, PersonalReadsModule, ReadinessRegistry, ServiceHost, STORAGE, type Storage } from '@rapport/platform-nest';
import type { CustomerPolicy } from '@rapport/customers-domain';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { CardAsOfHttpController } from './card-as-of/card-as-of.http.controller';
import { ContactKeyRegistry } from './contact-key-registry';
import { CustomerCommands } from './customer-commands';
import { DirectoryCopy, loadDirectoryRequired } from './directory-copy/directory-copy';
import { directoryCopyProjection } from './directory-copy/directory-copy.projection';
import { CustomerHistoryHttpController } from './customer-history/customer-history.http.controller';
import { loadCustomerPolicy } from './customer-policy.config';
import { toIntegrationMessages } from './customers.integration';
import { CUSTOMER_POLICY, CUSTOMERS_HOST, CUSTOMERS_SERVICE } from './customers.tokens';
import { EraseCustomerHttpController } from './erase-customer/erase-customer.http.controller';
import { ErasureService } from './erase-customer/erasure.service';
import { EstimateCategorySpendHttpController } from './estimate-category-spend/estimate-category-spend.http.controller';
import { GetCustomerHttpController } from './get-customer/get-customer.http.controller';
import { ImportCustomersHttpController } from './import-customers/import-customers.http.controller';
import { ImportJobs } from './import-customers/import-jobs';
import { ImportService } from './import-customers/import.service';
import { ListDuplicatesHttpController } from './list-duplicates/list-duplicates.http.controller';
import { ListReclaimableHttpController } from './list-reclaimable/list-reclaimable.http.controller';
import { LogContactHttpController } from './log-contact/log-contact.http.controller';
import { ManageCollaboratorsHttpController } from './manage-collaborators/manage-collaborators.http.controller';
import { MergeCustomersHttpController } from './merge-customers/merge-customers.http.controller';
import { MergeService } from './merge-customers/merge.service';
import { OnTimerConsumer } from './on-timer/on-timer.consumer';
import { customerCardProjection } from './read-models/customer-card.projection';
import { ReassignmentService } from './reclaim-customer/reassignment.service';
import { ReclaimCustomerHttpController } from './reclaim-customer/reclaim-customer.http.controller';
import { RecordPurchaseHttpController } from './record-purchase/record-purchase.http.controller';
import { RecordReferralHttpController } from './record-referral/record-referral.http.controller';
import { ReferralPointsReactor } from './record-referral/referral-points.reactor';
import { ReferralService } from './record-referral/referral.service';
import { RegisterCustomerHttpController } from './register-customer/register-customer.http.controller';
import { RegistrationService } from './register-customer/registration.service';
import { RepBookHttpController } from './rep-book/rep-book.http.controller';
import { SearchCustomersHttpController } from './search-customers/search-customers.http.controller';
import { SetGradeHttpController } from './set-grade/set-grade.http.controller';
import { SweepCustomersHttpController } from './sweep-customers/sweep-customers.http.controller';
import { SweepService } from './sweep-customers/sweep.service';
import { TransferOwnershipHttpController } from './transfer-ownership/transfer-ownership.http.controller';
import { CardUpdateService } from './update-card/card-update.service';
import { UpdateCardHttpController } from './update-card/update-card.http.controller';
import { WinBackHttpController } from './win-back/win-back.http.controller';

/** A provider built from other providers by a plain constructor: the use cases stay free of Nest. */
const service = <T>(token: new (...args: never[]) => T, inject: readonly unknown[], make: (...deps: never[]) => T): Provider => ({
  provide: token,
  inject: [...inject] as never[],
  useFactory: make,
});

/**
 * The customers service (C1–C12): owns the customer, contact-key and import streams, their read models
 * and the `rapport.customers.v1` topic. Runs alone (apps/customers) or inside the all-in-one runtime.
 */
@Module({
  imports: [PersonalReadsModule.forService(CUSTOMERS_SERVICE, '/api/v1/customers')], // A6: GETs under these paths read personal data
  // Routes with fixed segments come before `:customerId`, so `/customers/book` never parses as an id.
  controllers: [
    ImportCustomersHttpController,
    SweepCustomersHttpController,
    RepBookHttpController,
    ListDuplicatesHttpController,
    ListReclaimableHttpController,
    SearchCustomersHttpController,
    RegisterCustomerHttpController,
    GetCustomerHttpController,
    CustomerHistoryHttpController,
    TransferOwnershipHttpController,
    ManageCollaboratorsHttpController,
    ReclaimCustomerHttpController,
    LogContactHttpController,
    SetGradeHttpController,
    RecordPurchaseHttpController,
    EstimateCategorySpendHttpController,
    UpdateCardHttpController,
    RecordReferralHttpController,
    WinBackHttpController,
    MergeCustomersHttpController,
    EraseCustomerHttpController,
    CardAsOfHttpController,
  ],
  providers: [
    { provide: CUSTOMER_POLICY, useFactory: () => loadCustomerPolicy() },
    {
      provide: CUSTOMERS_HOST,
      inject: [STORAGE, ReadinessRegistry],
      useFactory: async (storage: Storage, readiness: ReadinessRegistry) =>
        new ServiceHost(await storage.eventStore(CUSTOMERS_SERVICE), await storage.readModels(CUSTOMERS_SERVICE), await storage.bus(), readiness, {
          service: CUSTOMERS_SERVICE,
          projections: [customerCardProjection],
          relay: { map: toIntegrationMessages, topics: [{ name: CUSTOMERS_TOPIC }] },
          // D1, D2: customers keeps its own copy of the directory, from the directory's topic.
          topicProjections: [directoryCopyProjection],
        }),
    },
    service(CustomerCommands, [CUSTOMERS_HOST, CUSTOMER_POLICY], (host: ServiceHost, policy: CustomerPolicy) => new CustomerCommands(host, policy)),
    service(ContactKeyRegistry, [CustomerCommands], (c: CustomerCommands) => new ContactKeyRegistry(c)),
    service(RegistrationService, [CustomerCommands, ContactKeyRegistry], (c: CustomerCommands, r: ContactKeyRegistry) => new RegistrationService(c, r)),
    service(ImportService, [RegistrationService, CustomerCommands, DirectoryCopy], (r: RegistrationService, c: CustomerCommands, d: DirectoryCopy) => new ImportService(r, c, d)),
    service(ImportJobs, [ImportService, CLOCK], (i: ImportService, clock: Clock) => new ImportJobs(i, clock)),
    service(CardUpdateService, [CustomerCommands, ContactKeyRegistry], (c: CustomerCommands, r: ContactKeyRegistry) => new CardUpdateService(c, r)),
    service(MergeService, [CustomerCommands, ContactKeyRegistry], (c: CustomerCommands, r: ContactKeyRegistry) => new MergeService(c, r)),
    service(ReferralService, [CustomerCommands], (c: CustomerCommands) => new ReferralService(c)),
    service(DirectoryCopy, [CUSTOMERS_HOST], (host: ServiceHost) => new DirectoryCopy(host.readModels, loadDirectoryRequired())),
    service(ReassignmentService, [CustomerCommands, DirectoryCopy], (c: CustomerCommands, d: DirectoryCopy) => new ReassignmentService(c, d)),
    service(SweepService, [CustomerCommands, ReassignmentService, DirectoryCopy], (c: CustomerCommands, r: ReassignmentService, d: DirectoryCopy) => new SweepService(c, r, d)),
    service(ReferralPointsReactor, [CustomerCommands, CLOCK, ReadinessRegistry], (c: CustomerCommands, clock: Clock, readiness: ReadinessRegistry) => new ReferralPointsReactor(c, clock, readiness)),
    // A5: erasure destroys the customer's key in the deployment's key store, then records it.
    {
      provide: ErasureService,
      inject: [CustomerCommands, ContactKeyRegistry, STORAGE],
      useFactory: async (c: CustomerCommands, r: ContactKeyRegistry, storage: Storage) => new ErasureService(c, r, await storage.erasure()),
    },
    // S2: the scheduler's review-due deliveries run the sweep's per-customer review (C4, C6) as time passes.
    service(OnTimerConsumer, [CustomerCommands, CLOCK], (c: CustomerCommands, clock: Clock) => new OnTimerConsumer(c, clock)),
  ],
  exports: [DirectoryCopy, CustomerCommands, RegistrationService, ImportService, ImportJobs, MergeService, CardUpdateService, ReferralService, ReassignmentService, SweepService, CUSTOMER_POLICY],
})
export class CustomersModule {
  static readonly topics = [CUSTOMERS_TOPIC];
}
