import { SqliteEventStore } from '@rapport/platform-sqlite';
import { testActor } from '@rapport/platform-testing';
import { CommandHandler, DomainError, type CommandContext, type Decider, type DomainEvent, type EventStore, type ReadStreamOptions } from '@rapport/platform-eventsourcing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Deposited = DomainEvent<'test.deposited.v1', { amount: number }>;
const account: Decider<{ amount: number; limit: number }, Deposited, { balance: number }> = {
  initialState: () => ({ balance: 0 }),
  evolve: (state, event) => ({ balance: state.balance + event.data.amount }),
  decide: (command, state) => {
    if (state.balance + command.amount > command.limit) throw new DomainError('rule_violation', 'over-limit', 'over the limit', 'T1');
    return [{ type: 'test.deposited.v1', data: { amount: command.amount } }];
  },
};

let n = 0;
const ctx = (): CommandContext => {
  const commandId = `cache-cmd-${++n}`;
  return { commandId, actor: testActor, now: new Date('2026-03-03T10:00:00Z'), correlationId: commandId, causationId: commandId, via: 'api' };
};

/** Records from which version each stream read started. */
function counting(inner: EventStore): EventStore & { reads: (number | undefined)[] } {
  const reads: (number | undefined)[] = [];
  return Object.assign(Object.create(inner) as EventStore, {
    reads,
    readStream: (streamId: string, options?: ReadStreamOptions) => {
      reads.push(options?.fromVersion);
      return inner.readStream(streamId, options);
    },
  });
}

describe('CommandHandler: folded state cached with its version (issue 7, item 9)', () => {
  let dir: string;
  let stores: SqliteEventStore[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-handler-cache-'));
    stores = [];
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (): SqliteEventStore => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    stores.push(store);
    return store;
  };

  it('a command reads only the events appended since the state it cached, not the whole stream', async () => {
    const store = counting(open());
    const handler = new CommandHandler(store, account);
    for (let i = 0; i < 5; i++) await handler.handle('account-1', { amount: 1, limit: 100 }, ctx(), 'any');
    store.reads.length = 0;
    const result = await handler.handle('account-1', { amount: 1, limit: 100 }, ctx(), 'any');
    expect(result.state).toEqual({ balance: 6 });
    // One read from version 6 (nothing new) to decide, one of the appended event to answer.
    expect(store.reads).toEqual([6, 6]);
  });

  it('a write by another process is folded in before deciding; a rule still holds against the real state', async () => {
    const mine = new CommandHandler(open(), account);
    const theirs = new CommandHandler(open(), account, { cachedStreams: 0 });
    await mine.handle('account-2', { amount: 60, limit: 100 }, ctx(), 'any');
    await theirs.handle('account-2', { amount: 30, limit: 100 }, ctx(), 'any');
    await expect(mine.handle('account-2', { amount: 20, limit: 100 }, ctx(), 'any')).rejects.toMatchObject({ rule: 'T1' });
    await expect(mine.handle('account-2', { amount: 10, limit: 100 }, ctx(), 'any')).resolves.toMatchObject({ state: { balance: 100 } });
  });
});
