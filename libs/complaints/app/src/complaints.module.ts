import { Module, type Provider } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, PersonalReadsModule, ReadinessRegistry, ServiceHost, STORAGE, type Storage } from '@rapport/platform-nest';
import { SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';
import { COMPLAINTS_TOPIC } from '@rapport/complaints-contracts';
import type { ComplaintPolicy } from '@rapport/complaints-domain';
import { loadComplaintPolicy } from './complaint-policy.config';
import { AcknowledgeComplaintHttpController } from './acknowledge-complaint/acknowledge-complaint.http.controller';
import { AwaitCustomerHttpController } from './await-customer/await-customer.http.controller';
import { SlaTimerConsumer } from './check-sla/sla-timer.consumer';
import { ComplaintCommands } from './complaint-commands';
import { ComplaintRecordHttpController } from './complaint-record/complaint-record.http.controller';
import { ComplaintTrendsHttpController } from './complaint-trends/complaint-trends.http.controller';
import { toIntegrationMessages } from './complaints.integration';
import { ComplaintsQueries } from './complaints-queries';
import { COMPLAINT_POLICY, COMPLAINTS_HOST, COMPLAINTS_SERVICE } from './complaints.tokens';
import { ConcessionsHttpController } from './concessions/concessions.http.controller';
import { CustomerComplaintsHttpController } from './customer-complaints/customer-complaints.http.controller';
import { DirectoryCopy } from './directory-copy/directory-copy';
import { directoryCopyProjection } from './directory-copy/directory-copy.projection';
import { GetComplaintHttpController } from './get-complaint/get-complaint.http.controller';
import { OwnerQueueHttpController } from './owner-queue/owner-queue.http.controller';
import { ProposeResolutionHttpController } from './propose-resolution/propose-resolution.http.controller';
import { complaintsProjection } from './read-models/complaints.projection';
import { OwnerLeftConsumer } from './reassign-on-leave/owner-left.consumer';
import { ComplaintIntakeConsumer } from './receive-complaint/complaint-intake.consumer';
import { ReceiveComplaintHttpController } from './receive-complaint/receive-complaint.http.controller';
import { RecordCustomerAnswerHttpController } from './record-customer-answer/record-customer-answer.http.controller';
import { RecordHandlingStepHttpController } from './record-handling-step/record-handling-step.http.controller';
import { RecordRootCauseHttpController } from './record-root-cause/record-root-cause.http.controller';
import { SlaBoardHttpController } from './sla-board/sla-board.http.controller';
import { TransferComplaintHttpController } from './transfer-complaint/transfer-complaint.http.controller';

/** A provider built from other providers by a plain constructor: the use cases stay free of Nest. */
const service = <T>(token: new (...args: never[]) => T, inject: readonly unknown[], make: (...deps: never[]) => T): Provider => ({
  provide: token,
  inject: [...inject] as never[],
  useFactory: make,
});

/**
 * The complaints service (K1–K7): owns the complaint and reference streams, the complaints read model and
 * the `rapport.complaints.v1` topic; asks the scheduler for its SLA timers and takes their deliveries on
 * `rapport.complaints.timers.v1`; takes integrators' complaints on `rapport.complaints.intake.v1` and win-back
 * complaints from the customers topic; keeps its own copy of the directory. Runs alone (apps/complaints) or
 * inside the all-in-one runtime.
 */
@Module({
  imports: [PersonalReadsModule.forService(COMPLAINTS_SERVICE, '/api/v1/complaints')], // A6: GETs under these paths read personal data
  // Routes with fixed segments come before `:complaintId`.
  controllers: [
    SlaBoardHttpController,
    OwnerQueueHttpController,
    CustomerComplaintsHttpController,
    ComplaintTrendsHttpController,
    ReceiveComplaintHttpController,
    GetComplaintHttpController,
    ComplaintRecordHttpController,
    AcknowledgeComplaintHttpController,
    RecordHandlingStepHttpController,
    AwaitCustomerHttpController,
    RecordCustomerAnswerHttpController,
    TransferComplaintHttpController,
    RecordRootCauseHttpController,
    ConcessionsHttpController,
    ProposeResolutionHttpController,
  ],
  providers: [
    { provide: COMPLAINT_POLICY, useFactory: () => loadComplaintPolicy() },
    {
      provide: COMPLAINTS_HOST,
      inject: [STORAGE, ReadinessRegistry],
      useFactory: async (storage: Storage, readiness: ReadinessRegistry) =>
        new ServiceHost(await storage.eventStore(COMPLAINTS_SERVICE), await storage.readModels(COMPLAINTS_SERVICE), await storage.bus(), readiness, {
          service: COMPLAINTS_SERVICE,
          projections: [complaintsProjection],
          // Its own topic, and the scheduler's, where it asks for SLA timers (S2).
          relay: { map: toIntegrationMessages, topics: [{ name: COMPLAINTS_TOPIC }, { name: SCHEDULER_TOPIC }] },
          topicProjections: [directoryCopyProjection],
        }),
    },
    service(DirectoryCopy, [COMPLAINTS_HOST], (host: ServiceHost) => new DirectoryCopy(host.readModels)),
    service(ComplaintCommands, [COMPLAINTS_HOST, COMPLAINT_POLICY, DirectoryCopy], (host: ServiceHost, policy: ComplaintPolicy, d: DirectoryCopy) => new ComplaintCommands(host, policy, d)),
    service(ComplaintsQueries, [COMPLAINTS_HOST, CLOCK, COMPLAINT_POLICY], (host: ServiceHost, clock: Clock, policy: ComplaintPolicy) => new ComplaintsQueries(host.readModels, clock, policy)),
    service(SlaTimerConsumer, [ComplaintCommands, CLOCK], (c: ComplaintCommands, clock: Clock) => new SlaTimerConsumer(c, clock)),
    // D2: the open complaints of someone who left move at once (to the accountable first receiver, or the manager).
    service(OwnerLeftConsumer, [ComplaintCommands, DirectoryCopy, CLOCK], (c: ComplaintCommands, d: DirectoryCopy, clock: Clock) => new OwnerLeftConsumer(c, d, clock)),
    service(ComplaintIntakeConsumer, [ComplaintCommands, DirectoryCopy, CLOCK], (c: ComplaintCommands, d: DirectoryCopy, clock: Clock) => new ComplaintIntakeConsumer(c, d, clock)),
  ],
  exports: [COMPLAINTS_HOST, ComplaintCommands, ComplaintsQueries, DirectoryCopy, SlaTimerConsumer, ComplaintIntakeConsumer, OwnerLeftConsumer],
})
export class ComplaintsModule {
  static readonly topics = [COMPLAINTS_TOPIC];
}
