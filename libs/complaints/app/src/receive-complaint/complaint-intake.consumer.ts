import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import { DomainError, type Actor, type Clock, type CommandContext } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type IncomingMessage, type IntegrationEvent } from '@rapport/platform-messaging';
import { CUSTOMERS_TOPIC, CustomerEventTypes, type WinBackComplaintRaisedV1 } from '@rapport/customers-contracts';
import {
  COMPLAINTS_INTAKE_TOPIC,
  ComplaintIntakeTypes,
  type ComplaintSubmittedV1,
  type CustomerAnsweredV1,
} from '@rapport/complaints-contracts';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, SEVERITIES, type ComplaintCommandBody } from '@rapport/complaints-domain';
import type { ComplaintCommands } from '../complaint-commands';
import type { DirectoryCopy } from '../directory-copy/directory-copy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isText = (value: unknown, max: number, min = 1): value is string => typeof value === 'string' && value.trim().length >= min && value.length <= max;
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

/** Checks an integrator's submission against the v1 contract; what no retry can fix is dead-lettered with the reason. */
export function submissionOf(data: unknown): ComplaintSubmittedV1 {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const problems = [
    typeof d['complaintId'] === 'string' && UUID.test(d['complaintId']) ? null : 'complaintId must be a UUID',
    isText(d['customerId'], 100) ? null : 'customerId is required',
    oneOf(COMPLAINT_CHANNELS, d['channel']) ? null : `channel must be one of ${COMPLAINT_CHANNELS.join(', ')}`,
    oneOf(COMPLAINT_CATEGORIES, d['category']) ? null : `category must be one of ${COMPLAINT_CATEGORIES.join(', ')}`,
    oneOf(SEVERITIES, d['severity']) ? null : `severity must be one of ${SEVERITIES.join(', ')}`,
    isText(d['description'], 4_000) ? null : 'description is required (at most 4000 characters)',
    isText(d['remedySought'], 1_000, 0) ? null : 'remedySought is a string (at most 1000 characters)',
    isText(d['receivedBy'], 100) ? null : 'receivedBy is required',
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new PoisonMessageError(`${ComplaintIntakeTypes.submitted}: ${problems.join('; ')}`);
  return d as unknown as ComplaintSubmittedV1;
}

function answerOf(data: unknown): ComplaintCommandBody & { complaintId: string } {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Partial<CustomerAnsweredV1>;
  if (typeof d.complaintId !== 'string' || !UUID.test(d.complaintId)) throw new PoisonMessageError(`${ComplaintIntakeTypes.customerAnswered}: complaintId must be a UUID`);
  if (!isText(d.text, 4_000, 0)) throw new PoisonMessageError(`${ComplaintIntakeTypes.customerAnswered}: text is a string`);
  const text = d.text.trim();
  switch (d.answer) {
    case 'reply':
      return { complaintId: d.complaintId, type: 'record-customer-reply', summary: text || 'the customer replied' };
    case 'confirm':
      return { complaintId: d.complaintId, type: 'confirm-resolution', satisfaction: d.satisfaction ?? null, comment: text };
    case 'reject':
      return { complaintId: d.complaintId, type: 'reject-resolution', reason: text || 'the customer rejected the resolution' };
    default:
      throw new PoisonMessageError(`${ComplaintIntakeTypes.customerAnswered}: answer must be reply, confirm or reject`);
  }
}

const contextOf = (event: IntegrationEvent, clock: Clock, prefix: string, actorKind: Actor['kind']): CommandContext => ({
  commandId: `${prefix}/${event.id}`,
  actor: { id: event.actorid ?? event.source, kind: actorKind, roles: ['integrator'] },
  now: clock.now(),
  correlationId: event.correlationid ?? event.id,
  causationId: event.id,
  via: 'topic',
  ...(event.traceparent ? { traceparent: event.traceparent } : {}),
});

/**
 * K1 from anywhere: integrators (a helpdesk, a call centre) submit complaints and the customer's answers on
 * `rapport.complaints.intake.v1`; a win-back answer that is a complaint (C11) arrives from the customers
 * topic. Rule refusals are dead-lettered with their reason (no retry changes them); a complaint id received
 * before is a copy and changes nothing.
 */
export class ComplaintIntakeConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly intake: BusConsumer;
  private readonly winBack: BusConsumer;

  constructor(
    private readonly commands: ComplaintCommands,
    private readonly directory: DirectoryCopy,
    private readonly clock: Clock,
  ) {
    this.intake = new BusConsumer(commands.host.bus, { groupId: 'complaints-intake', topics: [COMPLAINTS_INTAKE_TOPIC], handle: (m) => this.handle(m) }, 'complaints');
    this.winBack = new BusConsumer(commands.host.bus, { groupId: 'complaints-win-back', topics: [CUSTOMERS_TOPIC], handle: (m) => this.handle(m) }, 'complaints');
  }

  onApplicationBootstrap(): void {
    this.intake.start();
    this.winBack.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.intake.stop();
    await this.winBack.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    const { event } = message;
    try {
      if (event.type === ComplaintIntakeTypes.submitted) await this.submitted(event);
      else if (event.type === ComplaintIntakeTypes.customerAnswered) {
        const { complaintId, ...body } = answerOf(event.data);
        await this.commands.execute(complaintId, body as ComplaintCommandBody, contextOf(event, this.clock, 'answer', 'integrator'));
      } else if (event.type === CustomerEventTypes.winBackComplaintRaised) await this.winBackComplaint(event);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'already-exists') return; // the same complaint again
      if (error instanceof DomainError) throw new PoisonMessageError(`${error.rule ?? 'K1'} ${error.code}: ${error.message}`);
      throw error;
    }
  }

  private async submitted(event: IntegrationEvent): Promise<void> {
    const s = submissionOf(event.data);
    const receiver = await this.directory.standing(s.receivedBy);
    const intake = { ...s, source: 'integrator' as const, receiver, calendar: await this.directory.calendarOf(receiver.teamId) };
    await this.commands.receive(intake, contextOf(event, this.clock, 'intake', 'integrator'));
  }

  /**
   * C11 → K1: the customer's words stay with the customers service (A5); the complaint opens under the id it
   * chose, owned by the customer's owner, who heard it, as a medium service complaint until she reclassifies it.
   */
  private async winBackComplaint(event: IntegrationEvent): Promise<void> {
    const d = event.data as Partial<WinBackComplaintRaisedV1> | null;
    if (typeof d?.complaintId !== 'string' || typeof d.customerId !== 'string' || typeof d.ownerId !== 'string') {
      throw new PoisonMessageError(`${CustomerEventTypes.winBackComplaintRaised}: complaintId, customerId and ownerId are required`);
    }
    const receiver = await this.directory.standing(d.ownerId);
    // The rep who heard it is the actor: the customers service recorded it on her word.
    const context: CommandContext = { ...contextOf(event, this.clock, 'win-back', 'system'), actor: { id: d.raisedBy ?? d.ownerId, kind: 'user', roles: ['rep'] } };
    await this.commands.receive(
      {
        complaintId: d.complaintId,
        customerId: d.customerId,
        channel: 'phone',
        category: 'service',
        severity: 'medium',
        description: 'Raised in a win-back conversation (C11); the customer\'s words are on the win-back record of the customers service.',
        remedySought: '',
        source: 'win-back',
        receivedBy: d.ownerId,
        receiver,
        calendar: await this.directory.calendarOf(receiver.teamId),
      },
      context,
    );
  }
}
