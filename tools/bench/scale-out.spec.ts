import { kafkaBrokers, mongoUrl } from '@rapport/platform-testing';

// The scale-out bench's checked phase (issue 15, item 7) as a test. Its instances run the built runtime (dist/,
// made by `npm test` before Jest) as separate processes on the real broker and FerretDB.
interface Phase {
  readonly events: number;
  readonly effects: number;
  readonly doubled: number;
  readonly survivorPartitions: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { phase, PARTITIONS } = require('./scale-out') as {
  phase: (options: { brokers: string; mongo: string; instances: number; events: number; kill: boolean }) => Promise<Phase>;
  PARTITIONS: number;
};

describe('consumer scale-out on Kafka (six partitions, one consumer group)', () => {
  it('OPS-7: three instances drain a backlog, one is SIGKILLed a third of the way in: the other two take all its partitions, every event has exactly one effect', async () => {
    const three = await phase({ brokers: await kafkaBrokers(), mongo: await mongoUrl(), instances: 3, events: 300, kill: true });
    expect(three.effects).toBe(three.events);
    expect(three.doubled).toBe(0);
    expect(three.survivorPartitions).toBe(PARTITIONS);
  }, 300_000);
});
