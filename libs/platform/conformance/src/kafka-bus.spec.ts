import { KafkaBus, readTopic, type KafkaBusConfig } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { messageBusConformance } from '@rapport/platform-testing';

// The real broker: KAFKA_BROKERS is set by the jest global setup (or by hand: infra/engines/kafka.sh start,
// KAFKA_BROKERS=127.0.0.1:19092). Without it the suite is reported as skipped, never as passed.
const brokers = process.env['KAFKA_BROKERS'];

if (!brokers) {
  describe('MessageBus conformance: Kafka', () => {
    it.skip('needs a broker: set KAFKA_BROKERS (infra/engines/kafka.sh start)', () => undefined);
  });
} else {
  jest.setTimeout(60_000);
  const config: KafkaBusConfig = { brokers: brokers.split(','), clientId: 'rapport-conformance' };
  messageBusConformance('Kafka (@platformatic/kafka)', () => {
    // The suite polls the dead-letter topic every 10 ms without awaiting; one read at a time is plenty.
    let reading: Promise<IncomingMessage[]> | undefined;
    return {
      open: async () => new KafkaBus(config),
      reopen: async () => new KafkaBus(config),
      readTopic: (_bus, topic) => (reading ??= readTopic(config, topic).finally(() => (reading = undefined))),
      cleanup: async () => undefined,
    };
  });
}
