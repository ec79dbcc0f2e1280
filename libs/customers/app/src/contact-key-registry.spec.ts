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
  const store: EventStore & { conflicts: number } = {
    conflicts: 0,
    append: (streamId, events, options) => inner.append(streamId, events, options),
    appendMany: async (appends, options) => {
      if (appends.some((a) => a.streamId === KEY_STREAM)) await bothRead;
      try {
        return await inner.appendMany(appends, options);
      } catch (error) {
        store.conflicts += 1;
        throw error;
      }
    },
    readStream: async (streamId, options) => {
      const events = await inner.readStream(streamId, options);
      if (streamId === KEY_STREAM && ++reads >= 2) release();
      return events as never;
    },
    readAll: (options) => inner.readAll(options),
    findCommand: (commandId) => inner.findCommand(commandId),
    headPosition: () => inner.headPosition(),
    subscribeToAll: (options) => inner.subscribeToAll(options),
    subscribeToStream: (streamId, options) => inner.subscribeToStream(streamId, options),
    close: () => inner.close(),
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
  const open = (store: EventStore = events): RegistrationService => {
    const host = new ServiceHost(store, readModels, bus, new ReadinessRegistry(), { service: 'customers' });
    const commands = new CustomerCommands(host, defaultCustomerPolicy);
    return new RegistrationService(commands, new ContactKeyRegistry(commands));
  };
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
    const registration = open(store);

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

  it('C1: the keys are claimed in the same commit as the customer: a registration that fails claims nothing, so no grace period is needed', async () => {
    events = SqliteEventStore.open(':memory:');
    readModels = SqliteReadModelStore.open(':memory:');
    bus = InProcessBus.open(':memory:');
    const registration = open();
    const existing = await registration.register({ name: 'Ana', phone: '+14155550111', email: null }, context('rep-ana', 'cmd-ana-0002'));
    // Same customer id again (a caller bug, or a lost race on the id): the customer stream refuses, so no key may stay claimed.
    await expect(
      registration.register({ customerId: existing.customerId, name: 'Mia', phone: '+14155550100', email: 'mia@example.com' }, context('rep-ben', 'cmd-ben-0002')),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'already-exists' });
    expect(await events.readStream('contact-key-phone:+14155550100')).toEqual([]);
    expect(await events.readStream('contact-key-email:mia@example.com')).toEqual([]);
    // At once, not after a grace period: the phone is free for the next registration.
    const mia = await registration.register({ name: 'Mia', phone: '+14155550100', email: 'mia@example.com' }, context('rep-ben', 'cmd-ben-0003'));
    const claims = await events.readAll({ after: 0, maxCount: 100, streamPrefixes: ['contact-key-'] });
    expect(claims.map((e) => [e.type, (e.data as { customerId?: string }).customerId])).toEqual([
      ['customers.contact-key-claimed.v1', existing.customerId],
      ['customers.contact-key-claimed.v1', mia.customerId],
      ['customers.contact-key-claimed.v1', mia.customerId],
    ]);
    // One commit: the customer's events and its claims carry the same command id, customer first.
    const committed = (await events.readAll({ after: 0, maxCount: 100 })).filter((e) => e.metadata.commandId === 'cmd-ben-0003');
    expect(committed.map((e) => e.metadata.streamId)).toEqual([
      `customer-${mia.customerId}`,
      ...committed.slice(1, -2).map(() => `customer-${mia.customerId}`),
      'contact-key-phone:+14155550100',
      'contact-key-email:mia@example.com',
    ]);
  });

  it('C1: a retried registration (same command id) answers the first one and writes nothing more', async () => {
    events = SqliteEventStore.open(':memory:');
    readModels = SqliteReadModelStore.open(':memory:');
    bus = InProcessBus.open(':memory:');
    const registration = open();
    const first = await registration.register({ name: 'Mia', phone: '+14155550100', email: null }, context('rep-ana', 'cmd-ana-0004'));
    const head = await events.headPosition();
    const again = await registration.register({ name: 'Mia', phone: '+14155550100', email: null }, context('rep-ana', 'cmd-ana-0004'));
    expect(again).toEqual({ ...first, replayed: true });
    expect(await events.headPosition()).toBe(head);
  });
});
