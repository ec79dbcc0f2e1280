import {
  CommandHandler,
  DomainError,
  observeCommands,
  observedCommand,
  resultOutcomeOf,
  type CommandContext,
  type Decider,
  type DomainEvent,
  type EventStore,
} from '@rapport/platform-eventsourcing';
import { appendSeconds, commandsTotal, countCommands, eventStoreLabels, MeasuredEventStore, metricsRegistry } from '@rapport/platform-observability';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { loadEnvironment } from '../runtime/config';
import { ConfiguredStorage } from '../runtime/storage';

type Noted = DomainEvent<'test.noted.v1', { readonly text: string }>;
type Note = { readonly type: 'note'; readonly text: string } | { readonly type: 'ping' };
/** Notes a text; refuses an empty one (a rule); a ping decides nothing. */
const notes: Decider<Note, Noted, number> = {
  initialState: () => 0,
  decide: (command) => {
    if (command.type === 'ping') return [];
    if (command.text === '') throw new DomainError('rule_violation', 'empty', 'a note needs a text');
    return [{ type: 'test.noted.v1', data: { text: command.text } }];
  },
  evolve: (count) => count + 1,
};

let n = 0;
const context = (commandId = `cmd-${++n}`): CommandContext => ({
  commandId,
  actor: { id: 'ada', kind: 'user' },
  now: new Date('2026-03-03T10:00:00Z'),
  correlationId: commandId,
  causationId: commandId,
  via: 'api',
});

const matches = (labels: Record<string, string>, of: Partial<Record<string, string | number>>): boolean => Object.entries(labels).every(([k, value]) => of[k] === value);

const count = async (labels: Record<string, string>): Promise<number> =>
  (await commandsTotal.get()).values.filter((v) => matches(labels, v.labels)).reduce((sum, v) => sum + v.value, 0);

const appendCount = async (labels: Record<string, string>): Promise<number> =>
  (await appendSeconds.get()).values.find((v) => v.metricName === 'rapport_event_store_append_seconds_count' && matches(labels, v.labels))?.value ?? 0;

describe('OPS-4: commands by type and outcome, append latency (rapport_commands_total, rapport_event_store_append_seconds)', () => {
  let inner: SqliteEventStore;
  let store: EventStore;
  let handler: CommandHandler<Note, Noted, number>;
  beforeAll(() => countCommands());
  beforeEach(() => {
    inner = SqliteEventStore.open(':memory:');
    store = new MeasuredEventStore(inner, { service: `notes-${++n}`, store: 'sqlite' });
    handler = new CommandHandler(store, notes);
  });
  afterEach(() => store.close());

  it('counts each command once under its service, type and outcome: accepted, duplicate, unchanged, rejected-<kind>', async () => {
    const service = eventStoreLabels(store)!.service;
    const first = context();
    await handler.handle('note-1', { type: 'note', text: 'hello' }, first, 'any');
    await handler.handle('note-1', { type: 'note', text: 'hello' }, first, 'any'); // a client's retry
    await handler.handle('note-1', { type: 'ping' }, context(), 'any');
    await expect(handler.handle('note-1', { type: 'note', text: '' }, context(), 'any')).rejects.toThrow(DomainError);
    await expect(handler.handle('note-2', { type: 'note', text: 'x' }, context(), 'existing')).rejects.toThrow(/does not exist/);

    expect(await count({ service, command: 'note', outcome: 'accepted' })).toBe(1);
    expect(await count({ service, command: 'note', outcome: 'duplicate' })).toBe(1);
    expect(await count({ service, command: 'ping', outcome: 'unchanged' })).toBe(1);
    expect(await count({ service, command: 'note', outcome: 'rejected-rule_violation' })).toBe(1);
    expect(await count({ service, command: 'note', outcome: 'rejected-not_found' })).toBe(1);
    expect(await count({ service })).toBe(5);
    const text = await metricsRegistry.metrics();
    expect(text).toContain(`rapport_commands_total{service="${service}",command="note",outcome="accepted"} 1`);
  });

  it('a store that fails makes the command `failed` (or `unavailable`), and it is still thrown to the caller', async () => {
    const service = eventStoreLabels(store)!.service;
    await inner.close(); // every call on a closed database throws
    await expect(handler.handle('note-1', { type: 'note', text: 'hello' }, context(), 'any')).rejects.toThrow();
    expect(await count({ service, command: 'note', outcome: 'failed' })).toBe(1);
  });

  it('times every append under its service and engine, single-stream and multi-stream', async () => {
    const labels = eventStoreLabels(store)!;
    await handler.handle('note-1', { type: 'note', text: 'one' }, context(), 'any');
    await handler.handle('note-1', { type: 'note', text: 'two' }, context(), 'any');
    const many = context();
    const result = await observedCommand(store, 'note-both', async () => {
      const written = await store.appendMany(
        [
          { streamId: 'note-2', expectedVersion: 'no_stream', events: [{ eventId: '0194b7a2-1c3e-7000-8000-000000000001', type: 'test.noted.v1', data: { text: 'a' } }] },
          { streamId: 'note-3', expectedVersion: 'no_stream', events: [{ eventId: '0194b7a2-1c3e-7000-8000-000000000002', type: 'test.noted.v1', data: { text: 'b' } }] },
        ],
        { context: { recordedAt: many.now.toISOString(), actor: many.actor, via: 'api', correlationId: many.commandId, causationId: many.commandId, commandId: many.commandId } },
      );
      return { duplicate: written.duplicate, events: written.streams };
    }, resultOutcomeOf);

    expect(result.events).toHaveLength(2);
    expect(await appendCount({ ...labels, operation: 'append' })).toBe(2);
    expect(await appendCount({ ...labels, operation: 'append_many' })).toBe(1);
    expect(await count({ service: labels.service, command: 'note-both', outcome: 'accepted' })).toBe(1);
    expect(await metricsRegistry.metrics()).toMatch(new RegExp(`rapport_event_store_append_seconds_bucket\\{le="\\+Inf",service="${labels.service}",store="sqlite",operation="append"\\} 2`));
  });

  it('a multi-stream use case refused before it appends is counted as rejected, under the name it gives', async () => {
    const service = eventStoreLabels(store)!.service;
    const refuse = () => Promise.reject(new DomainError('conflict', 'already-exists', 'the customer exists already'));
    await expect(observedCommand(store, 'register-customer', refuse, resultOutcomeOf)).rejects.toThrow(DomainError);
    const replayed = await observedCommand(store, 'register-customer', async () => ({ replayed: true }), (r) => (r.replayed ? 'duplicate' : 'accepted'));
    expect(replayed).toEqual({ replayed: true });
    expect(await count({ service, command: 'register-customer', outcome: 'rejected-conflict' })).toBe(1);
    expect(await count({ service, command: 'register-customer', outcome: 'duplicate' })).toBe(1);
  });

  it('an observer that throws never fails a command', async () => {
    const remove = observeCommands(() => {
      throw new Error('broken exporter');
    });
    try {
      const result = await handler.handle('note-1', { type: 'note', text: 'still written' }, context(), 'any');
      expect(result.events).toHaveLength(1);
      expect(await count({ service: eventStoreLabels(store)!.service, outcome: 'accepted' })).toBe(1);
    } finally {
      remove();
    }
  });

  it("the runtime's storage measures each service's store under the engine the environment picked", async () => {
    const storage = new ConfiguredStorage(loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') } as NodeJS.ProcessEnv));
    try {
      const events = await storage.eventStore('directory');
      expect(eventStoreLabels(events)).toEqual({ service: 'directory', store: 'sqlite' });
      await new CommandHandler(events, notes).handle('note-9', { type: 'note', text: 'via the runtime' }, context(), 'new');
      expect(await count({ service: 'directory', command: 'note', outcome: 'accepted' })).toBe(1);
      expect(await appendCount({ service: 'directory', store: 'sqlite', operation: 'append' })).toBe(1);
    } finally {
      await storage.close();
    }
  });
});
