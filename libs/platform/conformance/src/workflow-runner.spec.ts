import {
  DomainError,
  ignore,
  publish,
  schedule,
  send,
  uuidv7,
  workflowCollection,
  workflowReactor,
  type AppendContext,
  type CommandContext,
  type PlatformLogger,
  type RecordedEvent,
  type Workflow,
  type WorkflowDispatcher,
} from '@rapport/platform-eventsourcing';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { MemoryCheckpoints, testActor, until } from '@rapport/platform-testing';

interface Ping {
  readonly order: string;
  readonly n: number;
}
interface Seen {
  readonly seen: readonly number[];
}
type Cmd = { readonly ship: number; readonly order: string };

/** A toy process: each new ping of an order sends, publishes and schedules; a repeated ping is ignored. */
const pings: Workflow<Ping, Seen, Cmd, { readonly shipped: number }, { readonly remind: number }> = {
  name: 'pings',
  initialState: () => ({ seen: [] }),
  instanceOf: (input) => input.order,
  decide: (input, state) =>
    state.seen.includes(input.n)
      ? [ignore(`ping ${input.n} handled before`)]
      : [send({ ship: input.n, order: input.order }), publish({ shipped: input.n }), schedule(new Date('2026-04-01T00:00:00Z'), { remind: input.n }, `remind-${input.n}`)],
  evolve: (state, input) => ({ seen: [...state.seen, input.n] }),
};

const context: AppendContext = { recordedAt: '2026-03-03T10:00:00.000Z', actor: testActor, via: 'api', correlationId: 'corr-1', causationId: 'corr-1' };
const isPing = (e: RecordedEvent): e is RecordedEvent<{ type: 'test.ping.v1'; data: Ping }> => e.type === 'test.ping.v1';
const quiet: PlatformLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('workflow runner: a workflow decider as a reactor on the processor', () => {
  let store: SqliteEventStore;
  let checkpoints: MemoryCheckpoints;
  const ping = (order: string, n: number) => store.append(`order-${order}`, [{ eventId: uuidv7(), type: 'test.ping.v1', data: { order, n } }], { expectedVersion: 'any', context });

  beforeEach(() => {
    store = SqliteEventStore.open(':memory:', { pollIntervalMs: 20 });
    checkpoints = new MemoryCheckpoints();
  });
  afterEach(() => store.close());

  const runner = (dispatch: WorkflowDispatcher<Cmd, { shipped: number }, { remind: number }>, logger: PlatformLogger = quiet) =>
    workflowReactor(store, checkpoints, {
      workflow: pings,
      eventTypes: ['test.ping.v1'],
      toInput: (e) => (isPing(e) ? e.data : undefined),
      dispatch,
      now: () => new Date('2026-03-03T10:05:00.000Z'),
      logger,
      retry: { initialDelayMs: 5, maxDelayMs: 10 },
    });

  it('dispatches send, publish and schedule with ids from the input event, and keeps each instance state with the checkpoint', async () => {
    const sent: [Cmd, CommandContext][] = [];
    const published: unknown[] = [];
    const timers: unknown[] = [];
    const ignored: string[] = [];
    await ping('a', 1);
    await ping('a', 1); // a repeat: the state remembers it
    const { lastPosition } = await ping('b', 7);
    const processor = runner(
      {
        send: async (command, ctx) => void sent.push([command, ctx]),
        publish: async (event) => void published.push(event),
        schedule: async (timer) => void timers.push(timer),
      },
      { ...quiet, log: (m) => void ignored.push(m) },
    );
    await processor.catchUp();
    const first = (await store.readAll({ after: 0, maxCount: 1 }))[0]!;
    expect(sent.map(([c]) => c)).toEqual([{ ship: 1, order: 'a' }, { ship: 7, order: 'b' }]);
    expect(sent[0]![1]).toMatchObject({ commandId: `pings/${first.metadata.eventId}/0`, causationId: first.metadata.eventId, correlationId: 'corr-1', via: 'system' });
    expect(published).toEqual([{ shipped: 1 }, { shipped: 7 }]);
    expect(timers).toEqual([
      { timerId: 'pings/a/remind-1', at: new Date('2026-04-01T00:00:00Z'), message: { remind: 1 } },
      { timerId: 'pings/b/remind-7', at: new Date('2026-04-01T00:00:00Z'), message: { remind: 7 } },
    ]);
    expect(ignored).toEqual([expect.stringContaining('ping 1 handled before')]);
    expect(await checkpoints.get(workflowCollection('pings'), 'a')).toMatchObject({ state: { seen: [1, 1] } });
    expect((await checkpoints.checkpoint('workflow:pings'))?.position).toBe(lastPosition);
  });

  it('a refusal by a rule is final and logged; a conflict is retried until it resolves', async () => {
    await ping('a', 1);
    await ping('a', 2);
    const warnings: string[] = [];
    let conflicts = 2;
    const shipped: number[] = [];
    const processor = runner(
      {
        send: async (command) => {
          if (command.ship === 1) throw new DomainError('rule_violation', 'not-shippable', 'order a cannot ship 1', 'X1');
          if (conflicts-- > 0) throw new DomainError('conflict', 'customer-merged', 'merged meanwhile');
          shipped.push(command.ship);
        },
        publish: async () => undefined,
        schedule: async () => undefined,
      },
      { ...quiet, warn: (m) => void warnings.push(m) },
    );
    await processor.start();
    await until(() => processor.isCaughtUp(), 10_000, 'workflow caught up');
    await processor.stop();
    // The conflict fails the batch, so ping 1 is decided again (at-least-once) and refused again: never shipped.
    // The conflict's failed batches are retry warnings of the processor; the refusal is the workflow's own, once per decision.
    const refusals = warnings.filter((w) => !w.includes('failed (attempt'));
    expect(new Set(refusals)).toEqual(new Set(['pings: command for a refused (X1: order a cannot ship 1)']));
    expect(shipped).toEqual([2]);
  });

  it('killed after dispatching and before the commit: the next instance dispatches again with the same command ids', async () => {
    await ping('a', 1);
    const commandIds: string[] = [];
    const dispatch: WorkflowDispatcher<Cmd, { shipped: number }, { remind: number }> = {
      send: async (_c, ctx) => void commandIds.push(ctx.commandId),
      publish: async () => undefined,
      schedule: async () => undefined,
    };
    checkpoints.failNextCommit();
    await expect(runner(dispatch).catchUp()).rejects.toThrow('process killed');
    await runner(dispatch).catchUp();
    expect(commandIds).toHaveLength(2);
    expect(commandIds[1]).toBe(commandIds[0]);
    expect(await checkpoints.get(workflowCollection('pings'), 'a')).toMatchObject({ state: { seen: [1] } });
  });
});
