import { SqliteEventStore } from '@rapport/platform-sqlite';
import { testActor } from '@rapport/platform-testing';
import { CommandHandler, DomainError, type CommandContext, type Decider, type DomainEvent } from '@rapport/platform-eventsourcing';

type Deposited = DomainEvent<'test.deposited.v1', { amount: number }>;
interface Deposit {
  amount: number;
  limit: number;
}
/** A tiny account: the rule "balance never exceeds the limit" must hold under concurrent commands. */
const account: Decider<Deposit, Deposited, { balance: number }> = {
  initialState: () => ({ balance: 0 }),
  evolve: (state, event) => ({ balance: state.balance + event.data.amount }),
  decide: (command, state) => {
    if (state.balance + command.amount > command.limit) throw new DomainError('rule_violation', 'over-limit', 'over the limit', 'T1');
    return command.amount === 0 ? [] : [{ type: 'test.deposited.v1', data: { amount: command.amount } }];
  },
};

let n = 0;
const ctx = (commandId = `cmd-${++n}`): CommandContext => ({
  commandId,
  actor: testActor,
  now: new Date('2026-03-03T10:00:00Z'),
  correlationId: commandId,
  causationId: commandId,
  via: 'api',
});

describe('CommandHandler (decider runtime)', () => {
  let store: SqliteEventStore;
  let handler: CommandHandler<Deposit, Deposited, { balance: number }>;
  beforeEach(() => {
    store = SqliteEventStore.open(':memory:');
    handler = new CommandHandler(store, account, { maxRetries: 20 });
  });
  afterEach(() => store.close());

  it('appends the decided events with the command context on every event', async () => {
    const result = await handler.handle('account-1', { amount: 5, limit: 100 }, { ...ctx('cmd-a'), reason: 'opening deposit' }, 'any');
    expect(result.state).toEqual({ balance: 5 });
    expect(result.events[0]!.metadata).toMatchObject({ commandId: 'cmd-a', actor: testActor, reason: 'opening deposit', recordedAt: '2026-03-03T10:00:00.000Z' });
  });

  it('re-decides on a concurrent write, so a rule holds against the state the events are appended to', async () => {
    // 10 concurrent deposits of 10 against a limit of 50: exactly 5 may pass, whatever the interleaving.
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => handler.handle('account-1', { amount: 10, limit: 50 }, ctx(), 'any')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of refusals) expect(r.reason).toMatchObject({ rule: 'T1' });
    expect(await store.readStream('account-1')).toHaveLength(5);
  });

  it('answers a repeated command id with the original result and writes nothing', async () => {
    const first = await handler.handle('account-1', { amount: 7, limit: 100 }, ctx('same'), 'any');
    await handler.handle('account-1', { amount: 1, limit: 100 }, ctx(), 'any');
    const again = await handler.handle('account-1', { amount: 7, limit: 100 }, ctx('same'), 'any');
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.metadata.eventId)).toEqual(first.events.map((e) => e.metadata.eventId));
    expect(again.state).toEqual({ balance: 7 });
    expect(await store.readStream('account-1')).toHaveLength(2);
  });

  it('refuses a command that needs an existing stream on a missing one, and a creating command on an existing one', async () => {
    await expect(handler.handle('account-9', { amount: 1, limit: 9 }, ctx(), 'existing')).rejects.toMatchObject({ kind: 'not_found' });
    await handler.handle('account-9', { amount: 1, limit: 9 }, ctx(), 'new');
    await expect(handler.handle('account-9', { amount: 1, limit: 9 }, ctx(), 'new')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('writes nothing when the decider decides nothing', async () => {
    const result = await handler.handle('account-1', { amount: 0, limit: 9 }, ctx(), 'any');
    expect(result.events).toEqual([]);
    expect(await store.headPosition()).toBe(0);
  });
});
