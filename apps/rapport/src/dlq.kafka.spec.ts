import { sleep } from '@rapport/platform-eventsourcing';
import { KafkaBus, KafkaDeadLetterLog, readTopic } from '@rapport/platform-kafka';
import { PoisonMessageError, type IntegrationEvent } from '@rapport/platform-messaging';
import { kafkaBrokers } from '@rapport/platform-testing';
import { randomUUID } from 'node:crypto';
import { runDlqCommand } from './dlq-command';

describe('OPS-4: npm run dlq on Kafka', () => {
  jest.setTimeout(90_000);

  it('lists, replays once (same CloudEvent id, recorded in <topic>.dlq-replays) and refuses a second replay', async () => {
    const config = { brokers: [await kafkaBrokers()], clientId: 'dlq-spec' };
    const topic = `rapport.test-dlq-${randomUUID().slice(0, 8)}.v1`;
    const event: IntegrationEvent = {
      specversion: '1.0', id: randomUUID(), source: '/rapport/customers', type: 'rapport.customers.customer-registered.v1',
      subject: 'c-1', time: '2026-03-03T10:00:00.000Z', datacontenttype: 'application/json', data: { customerId: 'c-1' },
    };
    const bus = new KafkaBus(config);
    try {
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const handled: string[] = [];
      let refuse = true;
      await bus.subscribe({ groupId: `g-${topic}`, topics: [topic], handle: async (m) => {
        if (refuse) throw new PoisonMessageError('not yet');
        handled.push(m.event.id);
      } });
      await bus.publish([{ topic, key: 'c-1', event }]);
      const dlq = (...argv: string[]) => runDlqCommand(argv, () => Promise.resolve(new KafkaDeadLetterLog(config)), [topic], () => new Date('2026-03-04T09:00:00.000Z'));
      let listed = await dlq('list');
      while (listed.stdout === '') {
        await sleep(200);
        listed = await dlq('list');
      }
      const id = listed.stdout.split('\t')[0]!;
      expect(listed.stdout).toMatch(/\tparked\t/);

      refuse = false;
      expect((await dlq('replay', id)).code).toBe(0);
      while (handled.length === 0) await sleep(50);
      expect(handled).toEqual([event.id]);
      expect((await dlq('list')).stdout).toMatch(/\treplayed 2026-03-04T09:00:00.000Z\t/);
      expect((await dlq('replay', id)).stderr).toMatch(/nothing done/);
      expect((await readTopic(config, topic)).map((m) => m.event.id)).toEqual([event.id, event.id]);
    } finally {
      await bus.close();
    }
  });
});
