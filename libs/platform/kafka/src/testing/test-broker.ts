import { randomBytes } from 'node:crypto';
import type { KafkaBusConfig } from '../kafka-bus.config';
import { kafkaClient } from '../kafka-client';

/**
 * For this lib's specs only (not exported): the real broker from KAFKA_BROKERS, set by the jest global setup or by
 * hand (`infra/engines/kafka.sh start`, `KAFKA_BROKERS=127.0.0.1:19092`). Without it the specs report a skip.
 */
export const testBrokers = process.env['KAFKA_BROKERS']?.split(',').filter(Boolean) ?? [];

export function describeWithBroker(name: string, body: () => void): void {
  if (testBrokers.length > 0) describe(name, body);
  else describe(name, () => it.skip('needs a broker: set KAFKA_BROKERS (infra/engines/kafka.sh start)', () => undefined));
}

export const testConfig = (overrides: Partial<KafkaBusConfig> = {}): KafkaBusConfig => ({
  brokers: testBrokers,
  clientId: 'rapport-kafka-spec',
  ...overrides,
});

export const uniqueTopic = (label: string): string => `rapport.test-${label}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}.v1`;

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A producer that writes whatever bytes a test wants (malformed records), bypassing the bus. Header names are
 * strings (headers go as a plain object, see kafkaClient): without a string header-key serializer the client
 * writes a broken request, and with idempotence on its send never settles.
 */
export function rawProducer(config: KafkaBusConfig) {
  const { Producer, stringSerializer } = kafkaClient();
  return new Producer({
    clientId: `${config.clientId}-raw`,
    bootstrapBrokers: [...config.brokers],
    idempotent: true,
    acks: -1,
    serializers: { headerKey: stringSerializer },
  });
}
