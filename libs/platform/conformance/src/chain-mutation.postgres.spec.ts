import { ChainWitness, readEverything, verifyEvents } from '@rapport/platform-audit';
import type { AppendContext } from '@rapport/platform-eventsourcing';
import { PostgresEventStore } from '@rapport/platform-postgres';
import { postgresUrl } from '@rapport/platform-testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const context: AppendContext = { recordedAt: '2026-03-03T10:00:00.000Z', actor: { id: 'rep-1', kind: 'user' }, via: 'api', correlationId: 'c', causationId: 'c' };

/**
 * A4 on PostgreSQL: the same mutations as on SQLite, by plain SQL on the real engine, each named by verify.
 */
describe('A4: hash chain over a PostgreSQL store', () => {
  let url: string;
  let schema: string;
  let dir: string;
  let witness: ChainWitness;
  beforeAll(async () => {
    url = await postgresUrl();
  }, 120_000);

  beforeEach(async () => {
    schema = `es_chain_${randomBytes(6).toString('hex')}`;
    dir = mkdtempSync(join(tmpdir(), 'rapport-a4-pg-'));
    const store = await PostgresEventStore.open(url, { schema, poolSize: 2 });
    for (let i = 1; i <= 20; i++) {
      await store.append(`customer-c-${i % 3}`, [{ eventId: `event-${String(i).padStart(2, '0')}`, type: 'shop.noted.v1', data: { customerId: `c-${i % 3}`, n: i } }], { expectedVersion: 'any', context });
    }
    witness = new ChainWitness(join(dir, 'witness.jsonl'));
    await witness.update(store);
    await store.close();
  });
  afterEach(async () => {
    await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    rmSync(dir, { recursive: true, force: true });
  });

  async function sql(statement: string): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement.replace(/es_events/g, `"${schema}".es_events`));
    } finally {
      await client.end();
    }
  }
  const verify = async () => {
    const store = await PostgresEventStore.open(url, { schema, poolSize: 2 });
    try {
      return verifyEvents(await readEverything(store), witness.read().links);
    } finally {
      await store.close();
    }
  };

  it('A4: an untouched store verifies clean', async () => {
    expect(await verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('A4: one changed byte of a stored event names that event', async () => {
    await sql(`UPDATE es_events SET metadata = replace(metadata::text, '"rep-1"', '"rep-2"')::json WHERE position = 7`);
    expect((await verify()).problem).toMatchObject({ kind: 'altered', at: expect.stringContaining('position 7 (event event-07') });
  });

  it('A4: a deleted event is named as removed', async () => {
    await sql('DELETE FROM es_events WHERE position = 9');
    expect((await verify()).problem).toMatchObject({ kind: 'removed', at: expect.stringContaining('event-09') });
  });

  it('A4: two swapped events are named as reordered', async () => {
    await sql('UPDATE es_events SET position = -1 WHERE position = 12; UPDATE es_events SET position = 12 WHERE position = 13; UPDATE es_events SET position = 13 WHERE position = -1;');
    expect((await verify()).problem).toMatchObject({ kind: 'reordered', at: expect.stringContaining('position 12 (event event-13') });
  });

  it('A4: an inserted event is named', async () => {
    await sql(`INSERT INTO es_events (position, event_id, stream_id, stream_version, type, data, metadata)
               SELECT 21, 'forged', stream_id, 99, type, data, metadata FROM es_events WHERE position = 3`);
    expect((await verify()).problem).toMatchObject({ kind: 'inserted', at: expect.stringContaining('event forged') });
  });

  it('A4: a truncated tail is caught and the first missing event named', async () => {
    await sql('DELETE FROM es_events WHERE position > 15');
    expect((await verify()).problem).toMatchObject({ kind: 'truncated', at: expect.stringContaining('position 16') });
  });
});
