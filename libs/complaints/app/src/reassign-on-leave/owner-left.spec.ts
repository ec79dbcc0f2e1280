import { until } from '@rapport/platform-testing';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonStatusChangedV1 } from '@rapport/directory-contracts';
import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { ComplaintCommands } from '../complaint-commands';
import { messageOf, startComplaintsTestApp, type ComplaintsTestApp } from '../testing/complaints-test-app';

describe('a rep leaves (D2 for K2)', () => {
  let t: ComplaintsTestApp;
  beforeAll(async () => {
    t = await startComplaintsTestApp();
  });
  afterAll(() => t.close());

  const receive = async (auth: string): Promise<string> =>
    (await t.http().post('/api/v1/complaints').set('authorization', auth).send({ customerId: 'cust-d2', channel: 'phone', category: 'service', severity: 'low', description: 'slow answers' }).expect(201)).body.complaintId;
  const leave = (personId: string): Promise<void> =>
    t.publish([
      messageOf(DIRECTORY_TOPIC, DIRECTORY_SOURCE, DirectoryEventTypes.personDeactivated, personId, { personId, active: false, reason: 'left the company', changedAt: t.clock.now().toISOString() } satisfies PersonStatusChangedV1),
    ]);

  it('D2, K2: her open complaints move at once — back to the accountable first receiver, or to her manager — with the reason, and the customer is told', async () => {
    const ana = t.as('rep-ana', 'rep');
    const handedOver = await receive(ana);
    await t.http().post(`/api/v1/complaints/${handedOver}/transfer`).set('authorization', ana).send({ toOwnerId: 'rep-ben', reason: 'billing expert' }).expect(200);
    const bensOwn = await receive(t.as('rep-ben', 'rep'));

    await leave('rep-ben');
    const commands = t.app.get(ComplaintCommands);
    await until(async () => (await commands.state(handedOver)).ownerId === 'rep-ana' && (await commands.state(bensOwn)).ownerId === 'manager-max', 10_000, 'the reassignments');

    const transfers = (await t.all()).filter((e) => e.type === 'complaints.complaint-transferred.v1' && e.metadata.actor.id === 'complaints');
    expect(transfers.map((e) => e.metadata.reason)).toEqual(['D2: rep-ben left (left the company)', 'D2: rep-ben left (left the company)']);
    expect(await commands.state(handedOver)).toMatchObject({ accountableId: 'rep-ana' });
    const told = (await t.published(COMPLAINTS_TOPIC)).filter((m) => m.event.type === ComplaintEventTypes.transferred && m.event.subject === bensOwn);
    expect(told[0]?.event.data).toMatchObject({ fromOwnerId: 'rep-ben', toOwnerId: 'manager-max' });
  });
});
