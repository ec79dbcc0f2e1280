// Rapport's event-store benchmark. Not a test: numbers depend on the machine, so they are printed beside
// the raw ceiling (plain better-sqlite3 doing the same inserts/reads) and the peer (Emmett's SQLite event
// store doing the same work), all measured in the same run on the same disk.
//
//   npm run bench                       full run (1M-event rebuild)
//   npm run bench -- --rebuild-events 100000 --single 1000   quicker
//   npm run bench -- --write docs/benchmarks.md              also rewrite the results block of that file
//   npm run bench -- --no-load                               without the commands-under-load rows (HTTP servers)
require('reflect-metadata');
const { mkdtempSync, rmSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir, cpus, totalmem } = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const Database = require('better-sqlite3');
const { SqliteEventStore, SqliteReadModelStore } = require('@rapport/platform-sqlite');
const { ProjectionRunner } = require('@rapport/platform-eventsourcing');

const { values: args } = parseArgs({
  options: {
    single: { type: 'string', default: '3000' },
    batches: { type: 'string', default: '600' },
    'rebuild-events': { type: 'string', default: '1000000' },
    'peer-rebuild-events': { type: 'string' },
    write: { type: 'string' },
    'no-peer': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
  },
});
const SINGLE = Number(args.single);
const BATCHES = Number(args.batches);
const BATCH_SIZE = 100;
const REBUILD_EVENTS = Number(args['rebuild-events']);
const PEER_REBUILD_EVENTS = Number(args['peer-rebuild-events'] ?? args['rebuild-events']);
const STREAMS_FOR_REBUILD = 10_000;

const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
const results = [];

const { context, contactPayload: payload } = require('./fixtures');
const { commandsUnderLoad } = require('./commands-under-load');
const TYPE = 'customers.contact-logged.v1';
let eventCounter = 0;
const newEvent = (i) => ({ eventId: `e-${++eventCounter}-${i}`, type: TYPE, data: payload(i) });

function measure(label, count, unit, fn) {
  return (async () => {
    const rssBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    await fn();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = count / seconds;
    const rssMb = Math.round(Math.max(process.memoryUsage().rss, rssBefore) / 1024 / 1024);
    console.log(`  ${label.padEnd(46)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} ${unit}/s  (${count.toLocaleString('en-US')} in ${seconds.toFixed(2)} s, rss ${rssMb} MiB)`);
    return rate;
  })();
}

function rawDatabase(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL)');
  return db;
}

function loadPeer() {
  if (args['no-peer']) return undefined;
  try {
    return {
      emmett: require('./peer/node_modules/@event-driven-io/emmett-sqlite'),
    };
  } catch (error) {
    console.warn(`peer not installed (${error.message.split('\n')[0]}); run: npm ci --prefix tools/bench/peer`);
    return undefined;
  }
}

/**
 * Emmett 0.38.5 on node-sqlite3 now and then fails a commit with SQLITE_BUSY ("SQL statements in progress")
 * even with a single writer; the bench retries such an append (counting it) so the peer is measured at all.
 */
let peerRetries = 0;
async function peerAppend(store, stream, events, options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.appendToStream(stream, events, options);
    } catch (error) {
      if (error.code !== 'SQLITE_BUSY' || attempt >= 10) throw error;
      peerRetries++;
    }
  }
}

/** Median of several interleaved rounds: background load on a shared disk hits every contender alike. */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ROUNDS = 3;

async function singleAppends(peer) {
  const perRound = Math.ceil(SINGLE / ROUNDS);
  console.log(`\nsingle-event appends (${ROUNDS} interleaved rounds of ${perRound.toLocaleString('en-US')} appends, each its own durable commit, WAL + synchronous=FULL)`);
  const ours = SqliteEventStore.open(join(dir, 'single-ours.sqlite'));
  const db = rawDatabase(join(dir, 'single-raw.sqlite'));
  const insert = db.prepare('INSERT INTO events (stream_id, type, data, metadata) VALUES (?, ?, ?, ?)');
  const store = peer && peer.emmett.getSQLiteEventStore({ fileName: join(dir, 'single-emmett.sqlite'), schema: { autoMigration: 'CreateOrUpdate' } });
  if (store) await peerAppend(store, 'warm-up', [{ type: TYPE, data: payload(0) }]);
  const rates = { rapport: [], raw: [], emmett: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const from = round * perRound;
    rates.rapport.push(
      await measure(`rapport SqliteEventStore.append (round ${round + 1})`, perRound, 'appends', async () => {
        for (let i = from; i < from + perRound; i++) await ours.append(`customer-${i}`, [newEvent(i)], { expectedVersion: 'no_stream', context: { ...context, commandId: `c-${i}` } });
      }),
    );
    rates.raw.push(
      await measure(`raw better-sqlite3 INSERT (round ${round + 1})`, perRound, 'appends', async () => {
        for (let i = from; i < from + perRound; i++) insert.run(`customer-${i}`, TYPE, JSON.stringify(payload(i)), JSON.stringify(context));
      }),
    );
    if (store) {
      rates.emmett.push(
        await measure(`peer: emmett-sqlite appendToStream (round ${round + 1})`, perRound, 'appends', async () => {
          for (let i = from; i < from + perRound; i++) {
            await peerAppend(store, `customer-${i}`, [{ type: TYPE, data: payload(i), metadata: context }], { expectedStreamVersion: 0n });
          }
        }),
      );
    }
  }
  await ours.close();
  db.close();
  const rapport = median(rates.rapport);
  const raw = median(rates.raw);
  const emmett = store ? median(rates.emmett) : undefined;
  results.push({ name: 'single-event append', unit: 'appends/s', rapport, raw, emmett, goal: emmett ? `≥ 2× peer: ${(rapport / emmett).toFixed(1)}×` : 'peer not run' });
}

async function batchedAppends(peer) {
  const perRound = Math.ceil(BATCHES / ROUNDS);
  const events = perRound * BATCH_SIZE;
  console.log(`\nbatched appends (${ROUNDS} interleaved rounds of ${perRound} appends of ${BATCH_SIZE} events = ${events.toLocaleString('en-US')} events each)`);
  const ours = SqliteEventStore.open(join(dir, 'batch-ours.sqlite'));
  const db = rawDatabase(join(dir, 'batch-raw.sqlite'));
  const insert = db.prepare('INSERT INTO events (stream_id, type, data, metadata) VALUES (?, ?, ?, ?)');
  const insertBatch = db.transaction((b) => {
    for (let i = 0; i < BATCH_SIZE; i++) insert.run(`customer-${b}`, TYPE, JSON.stringify(payload(b * BATCH_SIZE + i)), JSON.stringify(context));
  });
  const store = peer && peer.emmett.getSQLiteEventStore({ fileName: join(dir, 'batch-emmett.sqlite'), schema: { autoMigration: 'CreateOrUpdate' } });
  if (store) await peerAppend(store, 'warm-up', [{ type: TYPE, data: payload(0) }]);
  const rates = { rapport: [], raw: [], emmett: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const from = round * perRound;
    rates.rapport.push(
      await measure(`rapport SqliteEventStore.append x100 (round ${round + 1})`, events, 'events', async () => {
        for (let b = from; b < from + perRound; b++) {
          const batch = Array.from({ length: BATCH_SIZE }, (_, i) => newEvent(b * BATCH_SIZE + i));
          await ours.append(`customer-${b}`, batch, { expectedVersion: 'no_stream', context: { ...context, commandId: `b-${b}` } });
        }
      }),
    );
    rates.raw.push(
      await measure(`raw better-sqlite3 INSERT x100 in one tx (round ${round + 1})`, events, 'events', async () => {
        for (let b = from; b < from + perRound; b++) insertBatch(b);
      }),
    );
    if (store) {
      rates.emmett.push(
        await measure(`peer: emmett-sqlite appendToStream x100 (round ${round + 1})`, events, 'events', async () => {
          for (let b = from; b < from + perRound; b++) {
            const batch = Array.from({ length: BATCH_SIZE }, (_, i) => ({ type: TYPE, data: payload(b * BATCH_SIZE + i), metadata: context }));
            await peerAppend(store, `customer-${b}`, batch, { expectedStreamVersion: 0n });
          }
        }),
      );
    }
  }
  await ours.close();
  db.close();
  const rapport = median(rates.rapport);
  const raw = median(rates.raw);
  const emmett = store ? median(rates.emmett) : undefined;
  results.push({ name: 'batched append (100 events)', unit: 'events/s', rapport, raw, emmett, goal: `≥ 70% of raw: ${Math.round((100 * rapport) / raw)}%` });
}

/** The same work for every contender: count contacts and remember the last outcome per customer. */
const summaryProjection = {
  name: 'contact-summary',
  version: 1,
  collections: [{ name: 'contact_summaries' }],
  async apply(event, view) {
    const id = event.metadata.streamId;
    const current = await view.get('contact_summaries', id);
    view.put('contact_summaries', { id, contacts: (current?.contacts ?? 0) + 1, lastOutcome: event.data.outcome, lastAt: event.metadata.recordedAt });
  },
};

async function fillOurs(file, count) {
  const store = SqliteEventStore.open(file, { synchronous: 'NORMAL' });
  const perAppend = 1_000;
  for (let b = 0; b < count / perAppend; b++) {
    const batch = Array.from({ length: perAppend }, (_, i) => newEvent(b * perAppend + i));
    await store.append(`customer-${b % STREAMS_FOR_REBUILD}`, batch, { expectedVersion: 'any', context });
  }
  await store.close();
}

async function rebuild(peer) {
  console.log(`\nprojection rebuild from zero (${REBUILD_EVENTS.toLocaleString('en-US')} events appended 1,000 per append over up to ${STREAMS_FOR_REBUILD.toLocaleString('en-US')} streams)`);
  const file = join(dir, 'rebuild-ours.sqlite');
  await fillOurs(file, REBUILD_EVENTS);

  const events = SqliteEventStore.open(file);
  const readModels = SqliteReadModelStore.open(join(dir, 'rebuild-ours.read.sqlite'));
  const runner = new ProjectionRunner(events, readModels, summaryProjection, { batchSize: 2_000 });
  const rapport = await measure('rapport ProjectionRunner.rebuild', REBUILD_EVENTS, 'events', () => runner.rebuild());
  const docs = await readModels.count('contact_summaries');
  const expected = Math.min(STREAMS_FOR_REBUILD, Math.ceil(REBUILD_EVENTS / 1_000));
  if (docs !== expected) throw new Error(`rebuild produced ${docs} documents, expected ${expected}`);
  await events.close();
  await readModels.close();

  const db = new Database(file, { readonly: true });
  const raw = await measure('raw better-sqlite3 iterate + JSON.parse (ceiling)', REBUILD_EVENTS, 'events', async () => {
    let n = 0;
    for (const row of db.prepare('SELECT data, metadata FROM es_events ORDER BY position').iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      n++;
    }
    if (n !== REBUILD_EVENTS) throw new Error(`read ${n}`);
  });
  db.close();

  let emmett;
  if (peer) {
    const fileName = join(dir, 'rebuild-emmett.sqlite');
    const store = peer.emmett.getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
    const perAppend = 1_000;
    for (let b = 0; b < PEER_REBUILD_EVENTS / perAppend; b++) {
      const batch = Array.from({ length: perAppend }, (_, i) => ({ type: TYPE, data: payload(b * perAppend + i), metadata: context }));
      await peerAppend(store, `customer-${b % STREAMS_FOR_REBUILD}`, batch);
    }
    const connection = peer.emmett.sqliteConnection({ fileName });
    await connection.command('CREATE TABLE IF NOT EXISTS contact_summaries (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
    emmett = await measure('peer: emmett-sqlite readMessagesBatch + same writes', PEER_REBUILD_EVENTS, 'events', async () => {
      let after = -1n;
      for (;;) {
        const { messages } = await peer.emmett.readMessagesBatch(connection, { after, batchSize: 2_000 });
        if (messages.length === 0) break;
        const pending = new Map();
        for (const message of messages) {
          const id = message.metadata.streamName;
          let current = pending.get(id);
          if (!current) {
            const row = await connection.querySingle('SELECT doc FROM contact_summaries WHERE id = ?', [id]);
            current = row ? JSON.parse(row.doc) : undefined;
          }
          pending.set(id, { id, contacts: (current?.contacts ?? 0) + 1, lastOutcome: message.data.outcome });
        }
        await connection.command('BEGIN');
        for (const doc of pending.values()) {
          await connection.command('INSERT INTO contact_summaries (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc', [doc.id, JSON.stringify(doc)]);
        }
        await connection.command('COMMIT');
        after = messages[messages.length - 1].metadata.globalPosition;
      }
    });
    connection.close();
  }
  results.push({ name: `projection rebuild (${REBUILD_EVENTS.toLocaleString('en-US')} events)`, unit: 'events/s', rapport, raw, emmett, goal: `≥ 50% of raw: ${Math.round((100 * rapport) / raw)}%` });
}

function table() {
  const fmt = (n) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
  const lines = [
    `Run ${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${Math.round(totalmem() / 2 ** 30)} GiB · SQLite WAL, synchronous=FULL`,
    '',
    '| benchmark | Rapport | raw better-sqlite3 (ceiling) | Emmett SQLite 0.38.5 (peer) | goal |',
    '|---|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.name} (${r.unit}) | ${fmt(r.rapport)} | ${fmt(r.raw)} | ${fmt(r.emmett)} | ${r.goal} |`),
    '',
    `Peer appends retried after SQLITE_BUSY: ${peerRetries}. Appends: median of ${ROUNDS} interleaved rounds; rebuild: one run each.`,
  ];
  return lines.join('\n');
}

(async () => {
  const peer = loadPeer();
  try {
    await singleAppends(peer);
    await batchedAppends(peer);
    await rebuild(peer);
    await require('./health-during-import').healthDuringImport(results);
    await require('./scheduler').schedulerBench(results);
    await require('./audit').auditBench(results);
    await require('./complaints').complaintsBench(results); // issue 10: SLA board at 1k vs 100k open complaints
    await require('./feedback').feedbackBench(results); // issue 9: NPS board at 10k vs 1M answers, answers vs raw append
    await require('./sales-gating').salesGatingBench(results); // issue 12: batch check, single checks, policy re-evaluation
    if (!args['no-load']) await require('./gate-checks').gateChecksBench(results); // issue 12: checks over HTTP beside a bare read
    await require('./scale-out').scaleOutBench(results); // issue 15, item 7: 3 consumers, 6 partitions, one killed
    // Servers in their own processes, driven over HTTP (issue 7, item 9).
    if (!args['no-load']) await commandsUnderLoad(results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const markdown = table();
  console.log(`\n${markdown}\n`);
  if (args.write) {
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const doc = readFileSync(args.write, 'utf8');
    writeFileSync(args.write, doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), `${begin}\n${markdown}\n${end}`));
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
