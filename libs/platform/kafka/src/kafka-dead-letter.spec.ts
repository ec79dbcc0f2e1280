import { deadLetterTopic, type IncomingMessage } from '@rapport/platform-messaging';
import { toBinaryRecord } from './cloud-events-binary';
import { KafkaBus } from './kafka-bus';
import type { RawDeadLetter } from './raw-dead-letter';
import { describeWithBroker, rawProducer, testConfig, uniqueTopic, until } from './testing/test-broker';
import { readTopic } from './topic-reader';

const MALFORMED = 1_000;
const VALID = 500;
const kinds = ['not-json', 'binary', 'no-ce-headers', 'missing-ce-id', 'specversion-0.3', 'specversion-missing'] as const;
type Kind = (typeof kinds)[number];
const expectedReason: Record<Kind, RegExp> = {
  'not-json': /^PoisonMessageError: value is not JSON/,
  binary: /^PoisonMessageError: value is not JSON/,
  'no-ce-headers': /^PoisonMessageError: not a CloudEvent: missing header\(s\) ce_specversion, ce_id, ce_source, ce_type, ce_time$/,
  'missing-ce-id': /^PoisonMessageError: not a CloudEvent: missing header\(s\) ce_id$/,
  'specversion-0.3': /^PoisonMessageError: unsupported specversion: 0.3$/,
  'specversion-missing': /^PoisonMessageError: not a CloudEvent: missing header\(s\) ce_specversion$/,
};

const validRecord = (topic: string, n: number) =>
  toBinaryRecord({
    topic,
    key: `customer-${n % 7}`,
    event: {
      specversion: '1.0',
      id: `valid-${n}`,
      source: '/rapport/customers',
      type: 'rapport.customers.customer-registered.v1',
      subject: `customer-${n % 7}`,
      time: '2026-03-03T10:00:00.000Z',
      datacontenttype: 'application/json',
      data: { n },
    },
  });

function malformed(topic: string, n: number, kind: Kind) {
  const { key, value, headers } = validRecord(topic, 100_000 + n);
  const { ce_id: _id, ce_specversion: _specversion, ...withoutIdAndVersion } = headers;
  const wire: Record<Kind, { value: Buffer; headers: Record<string, string> }> = {
    'not-json': { value: Buffer.from(`{"n": ${n}, oops`), headers },
    binary: { value: Buffer.from([0xff, 0x00, n % 256, 0xfe]), headers },
    'no-ce-headers': { value: Buffer.from(value), headers: {} },
    'missing-ce-id': { value: Buffer.from(value), headers: { ...withoutIdAndVersion, ce_specversion: '1.0' } },
    'specversion-0.3': { value: Buffer.from(value), headers: { ...headers, ce_specversion: '0.3' } },
    'specversion-missing': { value: Buffer.from(value), headers: { ...withoutIdAndVersion, ce_id: `bad-${n}` } },
  };
  const record = wire[kind];
  const tagged = Object.fromEntries(Object.entries({ ...record.headers, 'x-test-n': String(n) }).map(([k, v]) => [k, Buffer.from(v)]));
  return { topic, key: Buffer.from(key), value: record.value, headers: tagged };
}

describeWithBroker('KafkaBus dead-letter topic', () => {
  jest.setTimeout(120_000);

  it(`parks ${MALFORMED.toLocaleString('en-US')} malformed records with their reasons while ${VALID} valid ones interleaved keep flowing`, async () => {
    const config = testConfig();
    const bus = new KafkaBus(config);
    const producer = rawProducer(config);
    const topic = uniqueTopic('poison');
    try {
      await bus.ensureTopics([{ name: topic, partitions: 3 }]);
      // Two malformed records, then one valid, in one stream of produce requests: every partition gets both.
      const records = [];
      const kindOf = new Map<number, Kind>();
      for (let n = 0, v = 0; n < MALFORMED; n++) {
        const kind = kinds[n % kinds.length]!;
        kindOf.set(n, kind);
        records.push(malformed(topic, n, kind));
        if (n % 2 === 1 && v < VALID) {
          const { key, value, headers } = validRecord(topic, v++);
          records.push({ topic, key: Buffer.from(key), value: Buffer.from(value), headers: Object.fromEntries(Object.entries(headers).map(([k, h]) => [k, Buffer.from(h)])) });
        }
      }
      for (let i = 0; i < records.length; i += 250) await producer.send({ messages: records.slice(i, i + 250) });

      const handled: IncomingMessage[] = [];
      const groupId = `poison-${Date.now()}`;
      const consumer = await bus.subscribe({ groupId, topics: [topic], handle: async (m) => void handled.push(m) });
      let parked: IncomingMessage[] = [];
      await until(async () => handled.length >= VALID && (parked = await readTopic(config, deadLetterTopic(topic))).length >= MALFORMED, 90_000, 'valid messages handled and malformed ones parked');
      await consumer.stop();

      expect(new Set(handled.map((m) => m.event.id)).size).toBe(VALID);
      expect(handled).toHaveLength(VALID);
      for (const key of new Set(handled.map((m) => m.key))) {
        const ns = handled.filter((m) => m.key === key).map((m) => (m.event.data as { n: number }).n);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
      }

      expect(parked).toHaveLength(MALFORMED);
      const seen = new Set<number>();
      for (const { event } of parked) {
        const letter = event.data as RawDeadLetter;
        const n = Number(letter.headers['x-test-n']);
        seen.add(n);
        expect(event.type).toBe('rapport.dead-letter.v1');
        expect(letter).toMatchObject({ originalTopic: topic, groupId, attempts: 1 });
        expect(letter.reason).toMatch(expectedReason[kindOf.get(n)!]);
        if (kindOf.get(n) === 'not-json') expect(letter).toMatchObject({ value: `{"n": ${n}, oops`, valueEncoding: 'utf8' });
        if (kindOf.get(n) === 'binary') expect(letter).toMatchObject({ value: Buffer.from([0xff, 0x00, n % 256, 0xfe]).toString('base64'), valueEncoding: 'base64' });
      }
      expect(seen.size).toBe(MALFORMED);
    } finally {
      await producer.close();
      await bus.close();
    }
  });
});
