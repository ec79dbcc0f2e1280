import { CommandHandler, DomainError, fold, toDomainEvent, type CommandContext, type HandleResult, type StreamExpectation } from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import {
  complaintStreamId,
  createComplaintDecider,
  referenceDecider,
  referenceStreamId,
  type ComplaintActor,
  type ComplaintCommand,
  type ComplaintCommandBody,
  type ComplaintEvent,
  type ComplaintPolicy,
  type ComplaintState,
  type ReceiveComplaint,
  type ReferenceCounter,
  type ReferenceReserved,
  type ReserveReference,
} from '@rapport/complaints-domain';
import { countBreaches } from './complaint-metrics';
import type { DirectoryCopy } from './directory-copy/directory-copy';
import { COMPLAINTS_PROJECTION } from './read-models/complaints.projection';

export type ComplaintResult = HandleResult<ComplaintEvent, ComplaintState>;

export const actorOf = (context: CommandContext): ComplaintActor => ({ id: context.actor.id, roles: context.actor.roles ?? [] });

/** One command id per step of a use case that writes two streams, so a retried request replays both. */
export const stepOf = (context: CommandContext, step: string): CommandContext => ({ ...context, commandId: `${context.commandId}/${step}`, causationId: context.commandId });

/** An intake as the use case builds it: everything but the reference, which this service gives (K1). */
export type Intake = Omit<Extract<ComplaintCommandBody, { type: 'receive-complaint' }>, 'type' | 'reference'>;

/** Runs complaint commands: the decider under the configured policy, on the service's event store. */
export class ComplaintCommands {
  private readonly decider: ReturnType<typeof createComplaintDecider>;
  private readonly handler: CommandHandler<ComplaintCommand, ComplaintEvent, ComplaintState>;
  private readonly references: CommandHandler<ReserveReference, ReferenceReserved, ReferenceCounter>;

  constructor(
    readonly host: ServiceHost,
    readonly policy: ComplaintPolicy,
    private readonly directory: DirectoryCopy,
  ) {
    this.decider = createComplaintDecider(policy);
    this.handler = new CommandHandler(host.events, this.decider);
    this.references = new CommandHandler(host.events, referenceDecider, { cachedStreams: 4 });
  }

  /**
   * Runs a command on an existing complaint. The owner's manager is looked up now (D1), because any command
   * may be the one that finds a clock run out and escalates it (K3).
   */
  async execute(complaintId: string, body: ComplaintCommandBody, context: CommandContext, expectation: StreamExpectation = 'existing'): Promise<ComplaintResult> {
    const owner = body.type === 'receive-complaint' ? body.receivedBy : (await this.state(complaintId)).ownerId;
    const command = { ...body, actor: actorOf(context), now: context.now, ownersManagerId: await this.directory.managerOf(owner) } as ComplaintCommand;
    const result = await this.handler.handle(complaintStreamId(complaintId), command, context, expectation);
    countBreaches(result);
    return result;
  }

  /**
   * K1: opens a complaint under a new reference. The reference comes from this year's counter stream first;
   * a retried request (same command id) gets the same reference back instead of a second one.
   */
  async receive(intake: Intake, context: CommandContext): Promise<ComplaintResult> {
    const receiving = stepOf(context, 'receive');
    // A complaint id seen before is a copy: refused before a reference is spent on it (a retry of the same
    // request, same command id, is answered from the store below instead).
    if (!(await this.host.events.findCommand(receiving.commandId)) && (await this.state(intake.complaintId)).status !== 'none') {
      throw new DomainError('conflict', 'already-exists', `complaint ${intake.complaintId} exists already`, 'K1', { complaintId: intake.complaintId });
    }
    const year = context.now.getUTCFullYear();
    const reserved = await this.references.handle(referenceStreamId(year), { type: 'reserve-reference', complaintId: intake.complaintId, now: context.now }, stepOf(context, 'reference'), 'any');
    const reference = reserved.events[0]?.data.reference;
    if (!reference) throw new Error(`no reference was reserved for complaint ${intake.complaintId}`);
    const body: Omit<ReceiveComplaint, 'actor' | 'now' | 'ownersManagerId'> = { type: 'receive-complaint', ...intake, reference };
    return this.execute(intake.complaintId, body, receiving, 'new');
  }

  /** The complaint's current state, straight from its stream (consistent, unlike a read model). */
  async state(complaintId: string): Promise<ComplaintState> {
    const events = await this.host.events.readStream<ComplaintEvent>(complaintStreamId(complaintId));
    return fold(this.decider, events.map(toDomainEvent));
  }

  /** Read-your-writes: resolves once the complaints read model reflects `position` (bounded wait). */
  async settled(position: number): Promise<void> {
    if (position > 0) await this.host.runner(COMPLAINTS_PROJECTION).waitFor(position);
  }
}
