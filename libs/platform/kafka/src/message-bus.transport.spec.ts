import 'reflect-metadata';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { deadLetterTopic, InProcessBus, PoisonMessageError, type DeadLetter, type IncomingMessage, type IntegrationEvent, type MessageBus } from '@rapport/platform-messaging';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBus } from './kafka-bus';
import { MessageBusContext, MessageBusErrorFilter, MessageBusTransport } from './message-bus.transport';
import { testBrokers, testConfig, uniqueTopic, until } from './testing/test-broker';
import { readTopic } from './topic-reader';

const REGISTERED = 'rapport.customers.customer-registered.v1';
const MERGED = 'rapport.customers.customers-merged.v1';
const received: { customerId: string; eventId: string; offset: number }[] = [];

/** A handler as a service writes it: nothing in it knows which bus delivers the event. */
@Controller()
class CustomerRegisteredController {
  @EventPattern(REGISTERED)
  async onRegistered(@Payload() data: { customerId: string }, @Ctx() context: MessageBusContext): Promise<void> {
    received.push({ customerId: data.customerId, eventId: context.getEvent().id, offset: context.getMessage().offset });
  }

  @EventPattern(MERGED)
  onMerged(): void {
    throw new PoisonMessageError('a merge needs a surviving customer');
  }
}

const event = (type: string, n: number): IntegrationEvent => ({
  specversion: '1.0',
  id: `event-${Date.now()}-${n}`,
  source: '/rapport/customers',
  type,
  subject: `customer-${n}`,
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { customerId: `customer-${n}` },
});

interface Mode {
  open(): MessageBus;
  readDeadLetters(bus: MessageBus, topic: string): Promise<IncomingMessage[]>;
  cleanup(): void;
}

const embedded = (): Mode => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-transport-'));
  return {
    open: () => InProcessBus.open(join(dir, 'bus.sqlite')),
    readDeadLetters: (bus, topic) => (bus as InProcessBus).read(topic),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};
const distributed = (): Mode => ({
  open: () => new KafkaBus(testConfig({ clientId: 'rapport-transport-spec' })),
  readDeadLetters: (_bus, topic) => readTopic(testConfig(), topic),
  cleanup: () => undefined,
});

describe.each([
  ['embedded mode (in-process bus)', embedded, true],
  ['distributed mode (Kafka)', distributed, testBrokers.length > 0],
])('@EventPattern handlers over the message-bus transport, %s', (_name, mode, available) => {
  jest.setTimeout(60_000);
  if (!available) {
    it.skip('needs a broker: set KAFKA_BROKERS (infra/engines/kafka.sh start)', () => undefined);
    return;
  }

  it('delivers an event to its handler by CloudEvent type, parks a poison one, skips types nobody handles', async () => {
    received.length = 0;
    const m = mode();
    const bus = m.open();
    const topic = uniqueTopic('nest');
    await bus.ensureTopics([{ name: topic, partitions: 1 }]);
    const moduleRef = await Test.createTestingModule({ controllers: [CustomerRegisteredController] }).compile();
    const app = moduleRef.createNestMicroservice({ strategy: new MessageBusTransport({ bus, groupId: `nest-${Date.now()}`, topics: [topic], retryDelayMs: 10 }) });
    app.useGlobalFilters(new MessageBusErrorFilter());
    try {
      await app.listen();
      const [registered, merged, ignored, registeredAgain] = [event(REGISTERED, 1), event(MERGED, 2), event('rapport.customers.customer-graded.v1', 3), event(REGISTERED, 4)];
      await bus.publish([registered, merged, ignored, registeredAgain].map((e) => ({ topic, key: e.subject!, event: e })));

      let parked: IncomingMessage[] = [];
      await until(async () => received.length === 2 && (parked = await m.readDeadLetters(bus, deadLetterTopic(topic))).length === 1, 30_000, 'handled and parked');
      expect(received).toEqual([
        { customerId: 'customer-1', eventId: registered!.id, offset: 0 },
        { customerId: 'customer-4', eventId: registeredAgain!.id, offset: 3 },
      ]);
      expect(parked[0]!.event.data as DeadLetter).toMatchObject({ reason: 'PoisonMessageError: a merge needs a surviving customer', attempts: 1, offset: 1 });
    } finally {
      await app.close();
      await bus.close();
      m.cleanup();
    }
  });
});

describe('message-bus transport without MessageBusErrorFilter', () => {
  it("still fails the delivery when Nest's default filter swallows the error, so it is retried and then parked", async () => {
    const m = embedded();
    const bus = m.open();
    const topic = uniqueTopic('nest-nofilter');
    const moduleRef = await Test.createTestingModule({ controllers: [CustomerRegisteredController] }).compile();
    const app = moduleRef.createNestMicroservice({
      logger: false,
      strategy: new MessageBusTransport({ bus, groupId: 'nest-nofilter', topics: [topic], maxAttempts: 2, retryDelayMs: 10 }),
    });
    try {
      await app.listen();
      const merged = event(MERGED, 1);
      await bus.publish([{ topic, key: merged.subject!, event: merged }]);
      let parked: IncomingMessage[] = [];
      await until(async () => (parked = await m.readDeadLetters(bus, deadLetterTopic(topic))).length === 1, 10_000, 'parked');
      expect(parked[0]!.event.data as DeadLetter).toMatchObject({ reason: `Error: ${MERGED} handler failed: Internal server error`, attempts: 2 });
    } finally {
      await app.close();
      await bus.close();
      m.cleanup();
    }
  });
});
