import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { loadEnvironment } from '@rapport/platform-nest';
import { ComplaintEventTypes } from '@rapport/complaints-contracts';
import { FeedbackEventTypes } from '@rapport/feedback-contracts';
import { SALES_GATING_TOPIC, SalesGatingEventTypes, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import { SalesGatingQueries } from '@rapport/sales-gating-app';
import { isHeld, type GatePolicy } from '@rapport/sales-gating-domain';
import { generateWholeWorld, WholeWorld, worldEnvironmentDefaults, type WholeWorldSummary } from './demo-world';
import { parsePolicy, renderWhatIf, runWhatIf, type WhatIfRun } from './demo-world.report';

const ROOT = join(__dirname, '..', '..', '..');
const POLICY_FILE = 'docs/what-if-stricter-policy.json';
const OPTIONS = { customers: 36, seed: 7, months: 7, end: new Date('2026-11-02T09:00:00.000Z') };

/** Each customer's gate over time as the live services decided it: [when, status], a status only when it changed. */
async function liveTimelines(world: WholeWorld): Promise<Map<string, string[]>> {
  const timelines = new Map<string, string[]>();
  for (const m of await world.bus.read(SALES_GATING_TOPIC, 0, 1_000_000)) {
    if (m.event.type !== SalesGatingEventTypes.gateChanged) continue;
    const change = m.event.data as GateChangedV1;
    const timeline = timelines.get(change.customerId) ?? [];
    if (timeline.at(-1)?.endsWith(` ${change.status}`) !== true) timeline.push(`${change.decidedAt} ${change.status}`);
    timelines.set(change.customerId, timeline);
  }
  return timelines;
}

async function openWorld(policy?: GatePolicy): Promise<{ world: WholeWorld; summary: WholeWorldSummary }> {
  worldEnvironmentDefaults(process.env);
  const environment = loadEnvironment({ ...process.env, DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'demo-world-spec-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
  const world = await WholeWorld.open(environment, new ManualClock(OPTIONS.end));
  return { world, summary: await generateWholeWorld(world, { ...OPTIONS, ...(policy ? { policy } : {}) }) };
}

/**
 * Issue 12's what-if on the demo world, small: the same generator as `npm run demo:world` fills the all-in-one
 * twice from the same seed — once under the policy in force, once with the stricter proposal in force from the
 * first day. The what-if replays the first world under the proposal; the second world is what the proposal
 * would really have done, decided live by the services over the bus.
 */
describe('what-if on the demo world', () => {
  let world: WholeWorld;
  let summary: WholeWorldSummary;
  let underProposal: Map<string, string[]>;
  let proposed: GatePolicy;

  beforeAll(async () => {
    proposed = parsePolicy(readFileSync(join(ROOT, POLICY_FILE), 'utf8'), POLICY_FILE);
    const reference = await openWorld(proposed);
    try {
      underProposal = await liveTimelines(reference.world);
    } finally {
      await reference.world.close();
    }
    ({ world, summary } = await openWorld());
  }, 600_000);
  afterAll(async () => world?.close());

  it('the demo world is a whole world: surveys answered by promoters, passives and detractors, complaints confirmed, open and breaching, pitches checked', () => {
    expect(summary.customers).toBeGreaterThanOrEqual(30);
    const happened = (counts: Readonly<Record<string, number>>, what: readonly string[]) => Object.fromEntries(what.map((w) => [w, (counts[w] ?? 0) > 0]));
    const tallied = ['survey answered: promoter', 'survey answered: passive', 'survey answered: detractor', 'complaints received', 'complaints acknowledged', 'resolutions confirmed by the customer', 'checks allowed'];
    expect(happened(summary.world, tallied)).toEqual(Object.fromEntries(tallied.map((w) => [w, true])));
    const types = [FeedbackEventTypes.surveySent, FeedbackEventTypes.surveyAnswered, ComplaintEventTypes.slaBreached, ComplaintEventTypes.confirmed, SalesGatingEventTypes.gateChanged];
    expect(happened(summary.published, types)).toEqual(Object.fromEntries(types.map((w) => [w, true])));
    // Every gate of the quadrant and the holds occur (G1–G3), not only OPEN.
    expect(Object.keys(summary.gates)).toEqual(expect.arrayContaining(['HOLD', 'TARGET']));
  });

  it('G3, G4, G7: the report lists exactly the customers the stricter policy would have gated differently — as the world run under it did — with the gates, when, why, and what they did afterwards; nothing is written', async () => {
    const before = await world.heads();
    const run: WhatIfRun = await runWhatIf(world.app, proposed);
    expect(await world.heads()).toEqual(before);

    // The oracle: the customers whose live gate history differs between the two worlds (merged records have no gate).
    const inForce = await liveTimelines(world);
    const open = new Set(await world.app.get(SalesGatingQueries).customerIds(undefined, 100_000));
    const differing = [...open].filter((id) => JSON.stringify(inForce.get(id)) !== JSON.stringify(underProposal.get(id))).sort();
    expect(differing.length).toBeGreaterThan(0);
    expect(run.report.customers).toBe(open.size);
    expect(run.report.items.map((d) => d.customerId).sort()).toEqual(differing);
    expect(run.report.differing).toBe(differing.length);
    for (const d of run.report.items) {
      // Today's gates are the ones each world ended with.
      expect({ id: d.customerId, inForceNow: d.inForceNow, proposedNow: d.proposedNow }).toEqual({
        id: d.customerId,
        inForceNow: inForce.get(d.customerId)!.at(-1)!.split(' ')[1],
        proposedNow: underProposal.get(d.customerId)!.at(-1)!.split(' ')[1],
      });
      // G7: each side names its rules and the events behind them.
      expect(d.inForceReasons.length).toBeGreaterThan(0);
      expect(d.proposedReasons.length).toBeGreaterThan(0);
    }
    // The evidence a manager asks for: some would have been held and bought anyway; some complained afterwards.
    const heldButBought = run.report.items.filter((d) => isHeld(d.proposed) && !isHeld(d.inForce) && d.afterwards.purchases > 0);
    const complained = run.report.items.filter((d) => d.afterwards.complaints > 0);
    expect(heldButBought.length).toBeGreaterThan(0);
    expect(complained.length).toBeGreaterThan(0);

    // The Markdown names every differing customer once, and no other customer.
    const markdown = renderWhatIf(run, { title: 'What-if', command: 'the spec' });
    const rows = markdown.split('\n').filter((line) => /^\| .* `[0-9a-f-]{36}` \|/.test(line));
    expect(rows.map((line) => /`([0-9a-f-]{36})`/.exec(line)![1]).sort()).toEqual(differing);
    const sample = run.report.items.find((d) => d.customerId === heldButBought[0]!.customerId)!;
    const row = rows.find((line) => line.includes(sample.customerId))!;
    expect(row).toContain(`**${sample.inForce}**`);
    expect(row).toContain(`**${sample.proposed}**`);
    expect(row).toContain(`bought ${sample.afterwards.purchases}×`);
    expect(row).toContain(sample.proposedReasons[0]!.rule);
  });
});
