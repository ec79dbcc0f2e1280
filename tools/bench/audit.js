// Audit rows of `npm run bench` (issue 13): verifying the hash chain of a store (A4) beside raw SHA-256 over the
// same stored bytes, and the append rate with field encryption on (A5) beside the plain store, plus the rate at
// which the chain witness links stored events. Embedded engines, synchronous=NORMAL (as the scheduler rows), so
// the rows measure the work and not the disk's fsync latency.
//
//   BENCH_VERIFY_EVENTS=100000 node -r ./tools/register-paths.js tools/bench/audit.js   alone, smaller
require('reflect-metadata');
require('@rapport/customers-domain'); // declares the personal fields of customers.contact-logged.v1 (notes, nextStep)
const { createHash, randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { SqliteEventStore } = require('@rapport/platform-sqlite');
const { ChainWitness, EncryptingEventStore, KeyVault, MemoryKeyRepository, verifyStore } = require('@rapport/platform-audit');
const { context, contactPayload } = require('./fixtures');

const EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 1_000_000);
const APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 3_000);
const TYPE = 'customers.contact-logged.v1';

async function timed(label, count, unit, fn) {
  const started = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`  ${label.padEnd(46)} ${Math.round(count / seconds).toLocaleString('en-US').padStart(12)} ${unit}/s  (${count.toLocaleString('en-US')} in ${seconds.toFixed(2)} s)`);
  return count / seconds;
}

async function appendRates(dir, results) {
  const plain = SqliteEventStore.open(join(dir, 'plain.sqlite'), { synchronous: 'NORMAL' });
  const sealedInner = SqliteEventStore.open(join(dir, 'sealed.sqlite'), { synchronous: 'NORMAL' });
  const sealed = new EncryptingEventStore(sealedInner, new KeyVault(new MemoryKeyRepository(), randomBytes(32)));
  const one = (store, i) => store.append(`customer-${i}`, [{ eventId: `a-${store === plain ? 'p' : 's'}-${i}`, type: TYPE, data: contactPayload(i) }], { expectedVersion: 'no_stream', context });
  const base = await timed('append, plain store', APPENDS, 'appends', async () => {
    for (let i = 0; i < APPENDS; i++) await one(plain, i);
  });
  // Every customer is new here: each append also makes and wraps that customer's key (the costly case).
  const encrypted = await timed('append, fields encrypted (A5), new customer each', APPENDS, 'appends', async () => {
    for (let i = 0; i < APPENDS; i++) await one(sealed, i);
  });
  const witnessed = await timed('chain witness (A4) over those events', APPENDS, 'events', () => new ChainWitness(join(dir, 'sealed.chain.jsonl')).update(sealedInner));
  results.push({ name: 'append with encryption (A5)', unit: 'appends/s', rapport: encrypted, raw: base, emmett: undefined, goal: `${Math.round((100 * encrypted) / base)}% of the plain store's rate; chaining ${Math.round(witnessed).toLocaleString('en-US')} events/s` });
  await plain.close();
  await sealed.close();
}

async function verifyRate(dir, results) {
  const file = join(dir, 'verify.sqlite');
  const store = SqliteEventStore.open(file, { synchronous: 'NORMAL' });
  for (let b = 0; b < EVENTS; b += 1_000) {
    const events = Array.from({ length: Math.min(1_000, EVENTS - b) }, (_, i) => ({ eventId: `v-${b + i}`, type: TYPE, data: contactPayload(b + i) }));
    await store.append(`customer-${(b / 1_000) % 10_000}`, events, { expectedVersion: 'any', context });
  }
  const witness = new ChainWitness(join(dir, 'verify.chain.jsonl'));
  await witness.update(store);
  const { links } = witness.read();
  let result;
  const rapport = await timed(`verify the chain (${EVENTS.toLocaleString('en-US')} events)`, EVENTS, 'events', async () => {
    result = await verifyStore(store, links);
  });
  if (!result.ok || result.checked !== EVENTS) throw new Error(`verify: ${JSON.stringify(result)}`);
  await store.close();
  const db = new Database(file, { readonly: true });
  const raw = await timed('raw SHA-256 chain over the same rows (ceiling)', EVENTS, 'events', async () => {
    let prev = Buffer.alloc(32);
    for (const row of db.prepare('SELECT type, data, metadata FROM es_events ORDER BY position').iterate()) {
      prev = createHash('sha256').update(prev).update(row.type).update(row.data).update(row.metadata).digest();
    }
  });
  db.close();
  results.push({ name: `verify (${EVENTS.toLocaleString('en-US')} events)`, unit: 'events/s', rapport, raw, emmett: undefined, goal: `≥ 50% of raw: ${Math.round((100 * rapport) / raw)}%` });
}

async function auditBench(results) {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-audit-'));
  try {
    await appendRates(dir, results);
    await verifyRate(dir, results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { auditBench };

if (require.main === module) {
  const results = [];
  auditBench(results)
    .then(() => console.table(results))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
