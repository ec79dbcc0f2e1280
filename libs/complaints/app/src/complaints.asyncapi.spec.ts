import { join } from 'node:path';
import { type RecordedEvent, ALWAYS_OPEN } from '@rapport/platform-eventsourcing';
import type { OutgoingMessage } from '@rapport/platform-messaging';
import { asyncApiDocument, recordedEvents } from '@rapport/platform-testing';
import { SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';
import { COMPLAINTS_INTAKE_TOPIC, COMPLAINTS_TIMERS_TOPIC, COMPLAINTS_TOPIC, ComplaintEventTypes, ComplaintIntakeTypes, SlaDueType } from '@rapport/complaints-contracts';
import { type ComplaintEvent, type ReferenceReserved } from '@rapport/complaints-domain';
import { toIntegrationMessages } from './complaints.integration';
import { submissionOf } from './receive-complaint/complaint-intake.consumer';

/**
 * libs/complaints/contracts/asyncapi.yaml is the contract of the complaints topics (to join docs/asyncapi.yaml);
 * docs/asyncapi.yaml's scheduler channel is the contract of the timer requests. Every internal event goes
 * through the real mapping and the real Kafka binding.
 */
const contract = asyncApiDocument(join(__dirname, '../../contracts/asyncapi.yaml'));
const workspace = asyncApiDocument();

type InternalOnly =
  | 'complaints.handling-step-recorded.v1'
  | 'complaints.customer-awaited.v1'
  | 'complaints.customer-replied.v1'
  | 'complaints.root-cause-recorded.v1'
  | 'complaints.concession-approved.v1'
  | 'complaints.concession-granted.v1'
  | 'complaints.reference-reserved.v1';
type Internal = ComplaintEvent | ReferenceReserved;
type Published = Exclude<Internal['type'], InternalOnly>;
type DataOf<T extends Internal['type']> = Extract<Internal, { readonly type: T }>['data'];

const at = '2026-03-02T09:00:00.000Z';
const ids = { complaintId: '0192f0c4-6c1e-7d1a-9b7e-2f3c4d5e6f70', customerId: 'cust-1' };
const deadlines = { acknowledgeBy: '2026-03-02T13:00:00.000Z', resolveBy: '2026-03-04T09:00:00.000Z' };

const published: { readonly [T in Published]: DataOf<T> } = {
  'complaints.complaint-received.v1': {
    ...ids,
    reference: 'K-2026-000123',
    channel: 'phone',
    category: 'delivery',
    severity: 'high',
    description: 'the parcel arrived broken',
    remedySought: 'a replacement',
    source: 'rep',
    receivedBy: 'rep-ana',
    teamId: 'care',
    calendar: ALWAYS_OPEN,
    sla: { policyVersion: 'complaints-2026.1', acknowledgeMs: 4 * 3_600_000, resolveMs: 48 * 3_600_000 },
    deadlines,
    at,
  },
  'complaints.complaint-acknowledged.v1': { ...ids, ownerId: 'rep-ana', by: 'rep-ana', message: 'sorry', withinSla: true, at },
  'complaints.complaint-transferred.v1': { ...ids, reference: 'K-2026-000123', fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', toTeamId: 'care', accountableId: 'rep-ana', reason: 'expert', calendar: ALWAYS_OPEN, by: 'rep-ana', at },
  'complaints.sla-breached.v1': { ...ids, clock: 'acknowledge', dueAt: deadlines.acknowledgeBy, ownerId: 'rep-ana', at },
  'complaints.complaint-escalated.v1': { ...ids, clock: 'acknowledge', ownerId: 'rep-ana', accountableId: 'rep-ana', managerId: null, at },
  'complaints.resolution-proposed.v1': { ...ids, ownerId: 'rep-ana', resolution: 'replacement', by: 'rep-ana', at },
  'complaints.resolution-confirmed.v1': { ...ids, ownerId: 'rep-ana', recordedBy: 'helpdesk', satisfaction: 4, comment: '', at },
  'complaints.complaint-reopened.v1': { ...ids, ownerId: 'rep-ana', recordedBy: 'rep-ana', reason: 'still broken', at },
  'complaints.deadlines-changed.v1': { ...ids, deadlines: { acknowledgeBy: null, resolveBy: deadlines.resolveBy }, at },
};
const internalOnly: { readonly [T in InternalOnly]: DataOf<T> } = {
  'complaints.handling-step-recorded.v1': { ...ids, by: 'rep-ana', note: 'called the courier', replyToCustomer: false, workMinutes: 10, at },
  'complaints.customer-awaited.v1': { ...ids, by: 'rep-ana', question: 'photo?', at },
  'complaints.customer-replied.v1': { ...ids, recordedBy: 'rep-ana', summary: 'sent', at },
  'complaints.root-cause-recorded.v1': { ...ids, kind: 'systemic', code: 'courier-late', detail: 'x', responsibleTeamId: null, by: 'rep-ana', at },
  'complaints.concession-approved.v1': { ...ids, approvalId: 'a-1', maxAmount: 300, reason: 'x', by: 'manager-max', at },
  'complaints.concession-granted.v1': { ...ids, concessionId: 'g-1', amount: 40, description: 'voucher', approvalId: null, policyVersion: 'complaints-2026.1', by: 'rep-ana', at },
  'complaints.reference-reserved.v1': { complaintId: ids.complaintId, reference: 'K-2026-000123', sequence: 123, at },
};
const recorded = (type: string, data: object): RecordedEvent => recordedEvents([{ streamId: `complaint-${ids.complaintId}`, event: { type, data } }])[0]!;

function expectDocumented(message: OutgoingMessage): void {
  (message.topic === SCHEDULER_TOPIC ? workspace : contract).expectDocumented(message);
  expect(message.key).toBe(message.event.subject);
}

describe('the complaints topics are as documented (rapport.complaints.v1, timer requests, intake)', () => {
  it.each(Object.entries(published))('%s is published as documented', (type, data) => {
    const messages = toIntegrationMessages(recorded(type, data));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expectDocumented(message);
  });

  it.each(Object.entries(internalOnly))('%s stays inside the service (free text, A5)', (type, data) => {
    expect(toIntegrationMessages(recorded(type, data))).toEqual([]);
  });

  it('K3 via S2: a received complaint asks for one timer per clock, each with its own CloudEvent id, delivering sla-due to the timer inbox', () => {
    const messages = toIntegrationMessages(recorded('complaints.complaint-received.v1', published['complaints.complaint-received.v1'])).filter((m) => m.topic === SCHEDULER_TOPIC);
    expect(messages.map((m) => m.event.subject)).toEqual([`complaints.sla.${ids.complaintId}.acknowledge`, `complaints.sla.${ids.complaintId}.resolve`]);
    expect(new Set(messages.map((m) => m.event.id)).size).toBe(2);
    const deliver = (messages[0]!.event.data as { deliver: { topic: string; type: string; data: unknown } }).deliver;
    expect(deliver).toEqual({ topic: COMPLAINTS_TIMERS_TOPIC, type: SlaDueType, data: { complaintId: ids.complaintId, clock: 'acknowledge', dueAt: deadlines.acknowledgeBy } });
    contract.expectDocumented({
      topic: COMPLAINTS_TIMERS_TOPIC,
      key: messages[0]!.key,
      event: { ...messages[0]!.event, source: '/rapport/scheduler', type: deliver.type, data: deliver.data },
    });
  });

  it('K1: an integrator\'s submission as documented is what the intake accepts', () => {
    const data = { complaintId: ids.complaintId, customerId: 'cust-1', channel: 'web', category: 'billing', severity: 'low', description: 'charged twice', remedySought: '', receivedBy: 'rep-ana' };
    contract.expectDocumented({
      topic: COMPLAINTS_INTAKE_TOPIC,
      key: ids.complaintId,
      event: { specversion: '1.0', id: 'i-1', source: '/helpdesk/zendesk', type: ComplaintIntakeTypes.submitted, subject: ids.complaintId, time: at, datacontenttype: 'application/json', data },
    });
    expect(submissionOf(data)).toEqual(data);
    expect(() => submissionOf({ ...data, channel: 'pigeon' })).toThrow(/channel/);
  });

  it('has no stale message: each documented one is produced or accepted, and each contract type is documented', () => {
    const produced = Object.entries(published).flatMap(([type, data]) => toIntegrationMessages(recorded(type, data)).filter((m) => m.topic === COMPLAINTS_TOPIC).map((m) => m.event.type));
    const documented = contract.messagesOf(contract.channel(COMPLAINTS_TOPIC)).map((m) => m.name);
    expect([...new Set(produced)].sort()).toEqual([...documented].sort());
    expect([...documented].sort()).toEqual(Object.values(ComplaintEventTypes).sort());
    expect(contract.messagesOf(contract.channel(COMPLAINTS_INTAKE_TOPIC)).map((m) => m.name).sort()).toEqual(Object.values(ComplaintIntakeTypes).sort());
  });
});
