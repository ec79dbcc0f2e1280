import { PostgresEventStore } from '@rapport/platform-postgres';
import { eventStoreConformance, postgresUrl, until } from '@rapport/platform-testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// The real engine: from POSTGRES_URL, testcontainers, or the local script (see engines.ts).
let url: string;
beforeAll(async () => {
  url = await postgresUrl();
}, 120_000);

eventStoreConformance('PostgreSQL', () => {
  // A fresh schema per test: same database, no interference, dropped afterwards.
  const schema = `es_test_${randomBytes(6).toString('hex')}`;
  // The application name lets dropConnections terminate this test's connections and no one else's.
  const applicationName = `rapport-${schema}`;
  const open = (pollIntervalMs = 50): Promise<PostgresEventStore> => PostgresEventStore.open(url, { schema, pollIntervalMs, poolSize: 5, applicationName });
  let current: PostgresEventStore | undefined;
  return {
    open: async () => (current = await open()),
    // A restart: a new pool over the same schema.
    reopen: async () => {
      await current?.close();
      return (current = await open());
    },
    // Another process: its own pool.
    openConcurrent: () => open(),
    // Only NOTIFY can wake it.
    openWithoutPolling: () => open(600_000),
    dropConnections: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      await client.end();
    },
    cleanup: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
});

describe('PostgreSQL event store beyond the shared suite', () => {
  const schema = `es_test_${randomBytes(6).toString('hex')}`;
  const stores: PostgresEventStore[] = [];
  const open = async (options: { pollIntervalMs?: number } = {}): Promise<PostgresEventStore> => {
    const store = await PostgresEventStore.open(url, { schema, poolSize: 4, ...options });
    stores.push(store);
    return store;
  };
  const context = { recordedAt: '2026-03-03T10:00:00.000Z', actor: { id: 'u', kind: 'user' as const }, via: 'api' as const, correlationId: 'c', causationId: 'c' };
  const event = (eventId: string = randomBytes(8).toString('hex')) => ({ eventId, type: 'test.happened.v1', data: { at: eventId } });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('creates its schema idempotently when several processes open it at once', async () => {
    const opened = await Promise.all(Array.from({ length: 4 }, () => open()));
    expect(await opened[0]!.headPosition()).toBe(0);
  });

  it('wakes a live subscriber in another process by NOTIFY, not by its poll interval', async () => {
    const writer = await open();
    // The poll runs once at subscribe and then not for an hour: anything seen after the first poll came by NOTIFY.
    const reader = await open({ pollIntervalMs: 3_600_000 });
    const after = await writer.headPosition();
    const seen: number[] = [];
    const unsubscribe = reader.subscribeToAll({ after, onEvents: async (batch) => void seen.push(...batch.map((e) => e.metadata.globalPosition)) });
    // The reader's listener connects in the background, and a NOTIFY sent before it listens is lost (only the
    // hourly poll would find that event). So: append until one event has arrived — the reader is listening then...
    const pings: number[] = [];
    await until(
      async () => {
        if (seen.length > 0) return true;
        pings.push((await writer.append('notify-0', [event()], { expectedVersion: 'any', context })).lastPosition);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return seen.length > 0;
      },
      30_000,
      'the reader to listen',
    );
    await until(() => pings.every((p) => seen.includes(p)), 30_000, 'every ping, read after the first wake-up');
    // ...so the next event can only arrive by NOTIFY: no timing assertion needed.
    const { lastPosition } = await writer.append('notify-1', [event()], { expectedVersion: 'any', context });
    await until(() => seen.includes(lastPosition), 30_000, 'the event announced by NOTIFY');
    await unsubscribe();
    expect(seen).toEqual([...pings, lastPosition]);
  });

  it('records a command appended concurrently to two streams once; the other append is its duplicate', async () => {
    const [a, b] = [await open(), await open()];
    const results = await Promise.all([
      a.append('cmd-race-a', [event()], { expectedVersion: 'any', context: { ...context, commandId: 'race-cmd' } }),
      b.append('cmd-race-b', [event()], { expectedVersion: 'any', context: { ...context, commandId: 'race-cmd' } }),
    ]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(results[0]!.firstPosition).toBe(results[1]!.firstPosition);
    const written = (await a.readStream('cmd-race-a')).length + (await a.readStream('cmd-race-b')).length;
    expect(written).toBe(1);
  });

  it('refuses an event id that is already stored in another stream', async () => {
    const store = await open();
    const e = event();
    await store.append('owner-1', [e], { expectedVersion: 'any', context });
    await expect(store.append('owner-2', [e], { expectedVersion: 'any', context })).rejects.toMatchObject({ name: 'EventIdConflictError' });
    await expect(store.append('owner-2', [event(), e], { expectedVersion: 'any', context })).rejects.toMatchObject({
      name: 'EventIdConflictError',
      eventId: e.eventId,
    });
    expect(await store.readStream('owner-2')).toEqual([]);
  });

  it('keeps positions dense under heavier contention: 4 pools, 400 appends, a reader that checks every step', async () => {
    const writers = await Promise.all(Array.from({ length: 4 }, () => open()));
    const start = await writers[0]!.headPosition();
    let reading = true;
    let after = start;
    const reader = (async () => {
      while (reading || after < (await writers[0]!.headPosition())) {
        const batch = await writers[0]!.readAll({ after, maxCount: 500 });
        for (const e of batch) {
          if (e.metadata.globalPosition !== after + 1) throw new Error(`gap: ${after} -> ${e.metadata.globalPosition}`);
          after = e.metadata.globalPosition;
        }
      }
    })();
    await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        writers[i % 4]!.append(`dense-${i % 17}`, [event(), event()], { expectedVersion: 'any', context }),
      ),
    );
    reading = false;
    await reader;
    expect(after - start).toBe(800);
  });

  it('reports a connection the server dropped in the middle of an append as unavailable, and the retry appends once', async () => {
    const applicationName = `rapport-drop-${randomBytes(4).toString('hex')}`;
    const store = await PostgresEventStore.open(url, { schema, poolSize: 2, applicationName });
    stores.push(store);
    // A second client holds the position counter's row lock, so the append waits inside its transaction...
    const blocker = new Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT position FROM "${schema}".es_head FOR UPDATE`);
    const e = event();
    const pending = store.append('dropped-mid-append', [e], { expectedVersion: 'any', context: { ...context, commandId: 'dropped-cmd' } });
    const settled = pending.then(
      () => 'appended',
      (error: Error) => error.name,
    );
    // ...until the server terminates the connection it waits on (an unheard 'error' event would crash the process).
    await until(
      async () =>
        (await blocker.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [applicationName])).rowCount === 1,
      10_000,
      'the append to wait for the counter lock',
    );
    await blocker.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    expect(await settled).toBe('EventStoreUnavailableError');
    await blocker.query('ROLLBACK');
    await blocker.end();
    // The caller retries with the same ids, on a fresh connection.
    await store.append('dropped-mid-append', [e], { expectedVersion: 'any', context: { ...context, commandId: 'dropped-cmd' } });
    expect((await store.readStream('dropped-mid-append')).map((r) => r.metadata.eventId)).toEqual([e.eventId]);
  });
});
