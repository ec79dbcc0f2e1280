/**
 * Append throughput of the two position-lock strategies (ADR 0006). Not part of `npm test`:
 *   RAPPORT_BENCH=1 POSTGRES_URL=postgres://... npx jest libs/platform/postgres/bench
 * Prints appends/s for one sequential writer and for 8 concurrent writers over 4 pools.
 */
import { PostgresEventStore, type PositionLock } from '../src';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const url = process.env['POSTGRES_URL'] ?? '';
const bench = process.env['RAPPORT_BENCH'] === '1' && url ? describe : describe.skip;
const context = { recordedAt: '2026-03-03T10:00:00.000Z', actor: { id: 'u', kind: 'user' as const }, via: 'api' as const, correlationId: 'c', causationId: 'c' };
const event = () => ({ eventId: randomBytes(16).toString('hex'), type: 'bench.happened.v1', data: { text: 'x'.repeat(200) } });

async function run(positionLock: PositionLock, notify: boolean, writers: number, appends: number, eventsPerAppend: number): Promise<number> {
  const schema = `es_bench_${randomBytes(4).toString('hex')}`;
  const stores = await Promise.all(
    Array.from({ length: Math.min(writers, 4) }, () => PostgresEventStore.open(url, { schema, positionLock, notify, poolSize: Math.ceil(writers / 4) + 1 })),
  );
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const store = stores[w % stores.length]!;
      while (next < appends) {
        const i = next++;
        await store.append(`bench-${i % 1000}`, Array.from({ length: eventsPerAppend }, event), { expectedVersion: 'any', context: { ...context, commandId: `c-${i}` } });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  expect(await stores[0]!.headPosition()).toBe(appends * eventsPerAppend);
  await Promise.all(stores.map((s) => s.close()));
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  await client.end();
  return appends / seconds;
}

bench('PostgreSQL append rate', () => {
  const cases: [PositionLock, boolean, number, number, number][] = [];
  for (const lock of ['counter-row', 'advisory-lock'] as const) {
    cases.push([lock, true, 1, 1_000, 1], [lock, true, 8, 2_000, 1], [lock, false, 8, 2_000, 1], [lock, true, 8, 1_000, 10]);
  }
  // Rounds interleave the cases, so a noisy neighbour on a shared machine hits all of them alike.
  it('measures each case in 3 interleaved rounds and prints the median', async () => {
    const rates = cases.map(() => [] as number[]);
    for (const [lock, notify, writers, appends, perAppend] of cases) await run(lock, notify, writers, Math.round(appends / 4), perAppend);
    for (let round = 0; round < 3; round++) {
      for (const [i, [lock, notify, writers, appends, perAppend]] of cases.entries()) rates[i]!.push(await run(lock, notify, writers, appends, perAppend));
    }
    const lines = cases.map(([lock, notify, writers, , perAppend], i) => {
      const sorted = [...rates[i]!].sort((a, b) => a - b);
      return `${lock.padEnd(13)} notify=${String(notify).padEnd(5)} writers=${writers} events/append=${String(perAppend).padEnd(2)}: median ${sorted[1]!.toFixed(0)} appends/s (${sorted.map((r) => r.toFixed(0)).join(', ')})`;
    });
    console.log(lines.join('\n'));
  }, 900_000);
});
