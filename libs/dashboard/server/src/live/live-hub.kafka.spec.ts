import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { systemClock } from '@rapport/platform-eventsourcing';
import { KafkaBus } from '@rapport/platform-kafka';
import { kafkaBrokers, until } from '@rapport/platform-testing';
import { randomUUID } from 'node:crypto';
import { LiveHub, type NumberedNotice } from './live-hub';

/**
 * Distributed mode: the same hub on Kafka. On a broker shared with other suites the complaints topic may hold
 * their events too; the group's first catch-up of old ones is not news, and this test's complaint is told apart
 * by its id.
 */
describe('the dashboard\'s live hub on Kafka', () => {
  const namespace = randomUUID().slice(0, 8);
  let bus: KafkaBus;
  let hub: LiveHub;

  beforeAll(async () => {
    bus = new KafkaBus({ brokers: (await kafkaBrokers()).split(','), clientId: `dashboard-live-${namespace}` });
  }, 120_000);
  afterAll(async () => {
    await hub?.onModuleDestroy();
    await bus?.close();
  }, 60_000);

  it('K3, K5: a confirmation published on Kafka reaches the open SLA boards as a notice with ids only', async () => {
    hub = new LiveHub(async () => bus, systemClock, { groupId: `dashboard-live-${namespace}` });
    const seen: NumberedNotice[] = [];
    hub.subscribe((n) => seen.push(n));
    hub.onApplicationBootstrap();
    const complaintId = randomUUID();
    await bus.ensureTopics([{ name: COMPLAINTS_TOPIC }]);
    await bus.publish([
      {
        topic: COMPLAINTS_TOPIC,
        key: complaintId,
        event: {
          specversion: '1.0',
          id: randomUUID(),
          source: '/rapport/complaints',
          type: ComplaintEventTypes.confirmed,
          subject: complaintId,
          time: new Date().toISOString(),
          datacontenttype: 'application/json',
          data: { complaintId, customerId: `cust-${namespace}`, ownerId: 'rep-ana', recordedBy: 'rep-ana', satisfaction: 5, comment: 'all good now, thanks', at: new Date().toISOString() },
        },
      },
    ]);
    await until(() => seen.some((n) => n.notice.complaintId === complaintId), 60_000);
    expect(seen.find((n) => n.notice.complaintId === complaintId)!.notice).toEqual({ topic: 'complaints', type: ComplaintEventTypes.confirmed, customerId: `cust-${namespace}`, complaintId });
  }, 90_000);
});
