import { sleep } from '@rapport/platform-eventsourcing';
import { InProcessBus, PoisonMessageError, type IntegrationEvent } from '@rapport/platform-messaging';
import { runDlqCommand, type DeadLetterLog } from './dlq-command';

const TOPIC = 'rapport.customers.v1';
const event: IntegrationEvent = {
  specversion: '1.0',
  id: '0194b7a2-1c3e-7000-8000-000000000001',
  source: '/rapport/customers',
  type: 'rapport.customers.customer-registered.v1',
  subject: 'c-1',
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { customerId: 'c-1' },
};

describe('OPS-4: npm run dlq (in-process bus)', () => {
  let bus: InProcessBus;
  const log = (): Promise<DeadLetterLog> =>
    Promise.resolve({ read: (topic) => bus.read(topic, 0, 1_000_000), publish: (m) => bus.publish(m), ensureTopic: async () => undefined, close: async () => undefined });
  const dlq = (...argv: string[]) => runDlqCommand(argv, log, [TOPIC], () => new Date('2026-03-04T09:00:00.000Z'));

  beforeEach(() => {
    bus = InProcessBus.open(':memory:');
  });
  afterEach(() => bus.close());

  it('lists a parked letter, shows it, replays it once with the same CloudEvent id, and marks it replayed', async () => {
    const handled: string[] = [];
    let refuse = true;
    await bus.subscribe({
      groupId: 'cards',
      topics: [TOPIC],
      handle: async (message) => {
        if (refuse) throw new PoisonMessageError('no such owner yet');
        handled.push(message.event.id);
      },
    });
    await bus.publish([{ topic: TOPIC, key: 'c-1', event }]);
    while ((await bus.read(`${TOPIC}.dlq`)).length === 0) await sleep(10);

    const listed = await dlq('list');
    expect(listed.code).toBe(0);
    const [row, ...more] = listed.stdout.trim().split('\n');
    expect(more).toEqual([]);
    const id = row!.split('\t')[0]!;
    expect(id).toBe(`cards/${TOPIC}/0/0`);
    expect(row).toMatch(/\tparked\t1 attempt\(s\)\tPoisonMessageError: no such owner yet$/);
    expect(JSON.parse((await dlq('show', id)).stdout)).toMatchObject({ id, state: 'parked', groupId: 'cards', value: { id: event.id } });

    refuse = false;
    expect(await dlq('replay', id)).toMatchObject({ code: 0, stdout: `${id}\n` });
    while (handled.length === 0) await sleep(10);
    expect(handled).toEqual([event.id]);
    // The replay went to the topic under the original id, so consumers de-duplicate it as the same event.
    expect((await bus.read(TOPIC)).map((m) => m.event.id)).toEqual([event.id, event.id]);

    expect((await dlq('list')).stdout).toContain(`${id}\t`);
    expect((await dlq('list')).stdout).toContain('replayed 2026-03-04T09:00:00.000Z');
    const again = await dlq('replay', id);
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(again.stderr).toMatch(/was replayed at 2026-03-04T09:00:00.000Z; nothing done/);
    expect((await bus.read(TOPIC)).length).toBe(2);
  });

  it('answers an unknown letter and an unknown command without a stack trace', async () => {
    expect(await dlq('show', 'nope')).toMatchObject({ code: 1, stderr: 'no dead letter nope\n' });
    const unknown = await dlq('purge');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command purge/);
  });
});
