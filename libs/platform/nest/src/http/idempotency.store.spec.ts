import { SqliteReadModelStore } from '@rapport/platform-sqlite';
import { IdempotencyStore } from './idempotency.store';

const NOW = new Date('2026-01-05T09:00:00.000Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('IdempotencyStore (SEC-1)', () => {
  let rm: SqliteReadModelStore;
  beforeEach(() => {
    rm = SqliteReadModelStore.open(':memory:');
  });
  afterEach(() => rm.close());

  it('SEC-1: a finished key replays its answer to the same request and refuses another one', async () => {
    const store = await IdempotencyStore.open(rm, { singleProcess: false });
    const begun = await store.begin('k', 'body-a', NOW);
    expect(begun.kind).toBe('execute');
    await store.finish('k', (begun as { position: number }).position, { status: 201, body: { id: 1 }, location: '/x/1' });
    expect(await store.begin('k', 'body-a', NOW)).toEqual({ kind: 'replay', response: { status: 201, body: { id: 1 }, location: '/x/1' } });
    expect(await store.begin('k', 'body-b', NOW)).toEqual({ kind: 'mismatch' });
  });

  it('SEC-1: two processes on one store: the second sees the key in flight until the lease has passed', async () => {
    const one = await IdempotencyStore.open(rm, { singleProcess: false, leaseMs: 60_000 });
    const two = await IdempotencyStore.open(rm, { singleProcess: false, leaseMs: 60_000 });
    expect((await one.begin('k', 'body', NOW)).kind).toBe('execute');
    expect(await two.begin('k', 'body', later(1_000))).toEqual({ kind: 'in-flight' });
    expect((await two.begin('k', 'body', later(61_000))).kind).toBe('execute');
    // The first process, back from its pause, has lost the key: it may not start again.
    expect(await one.begin('k', 'body', later(61_000))).toEqual({ kind: 'in-flight' });
  });

  it('SEC-1: a single-process store takes over a reservation an earlier (crashed) process left', async () => {
    const crashed = await IdempotencyStore.open(rm, { singleProcess: true });
    expect((await crashed.begin('k', 'body', NOW)).kind).toBe('execute');
    const restarted = await IdempotencyStore.open(rm, { singleProcess: true });
    expect((await restarted.begin('k', 'body', NOW)).kind).toBe('execute');
  });

  it('SEC-1: a released key may carry another body', async () => {
    const store = await IdempotencyStore.open(rm, { singleProcess: true });
    const begun = await store.begin('k', 'bad', NOW);
    await store.release('k', (begun as { position: number }).position);
    expect((await store.begin('k', 'good', NOW)).kind).toBe('execute');
  });
});
