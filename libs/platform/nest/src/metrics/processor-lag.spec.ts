import type { ProcessorLag } from '@rapport/platform-eventsourcing';
import { InProcessBus, PoisonMessageError, type IntegrationEvent } from '@rapport/platform-messaging';
import { metricsRegistry } from '@rapport/platform-observability';
import { sleep } from '@rapport/platform-eventsourcing';
import { ReadinessRegistry } from '../runtime/readiness';
import { reportConsumerLag } from './consumer-lag';
import { reportDeadLetters } from './dead-letters';
import { reportProcessorLag } from './processor-lag';

const event = (n: number): IntegrationEvent => ({
  specversion: '1.0',
  id: `0194b7a2-1c3e-7000-8000-${String(n).padStart(12, '0')}`,
  source: '/rapport/directory',
  type: 'rapport.directory.person-registered.v1',
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { n },
});

describe('OPS-4: relay and projection lag, dead-letter depth in /metrics', () => {
  it('each processor of a service (its relay, its projections) reports events and seconds behind, as /ready measures them', async () => {
    const readiness = new ReadinessRegistry();
    let relay: ProcessorLag = { position: 7, head: 10, eventsBehind: 3, secondsBehind: 1.5, caughtUp: false };
    readiness.registerProcessor('directory/relay', { lag: async () => relay });
    readiness.registerProcessor('directory/directory', { lag: async () => ({ position: 10, head: 10, eventsBehind: 0, secondsBehind: 0, caughtUp: true }) });
    const remove = reportProcessorLag(readiness);
    try {
      let text = await metricsRegistry.metrics();
      expect(text).toContain('rapport_processor_lag_events{service="directory",processor="relay"} 3');
      expect(text).toContain('rapport_processor_lag_seconds{service="directory",processor="relay"} 1.5');
      expect(text).toContain('rapport_processor_lag_events{service="directory",processor="directory"} 0');

      relay = { position: 10, head: 10, eventsBehind: 0, secondsBehind: 0, caughtUp: true };
      text = await metricsRegistry.metrics();
      expect(text).toContain('rapport_processor_lag_events{service="directory",processor="relay"} 0');
      expect(text).toContain('rapport_processor_lag_seconds{service="directory",processor="relay"} 0');
    } finally {
      remove();
    }
    expect(await metricsRegistry.metrics()).not.toContain('processor="relay"');
  });

  it('a message no attempt can handle is parked on the dead-letter topic of what the process consumes, and counted there (in-process bus)', async () => {
    const bus = InProcessBus.open(':memory:');
    const removals = [reportConsumerLag(() => Promise.resolve(bus)), reportDeadLetters(() => Promise.resolve(bus))];
    try {
      await bus.publish([1, 2, 3].map((n) => ({ topic: 'rapport.directory.v1', key: 'p-1', event: event(n) })));
      let seen = 0;
      const consumer = await bus.subscribe({
        groupId: 'customers-directory-copy',
        topics: ['rapport.directory.v1'],
        maxAttempts: 1,
        handle: async (message) => {
          seen++;
          if ((message.event.data as { n: number }).n === 2) throw new PoisonMessageError('no person id');
        },
      });
      // The test's own timeout bounds the wait (the nest lib may not import the testing lib's `until`).
      while (!(seen === 3 && (await metricsRegistry.metrics()).includes('rapport_consumer_lag{group="customers-directory-copy",topic="rapport.directory.v1",partition="0",committed="yes"} 0'))) await sleep(10);
      await consumer.stop();

      const text = await metricsRegistry.metrics();
      expect(text).toContain('rapport_dead_letter_records{topic="rapport.directory.v1.dlq"} 1');
      // A topic's dead letters are not consumed, so its own dead-letter topic is not reported.
      expect(text).not.toContain('rapport.directory.v1.dlq.dlq');
    } finally {
      for (const remove of removals) remove();
      await bus.close();
    }
  });
});
