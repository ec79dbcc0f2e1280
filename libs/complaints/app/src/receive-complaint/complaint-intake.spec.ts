import { deadLetterTopic, type InProcessBus } from '@rapport/platform-messaging';
import { until } from '@rapport/platform-testing';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, CustomerEventTypes, type WinBackComplaintRaisedV1 } from '@rapport/customers-contracts';
import { COMPLAINTS_INTAKE_TOPIC, ComplaintIntakeTypes, type ComplaintSubmittedV1, type CustomerAnsweredV1 } from '@rapport/complaints-contracts';
import { ComplaintCommands } from '../complaint-commands';
import { messageOf, startComplaintsTestApp, type ComplaintsTestApp } from '../testing/complaints-test-app';

const HELPDESK = '/helpdesk/zendesk';
const consumed = (bus: InProcessBus, group: string, topic: string): number =>
  (bus.db.prepare('SELECT next_offset FROM bus_offsets WHERE group_id = ? AND topic = ?').get(group, topic) as { next_offset: number } | undefined)?.next_offset ?? 0;

describe('complaints from anywhere (K1): integrators on the intake topic, win-backs from customers', () => {
  let t: ComplaintsTestApp;
  let commands: ComplaintCommands;
  beforeAll(async () => {
    t = await startComplaintsTestApp();
    commands = t.app.get(ComplaintCommands);
  });
  afterAll(() => t.close());

  const submission = (complaintId: string, overrides: Partial<ComplaintSubmittedV1> = {}): ComplaintSubmittedV1 => ({
    complaintId,
    customerId: 'cust-9',
    channel: 'web',
    category: 'billing',
    severity: 'medium',
    description: 'charged twice',
    remedySought: 'refund',
    receivedBy: 'rep-ben',
    ...overrides,
  });

  it('K1, K2: a helpdesk submits a complaint; the named rep owns it; the same submission again opens nothing twice', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const message = messageOf(COMPLAINTS_INTAKE_TOPIC, HELPDESK, ComplaintIntakeTypes.submitted, id, submission(id));
    await t.publish([message, message, messageOf(COMPLAINTS_INTAKE_TOPIC, HELPDESK, ComplaintIntakeTypes.submitted, id, submission(id))]);
    await until(() => consumed(t.bus, 'complaints-intake', COMPLAINTS_INTAKE_TOPIC) >= 3, 10_000, 'the intake read');
    expect(await commands.state(id)).toMatchObject({ status: 'received', ownerId: 'rep-ben', accountableId: 'rep-ben', reference: expect.stringMatching(/^K-2026-\d{6}$/) });
    expect((await t.all()).filter((e) => e.type === 'complaints.complaint-received.v1' && e.metadata.streamId === `complaint-${id}`)).toHaveLength(1);
    // No reference is spent on the copies.
    expect((await t.all()).filter((e) => e.type === 'complaints.reference-reserved.v1')).toHaveLength(1);
    expect((await t.bus.read(deadLetterTopic(COMPLAINTS_INTAKE_TOPIC), 0, 100)).length).toBe(0);
  });

  it('K5: the customer\'s answers come the same way: her confirmation of a proposed resolution closes it', async () => {
    const id = '22222222-2222-4222-8222-222222222222';
    await t.publish([messageOf(COMPLAINTS_INTAKE_TOPIC, HELPDESK, ComplaintIntakeTypes.submitted, id, submission(id))]);
    await until(async () => (await commands.state(id)).status === 'received', 10_000, 'the complaint');
    await t.http().post(`/api/v1/complaints/${id}/resolution`).set('authorization', t.as('rep-ben', 'rep')).send({ resolution: 'refunded' }).expect(200);
    const answer: CustomerAnsweredV1 = { complaintId: id, answer: 'confirm', text: 'thanks', satisfaction: 5 };
    await t.publish([messageOf(COMPLAINTS_INTAKE_TOPIC, HELPDESK, ComplaintIntakeTypes.customerAnswered, id, answer)]);
    await until(async () => (await commands.state(id)).status === 'closed', 10_000, 'the confirmation');
  });

  it('D1, K1: a submission naming someone who is not in the directory, or not matching the contract, is dead-lettered with the reason', async () => {
    const id = '33333333-3333-4333-8333-333333333333';
    await t.publish([
      messageOf(COMPLAINTS_INTAKE_TOPIC, HELPDESK, ComplaintIntakeTypes.submitted, id, submission(id, { receivedBy: 'nobody' })),
      messageOf(COMPLAINTS_INTAKE_TOPIC, HELPDESK, ComplaintIntakeTypes.submitted, id, { ...submission(id), severity: 'apocalyptic' }),
    ]);
    await until(async () => (await t.bus.read(deadLetterTopic(COMPLAINTS_INTAKE_TOPIC), 0, 100)).length >= 2, 10_000, 'two dead letters');
    const reasons = JSON.stringify((await t.bus.read(deadLetterTopic(COMPLAINTS_INTAKE_TOPIC), 0, 100)).map((m) => m.event.data));
    expect(reasons).toContain('receiver-not-active');
    expect(reasons).toContain('severity');
  });

  it('C11 → K1: a win-back answer that is a complaint opens one, owned by the customer\'s owner', async () => {
    const id = '44444444-4444-4444-8444-444444444444';
    const raised: WinBackComplaintRaisedV1 = { customerId: 'cust-7', complaintId: id, ownerId: 'rep-cy', apologised: true, raisedBy: 'rep-cy', raisedAt: t.clock.now().toISOString() };
    await t.publish([messageOf(CUSTOMERS_TOPIC, CUSTOMERS_SOURCE, CustomerEventTypes.winBackComplaintRaised, 'cust-7', raised)]);
    await until(async () => (await commands.state(id)).status === 'received', 10_000, 'the win-back complaint');
    const received = (await t.all()).find((e) => e.type === 'complaints.complaint-received.v1' && e.metadata.streamId === `complaint-${id}`)!;
    expect(received.data).toMatchObject({ customerId: 'cust-7', receivedBy: 'rep-cy', source: 'win-back' });
    expect(received.metadata).toMatchObject({ via: 'topic', actor: { id: 'rep-cy' } });
  });
});
