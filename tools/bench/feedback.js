// Feedback rows of `npm run bench` (issue 9): the NPS board read with 10,000 and with 1,000,000 answers projected
// (a read of a few segment documents, not a scan: the time at 1M must stay within 2× the time at 10k), and answers
// ingested per second through the answer use case (token check, decide, append) beside the raw event-store append
// rate of the same shape (one event appended to its own stream at a time). Embedded engines (SQLite, WAL),
// synchronous=NORMAL as the scheduler rows (BENCH_SYNCHRONOUS=FULL measures the fsync instead).
//
//   npm run bench                                                    (rows of the main table, once wired in tools/bench/run.js)
//   BENCH_NPS_ANSWERS=100000 node -r ./tools/register-paths.js tools/bench/feedback.js   alone, smaller
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ManualClock, ProjectionRunner } = require('@rapport/platform-eventsourcing');
const { SqliteEventStore, SqliteReadModelStore } = require('@rapport/platform-sqlite');
const { defaultFeedbackPolicy, feedbackStreamId } = require('@rapport/feedback-domain');
const { AnswerService, FeedbackCommands, FeedbackQueries, SurveyDefinitions, feedbackProjection, customerFactsProjection, FEEDBACK_CUSTOMERS } = require('@rapport/feedback-app');

const SMALL = Number(process.env.BENCH_NPS_ANSWERS_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_NPS_ANSWERS ?? 1_000_000);
const INGEST = Number(process.env.BENCH_ANSWERS_INGEST ?? 5_000);
const READS = Number(process.env.BENCH_NPS_READS ?? 200);
const CUSTOMERS = 10_000;
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS ?? 'NORMAL';
const START = new Date('2026-01-05T09:00:00.000Z');
const SECRET = 'feedback-bench-secret-0123456789abcdef';
const TIERS = ['member', 'silver', 'gold', 'platinum', 'diamond'];
const context = { recordedAt: START.toISOString(), actor: { id: 'bench', kind: 'system' }, via: 'system', correlationId: 'bench', causationId: 'bench' };

let ids = 0;
async function seconds(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function open(dir, name) {
  const events = SqliteEventStore.open(join(dir, `${name}.sqlite`), { synchronous: SYNCHRONOUS });
  const readModels = SqliteReadModelStore.open(join(dir, `${name}.read.sqlite`), { synchronous: SYNCHRONOUS });
  const runner = new ProjectionRunner(events, readModels, feedbackProjection(defaultFeedbackPolicy), { batchSize: 2_000 });
  return { events, readModels, runner, close: async () => (await runner.stop(), await events.close(), await readModels.close()) };
}

/** 10,000 customers in five tiers and ten owners, as the customers-topic copy would hold them. */
async function customers(readModels) {
  await readModels.ensureCollections(customerFactsProjection.collections);
  const ops = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    ops.push({ kind: 'put', collection: FEEDBACK_CUSTOMERS, doc: { id: `c-${c}`, ownerId: `rep-${c % 10}`, tier: TIERS[c % 5], grade: null, stage: 'long-standing', shareOfWallet: null, industry: null, lastPurchaseAt: null, left: false, mergedInto: null } });
  }
  await readModels.commit('bench-customer-facts', ops, { position: 0, version: 1 });
}

/** `count` answers (scores spread 0–10, a third citing a category), one per survey, spread over customers and 52 weeks. */
async function answers(events, count) {
  for (let b = 0; b < count; b += 1_000) {
    const appends = [];
    for (let i = b; i < Math.min(count, b + 1_000); i++) {
      const customerId = `c-${(i * 7919) % CUSTOMERS}`;
      const answeredAt = new Date(START.getTime() + (i % 364) * 86_400_000).toISOString();
      const score = (i * 31) % 11;
      appends.push({
        streamId: `${feedbackStreamId(customerId)}-${i}`,
        expectedVersion: 'no_stream',
        events: [
          {
            eventId: `answer-${++ids}`,
            type: 'feedback.survey-answered.v1',
            data: { surveyId: `s-${i}`, customerId, score, category: score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor', comment: null, categories: i % 3 === 0 ? ['price'] : [], answers: {}, definitionId: 'nps', definitionVersion: 0, via: 'link', answeredAt },
          },
        ],
      });
    }
    await events.appendMany(appends, { context: { ...context, commandId: `fill-${ids}` } });
  }
}

/** Median time of a board read (overall + by tier + the weekly trend), after `count` answers were projected. */
async function boardRead(dir, count) {
  const s = await open(dir, `board-${count}`);
  await customers(s.readModels);
  await answers(s.events, count);
  const projected = await seconds(() => s.runner.catchUp());
  const queries = new FeedbackQueries(s.readModels, new ManualClock(START), defaultFeedbackPolicy);
  for (let i = 0; i < 20; i++) await queries.board('tier');
  const times = [];
  for (let i = 0; i < READS; i++) {
    times.push(
      await seconds(async () => {
        const board = await queries.board('tier');
        await queries.trend('week', 26);
        if (board.overall.count !== count) throw new Error(`board counted ${board.overall.count} of ${count}`);
      }),
    );
  }
  await s.close();
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] * 1_000, projectedPerSecond: count / projected };
}

/** Answers through the use case (verify the token, decide on the customer's stream, append) vs the raw append. */
async function ingest(dir) {
  const s = await open(dir, 'ingest');
  await customers(s.readModels);
  const host = { events: s.events, readModels: s.readModels, runner: () => s.runner };
  const commands = new FeedbackCommands(host);
  const definitions = new SurveyDefinitions(host, new FeedbackQueries(s.readModels, new ManualClock(START), defaultFeedbackPolicy));
  const service = new AnswerService(commands, s.readModels, defaultFeedbackPolicy, SECRET, definitions);
  const { signAnswerToken } = require('@rapport/feedback-domain');
  const tokens = [];
  for (let i = 0; i < INGEST; i++) {
    const customerId = `c-${i % CUSTOMERS}-${i}`;
    const now = START;
    const surveyId = `s-${i}`;
    const result = await commands.execute(
      { type: 'request-survey', surveyId, customerId, trigger: 'manual', triggerRef: null, definition: { id: 'nps', version: 0 }, channel: 'email', policy: defaultFeedbackPolicy, now },
      { commandId: `request-${i}`, actor: context.actor, now, correlationId: 'bench', causationId: 'bench', via: 'system' },
    );
    const sent = result.events.find((e) => e.type === 'feedback.survey-sent.v1');
    tokens.push(signAnswerToken({ surveyId, customerId, expiresAt: sent.data.expiresAt }, SECRET));
  }
  const now = new Date(START.getTime() + 3_600_000);
  const took = await seconds(async () => {
    for (let i = 0; i < INGEST; i++) {
      await service.answer(`s-${i}`, { token: tokens[i], score: i % 11, comment: null, categories: [], answers: {} }, 'link', {
        commandId: `answer-${i}`,
        actor: { id: 'customer-link', kind: 'user', roles: [] },
        now,
        correlationId: `answer-${i}`,
        causationId: `answer-${i}`,
        via: 'api',
      });
    }
  });
  await s.close();

  const raw = await open(dir, 'raw');
  const rawTook = await seconds(async () => {
    for (let i = 0; i < INGEST; i++) {
      await raw.events.append(`raw-${i}`, [{ eventId: `raw-${i}`, type: 'feedback.survey-answered.v1', data: { surveyId: `s-${i}`, customerId: `c-${i}`, score: i % 11 } }], {
        expectedVersion: 'no_stream',
        context: { ...context, commandId: `raw-${i}` },
      });
    }
  });
  await raw.close();
  return { answers: INGEST / took, append: INGEST / rawTook };
}

async function feedbackBench(results) {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-feedback-'));
  try {
    const small = await boardRead(dir, SMALL);
    const large = await boardRead(dir, LARGE);
    console.log(
      `  feedback: NPS board read ${small.ms.toFixed(3)} ms with ${SMALL.toLocaleString('en-US')} answers, ${large.ms.toFixed(3)} ms with ${LARGE.toLocaleString('en-US')} (projected at ${Math.round(large.projectedPerSecond).toLocaleString('en-US')} answers/s)`,
    );
    for (const [count, r] of [
      [SMALL, small],
      [LARGE, large],
    ]) {
      results.push({
        name: `NPS board (by tier + weekly trend), ${count.toLocaleString('en-US')} answers`,
        unit: 'reads/s',
        rapport: 1_000 / r.ms,
        raw: undefined,
        emmett: undefined,
        goal: count === LARGE ? `≤ 2× the time with ${SMALL.toLocaleString('en-US')}: ${(r.ms / small.ms).toFixed(2)}×` : `${r.ms.toFixed(3)} ms per read`,
      });
    }
    const i = await ingest(dir);
    console.log(`  feedback: ${Math.round(i.answers).toLocaleString('en-US')} answers/s through the use case; raw append ${Math.round(i.append).toLocaleString('en-US')} events/s`);
    results.push({
      name: 'answers ingested (token, decide, append)',
      unit: 'answers/s',
      rapport: i.answers,
      raw: undefined,
      emmett: undefined,
      goal: `raw event-store append of one event per stream: ${Math.round(i.append).toLocaleString('en-US')} events/s (${Math.round((100 * i.answers) / i.append)}%)`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { feedbackBench };

if (require.main === module) {
  const results = [];
  feedbackBench(results)
    .then(() => console.table(results))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
