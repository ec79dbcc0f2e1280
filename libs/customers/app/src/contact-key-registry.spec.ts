import { DomainError, type CommandContext, type ReadModelStore, type EventStore } from '@rapport/platform-eventsourcing';
import { InProcessBus } from '@rapport/platform-messaging';
import { ReadinessRegistry, ServiceHost } from '@rapport/platform-nest';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';
import { defaultCustomerPolicy } from '@rapport/customers-domain';
import { ContactKeyRegistry } from './contact-key-registry';
import { CustomerCommands } from './customer-commands';
import { RegistrationService } from './register-customer/registration.service';

const KEY_STREAM = 'contact-key-phone:+14155550100';

/**
 * Lets both registrations read the key stream before either appends to it: the worst interleaving two
 * HTTP requests can have, forced instead of hoped for.
 */
function racingStore(inner: EventStore): EventStore & { conflicts: number } {
  let reads = 0;
  let release: () => void = () => undefined;
  const bothRead = new Promise<void>((resolve) => (release = resolve));
  const store = Object.create(inner) as EventStore & { conflicts: number };
  store.conflicts = 0;
  store.readStream = async (streamId, options) => {
    const events = await inner.readStream(streamId, options);
    if (streamId === KEY_STREAM && ++reads >= 2) release();
    return events as never;
  };
  store.append = async (streamId, events, options) => {
    if (streamId === KEY_STREAM) await bothRead;
    try {
      return await inner.append(streamId, events, options);
    } catch (error) {
      store.conflicts += 1;
      throw error;
    }
  };
  return store;
}

const context = (actorId: string, commandId: string): CommandContext => ({
  commandId,
  actor: { id: actorId, kind: 'user', roles: ['rep'] },
  now: new Date('2026-03-03T09:00:00.000Z'),
  correlationId: commandId,
  causationId: commandId,
  via: 'api',
});

describe('C1 contact-key registry under concurrency', () => {
  let events: SqliteEventStore;
  let readModels: ReadModelStore;
  let bus: InProcessBus;
  afterEach(async () => {
    await events.close();
    await readModels.close();
    await bus.close();
  });

  it('C1: concurrent duplicate registration → one customer; the loser is re-decided against the winner\'s claim and its refusal recorded', async () => {
    events = SqliteEventStore.open(':memory:');
    readModels = SqliteReadModelStore.open(':memory:');
    bus = InProcessBus.open(':memory:');
    const store = racingStore(events);
    const host = new ServiceHost(store, readModels, bus, new ReadinessRegistry(), { service: 'customers' });
    const commands = new CustomerCommands(host, defaultCustomerPolicy);
    const registration = new RegistrationService(commands, new ContactKeyRegistry(commands));

    const results = await Promise.allSettled([
      registration.register({ name: 'Mia (Ana)', phone: '+14155550100', email: null }, context('rep-ana', 'cmd-ana-0001')),
      registration.register({ name: 'Mia (Ben)', phone: '+14155550100', email: null }, context('rep-ben', 'cmd-ben-0001')),
    ]);

    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(DomainError);
    expect(lost[0]!.reason).toMatchObject({ rule: 'C1', code: 'duplicate-customer' });

    const all = await events.readAll({ after: 0, maxCount: 1_000 });
    expect(all.filter((e) => e.type === 'customers.customer-registered.v1')).toHaveLength(1);
    expect(all.filter((e) => e.type === 'customers.contact-key-claimed.v1')).toHaveLength(1);
    expect(all.filter((e) => e.type === 'customers.duplicate-registration-refused.v1')).toHaveLength(1);
  });
});
