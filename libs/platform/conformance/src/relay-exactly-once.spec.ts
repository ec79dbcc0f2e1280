import { appendContextOf, uuidv7, type CommandContext, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { InProcessBus, integrationEventOf, OutboxRelay, TopicProjectionRunner, type TopicProjection } from '@rapport/platform-messaging';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';
import { testActor, until } from '@rapport/platform-testing';

const TOPIC = 'rapport.test.v1';
const ctx: CommandContext = { commandId: 'c', actor: testActor, now: new Date('2026-03-03T10:00:00Z'), correlationId: 'c', causationId: 'c', via: 'api' };
const map = (e: RecordedEvent) => [
  { topic: TOPIC, key: e.metadata.streamId, event: integrationEventOf('/rapport/test', 'rapport.test.ticked.v1', e.metadata.streamId, e.data, e) },
];

/** Counts events per subject: wrong if any event is applied twice or lost. */
const counter: TopicProjection = {
  name: 'tick-counter',
  version: 1,
  topics: [TOPIC],
  collections: [{ name: 'ticks' }],
  async apply(event, view) {
    const current = await view.get<{ id: string; count: number }>('ticks', event.subject!);
    view.put('ticks', { id: event.subject!, count: (current?.count ?? 0) + 1 });
  },
};

describe('outbox relay → bus → topic projection', () => {
  it('A1/at-least-once: a relay that re-publishes after a crash changes nothing downstream (dedupe by CloudEvent id)', async () => {
    const events = SqliteEventStore.open(':memory:');
    const relayCheckpoints = SqliteReadModelStore.open(':memory:');
    const downstream = SqliteReadModelStore.open(':memory:');
    const bus = InProcessBus.open(':memory:');
    for (let i = 0; i < 30; i++) {
      await events.append(`s-${i % 3}`, [{ eventId: uuidv7(), type: 'test.ticked.v1', data: { i } }], { expectedVersion: 'any', context: appendContextOf({ ...ctx, commandId: `c-${i}` }) });
    }
    const consumer = new TopicProjectionRunner(bus, downstream, counter);
    await consumer.start();

    const crashing = new OutboxRelay(events, relayCheckpoints, bus, { name: 'test', map });
    await crashing.start();
    await until(async () => (await bus.read(TOPIC)).length === 30, 10_000);
    await crashing.stop();
    // The relay "crashes" before saving its checkpoint: a new relay from position 0 publishes everything again.
    await relayCheckpoints.reset('relay:test', []);
    const replay = new OutboxRelay(events, relayCheckpoints, bus, { name: 'test', map });
    await replay.start();
    await until(async () => (await bus.read(TOPIC)).length === 60, 10_000);
    await until(async () => ((await downstream.checkpoint(`tick-counter@${TOPIC}/0`))?.position ?? 0) === 60, 10_000);

    const counts = await downstream.find<{ id: string; count: number }>('ticks', { orderBy: [{ field: 'id' }] });
    expect(counts).toEqual([
      { id: 's-0', count: 10 },
      { id: 's-1', count: 10 },
      { id: 's-2', count: 10 },
    ]);
    expect(await replay.isCaughtUp()).toBe(true);
    await replay.stop();
    await consumer.stop();
    await bus.close();
    await events.close();
  });
});
