import { ProjectionRunner, type FieldCondition, type Projection, type Query, type Scalar } from '@rapport/platform-eventsourcing';
import { MongoReadModelStore } from '@rapport/platform-mongodb';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';
import { mongoUrl, readModelConformance } from '@rapport/platform-testing';
import { randomBytes } from 'node:crypto';

// The real engine: MONGODB_URL, testcontainers (MongoDB 7), or FerretDB 1.24 from infra/engines.
let url: string;
beforeAll(async () => {
  url = await mongoUrl();
}, 120_000);

readModelConformance('MongoDB wire (FerretDB locally)', () => {
  // A fresh database per test, dropped afterwards.
  const dbName = `rm_test_${randomBytes(6).toString('hex')}`;
  return {
    open: () => MongoReadModelStore.open(url, { dbName }),
    cleanup: () => dropDatabase(dbName),
  };
});

async function dropDatabase(dbName: string): Promise<void> {
  const admin = await MongoReadModelStore.open(url, { dbName });
  await admin.connection.dropDatabase();
  await admin.close();
}

/** A small seeded generator, so a failing parity case can be reproduced. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

describe('MongoDB read models answer exactly what the SQLite store answers', () => {
  const dbName = `rm_parity_${randomBytes(6).toString('hex')}`;
  let mongoStore: MongoReadModelStore;
  let sqliteStore: SqliteReadModelStore;
  const random = prng(20_261_127);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const names = ['Ada Lovelace', 'ada', 'ADA', 'Äda', 'ädA', 'Ölaf', 'olaf', 'Zoë', 'zoe', 'a.b*c', 'x+y?', '(paren)', '[br]', 'back\\\\slash', 'tab\\tsep', '', 'émile', 'Émile', 'ümlaut', '日本語', 'emoji 😀', 'KELVIN', 'straße', 'STRASSE'];
  const cities = ['London', 'london', 'New York', 'Paris', 'Zürich', 'zurich', ''];
  const sometimes = <T>(value: () => T): T | null | undefined => {
    const r = random();
    return r < 0.1 ? null : r < 0.2 ? undefined : value();
  };
  const docs = Array.from({ length: 80 }, (_, i) => {
    const doc: Record<string, unknown> = { id: `d${String(i).padStart(2, '0')}` };
    const fields: Record<string, unknown> = {
      name: sometimes(() => pick(names)),
      city: sometimes(() => pick(cities)),
      age: sometimes(() => pick([0, 1, -3, 17, 36, 36.5, 85, 1e6, -0.25])),
      vip: random() < 0.2 ? undefined : random() < 0.5,
      rank: Math.floor(random() * 5),
    };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) doc[key] = value;
    return doc as { id: string };
  });

  const condition = (field: string): FieldCondition => {
    const values: Record<string, () => Scalar> = {
      name: () => pick(names),
      city: () => pick(cities),
      age: () => pick([0, 1, -3, 17, 36, 36.5, 85, 1e6, -0.25, 40]),
      vip: () => random() < 0.5,
      rank: () => Math.floor(random() * 5),
    };
    const value = values[field]!;
    switch (pick(['eq', 'null', 'in', 'range', 'contains'] as const)) {
      case 'eq':
        return value();
      case 'null':
        return null;
      case 'in':
        return { in: Array.from({ length: Math.floor(random() * 4) }, () => (random() < 0.15 ? null : value())) };
      case 'range': {
        const range: Record<string, Scalar> = {};
        for (const op of ['gt', 'gte', 'lt', 'lte']) if (random() < 0.4) range[op] = random() < 0.05 ? null : value();
        return range;
      }
      case 'contains': {
        if (field !== 'name' && field !== 'city') return value();
        const source = String(value());
        const start = Math.floor(random() * source.length);
        const needle = source.slice(start, start + 1 + Math.floor(random() * 4));
        return { contains: random() < 0.5 ? needle.toUpperCase() : needle };
      }
    }
  };
  const conditions = (): Record<string, FieldCondition> => {
    const result: Record<string, FieldCondition> = {};
    for (const field of ['name', 'city', 'age', 'vip', 'rank']) if (random() < 0.3) result[field] = condition(field);
    return result;
  };
  const query = (): Query => ({
    ...(random() < 0.8 ? { where: conditions() } : {}),
    ...(random() < 0.3 ? { anyOf: Array.from({ length: Math.floor(random() * 3) }, conditions) } : {}),
    ...(random() < 0.7
      ? { orderBy: Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({ field: pick(['name', 'city', 'age', 'vip', 'rank', 'id']), direction: pick(['asc', 'desc'] as const) })) }
      : {}),
    ...(random() < 0.4 ? { limit: pick([0, 1, 3, 10, -1, 2.5]) } : {}),
    ...(random() < 0.3 ? { offset: pick([0, 1, 5, 100]) } : {}),
  });

  beforeAll(async () => {
    mongoStore = await MongoReadModelStore.open(url, { dbName });
    sqliteStore = SqliteReadModelStore.open(':memory:');
    for (const store of [mongoStore, sqliteStore]) {
      await store.ensureCollections([{ name: 'things', indexes: [['city', 'age'], ['name']] }]);
      await store.commit('things-projection', docs.map((doc) => ({ kind: 'put', collection: 'things', doc })), { position: 1, version: 1 });
    }
  });
  afterAll(async () => {
    await mongoStore?.close();
    await sqliteStore.close();
    await dropDatabase(dbName);
  });

  it('on 400 generated queries over mixed-case, accented, non-Latin and null/missing values', async () => {
    const mismatches: string[] = [];
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const q = query();
      const [expected, actual] = await Promise.all([sqliteStore.find('things', q), mongoStore.find('things', q)]);
      const [expectedCount, actualCount] = await Promise.all([sqliteStore.count('things', q), mongoStore.count('things', q)]);
      if (expected.length > 0) answered++;
      if (JSON.stringify(actual) !== JSON.stringify(expected) || actualCount !== expectedCount) {
        mismatches.push(`${JSON.stringify(q)}\n  sqlite ${expected.map((d) => d.id).join(',')} (${expectedCount})\n  mongo  ${actual.map((d) => d.id).join(',')} (${actualCount})`);
      }
    }
    expect(mismatches).toEqual([]);
    // Not a vacuous comparison of empty answers.
    expect(answered).toBeGreaterThan(120);
    expect(await mongoStore.get('things', 'd07')).toEqual(await sqliteStore.get('things', 'd07'));
  });
});

describe('MongoDB read models after a crash in the middle of a commit', () => {
  const dbName = `rm_crash_${randomBytes(6).toString('hex')}`;
  const context = { recordedAt: '2026-01-01T00:00:00.000Z', actor: { id: 'u', kind: 'user' as const }, via: 'api' as const, correlationId: 'c', causationId: 'c' };
  // Reads its own documents to compute the next state, like every real projection.
  const tally: Projection = {
    name: 'tally',
    version: 1,
    collections: [{ name: 'counts' }, { name: 'lasts' }],
    async apply(event, view) {
      const current = await view.get<{ id: string; count: number }>('counts', event.metadata.streamId);
      view.put('counts', { id: event.metadata.streamId, count: (current?.count ?? 0) + 1 });
      view.put('lasts', { id: event.metadata.streamId, position: event.metadata.globalPosition });
    },
  };
  let events: SqliteEventStore;
  const opened: MongoReadModelStore[] = [];
  const open = async (): Promise<MongoReadModelStore> => {
    const store = await MongoReadModelStore.open(url, { dbName });
    opened.push(store);
    return store;
  };
  const append = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      await events.append(`s-${i % 3}`, [{ eventId: randomBytes(8).toString('hex'), type: 'test.ticked.v1', data: {} }], { expectedVersion: 'any', context });
    }
  };

  beforeAll(() => {
    events = SqliteEventStore.open(':memory:');
  });
  afterAll(async () => {
    await events.close();
    await Promise.all(opened.map((store) => store.close()));
    await dropDatabase(dbName);
  });

  it('rolls the half-applied batch forward on restart, so a longer redelivered batch counts every event once', async () => {
    await append(20);
    const first = await open();
    await new ProjectionRunner(events, first, tally, { batchSize: 10 }).catchUp();
    await append(5);

    // The process dies after `counts` of batch 21..23 is written and before `lasts` and the checkpoint.
    const db = (first as unknown as { db: { collection: (name: string) => object } }).db;
    const collection = db.collection.bind(db);
    db.collection = (name: string) => {
      const real = collection(name) as { bulkWrite: (...args: unknown[]) => Promise<unknown> };
      if (name !== 'rm_lasts') return real;
      return new Proxy(real, { get: (target, key) => (key === 'bulkWrite' ? () => Promise.reject(new Error('process killed')) : Reflect.get(target, key)) });
    };
    await expect(new ProjectionRunner(events, first, tally, { batchSize: 3 }).catchUp()).rejects.toThrow('process killed');
    await first.close();

    // Meanwhile more events arrive; the restarted runner reads them in one larger batch.
    await append(5);
    const restarted = await open();
    expect(await restarted.checkpoint('tally')).toEqual({ position: 23, version: 1 });
    await new ProjectionRunner(events, restarted, tally, { batchSize: 100 }).catchUp();

    const truth = new Map<string, { count: number; position: number }>();
    for (const e of await events.readAll({ after: 0, maxCount: 1_000 })) {
      truth.set(e.metadata.streamId, { count: (truth.get(e.metadata.streamId)?.count ?? 0) + 1, position: e.metadata.globalPosition });
    }
    const counts = await restarted.find<{ id: string; count: number }>('counts', { orderBy: [{ field: 'id' }] });
    const lasts = await restarted.find<{ id: string; position: number }>('lasts', { orderBy: [{ field: 'id' }] });
    expect(counts).toEqual([...truth].map(([id, t]) => ({ id, count: t.count })));
    expect(lasts).toEqual([...truth].map(([id, t]) => ({ id, position: t.position })));
    expect(await restarted.checkpoint('tally')).toEqual({ position: 30, version: 1 });
  });
});
