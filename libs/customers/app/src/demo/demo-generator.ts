import type { ManualClock } from '@rapport/platform-eventsourcing';
import { normalizeEmail, normalizePhone, type ContactOutcome, type Grade } from '@rapport/customers-domain';
import {
  CATEGORIES,
  COMPANY_SIZES,
  companyName,
  emailOf,
  FAMILY_NOTES,
  INDUSTRIES,
  INTERESTS,
  LEAVING_SIGNALS,
  NAMES_BY_REGION,
  NEEDS,
  phoneOf,
  PREFERENCES,
  REGIONS,
  TITLES,
  WHAT_WOULD_MAKE_STAY,
  WHY_LEAVING,
} from './demo-data';
import { DemoWorld, MANAGER, REPS, type DemoServices, type Persona } from './demo-world';
import { mergeDuplicates, runWinBack } from './demo-stories';

export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
  /** How far back the history starts; it ends at `end`. */
  readonly months: number;
  readonly end: Date;
  /**
   * Called at the end of every simulated day (the clock at 09:00 UTC that day), after the customers' own history:
   * the whole-world demo (apps/rapport) lets the other services react and adds surveys, complaints and sales attempts.
   */
  readonly onDay?: (day: number, personas: readonly Persona[]) => Promise<void>;
}

export interface DemoSummary {
  readonly from: string;
  readonly to: string;
  readonly customers: number;
  readonly events: number;
  readonly tally: Readonly<Record<string, number>>;
}

const DAY_MS = 86_400_000;
/** Buyers answer; the rest mostly reject or do not pick up (C5 counts show it on the card). */
const BUYER_OUTCOMES: readonly ContactOutcome[] = ['reached', 'reached', 'interested', 'interested', 'not-now', 'no-answer', 'rejected'];
const OTHER_OUTCOMES: readonly ContactOutcome[] = ['reached', 'no-answer', 'no-answer', 'not-now', 'rejected', 'rejected', 'interested'];
/** C7: a grade that predicts: buyers are mostly A–B (some C), the others mostly D–F. */
const BUYER_GRADES: readonly Grade[] = ['A', 'A', 'B', 'B', 'B', 'C'];
const OTHER_GRADES: readonly Grade[] = ['C', 'D', 'E', 'E', 'F', 'F', 'F'];

function personaOf(world: DemoWorld, index: number, days: number): Persona {
  const r = world.random;
  const region = r.pick(REGIONS);
  const first = r.pick(NAMES_BY_REGION[region].first);
  const last = r.pick(NAMES_BY_REGION[region].last);
  // Chinese names are written family name first.
  const name = region === 'CN' || region === 'HK' || region === 'TW' ? `${last} ${first}` : `${first} ${last}`;
  const registerDay = Math.floor((index / world.tally['planned']!) * days * 0.8);
  const buyer = r.chance(0.6);
  return {
    index,
    name,
    first,
    last,
    region,
    phone: phoneOf(index, region),
    email: emailOf(first, last, index),
    company: r.chance(0.6) ? companyName(r) : null,
    grade: r.pick(buyer ? BUYER_GRADES : OTHER_GRADES),
    registerDay,
    registrar: r.pick(REPS),
    contactEvery: r.int(10, 40),
    neglectAfter: r.chance(0.12) ? registerDay + r.int(20, 120) : Infinity,
    buyer,
    buyEvery: r.int(25, 150),
    stopBuyingDay: r.chance(0.3) ? registerDay + r.int(30, 150) : Infinity,
    leavingDay: null,
    nextContactDay: registerDay + r.int(1, 10),
    nextPurchaseDay: registerDay + r.int(10, 90),
    contacts: 0,
    purchases: 0,
  };
}

async function register(world: DemoWorld, p: Persona): Promise<void> {
  const { registration } = world.services;
  const input = { name: p.name, phone: normalizePhone(p.phone, p.region) ?? null, email: normalizeEmail(p.email), company: p.company };
  const registered = await world.attempt('registered', () => registration.register(input, world.context(p.registrar)));
  p.id = registered?.customerId;
  // Order-grabbing: now and then another rep tries to register someone who is already a customer (C1).
  if (p.id && world.random.chance(0.06)) {
    const grabber = REPS.find((rep) => rep.id !== p.registrar.id)!;
    await world.attempt('duplicate attempted', () => registration.register({ ...input, name: p.first }, world.context(grabber)));
  }
}

async function touch(world: DemoWorld, p: Persona, day: number): Promise<void> {
  const r = world.random;
  const id = p.id!;
  const outcome = r.pick(p.buyer ? BUYER_OUTCOMES : OTHER_OUTCOMES);
  const next = new Date(world.clock.now().getTime() + p.contactEvery * DAY_MS);
  await world.byOwner('contact logged', id, {
    type: 'log-contact',
    contactId: `demo-contact-${p.index}-${day}`,
    channel: r.pick(['call', 'call', 'email', 'visit', 'meeting', 'message']),
    direction: r.chance(0.8) ? 'outbound' : 'inbound',
    outcome,
    notes: outcome === 'not-now' ? 'asked to call back after their budget round' : null,
    nextStep: r.chance(0.7) ? r.pick(['send a quote', 'call back', 'book a demo', 'visit the site']) : null,
    nextStepAt: next,
    occurredAt: world.clock.now(),
  });
  p.contacts += 1;
  p.nextContactDay = day + p.contactEvery + r.int(-3, 3);
  if (p.contacts === 1 || r.chance(0.1)) {
    // Now and then a rep misjudges by one grade; mostly the grade is what the customer turns out to be.
    const grade = r.chance(0.85) ? p.grade : r.pick(p.buyer ? OTHER_GRADES : BUYER_GRADES);
    await world.byOwner('graded', id, { type: 'set-grade', grade, reason: `after a ${outcome} contact` }, 'grading');
  }
  if (p.contacts === 2 && r.chance(0.9)) await fillCard(world, p);
}

/** C9: what a rep knows by the second contact: who decides, what they need, and the person behind the name. */
async function fillCard(world: DemoWorld, p: Persona): Promise<void> {
  const r = world.random;
  const owner = await world.owner(p.id!);
  if (!owner) return;
  const decider = `${r.pick(NAMES_BY_REGION[p.region].first)} ${p.last} (${r.pick(TITLES)})`;
  const common = { role: r.pick(TITLES), needs: r.pick(NEEDS), preferences: r.pick(PREFERENCES), interests: [r.pick(INTERESTS)], decisionMakers: [decider] };
  const business = { companySize: r.pick(COMPANY_SIZES), industry: r.pick(INDUSTRIES), payer: 'finance department', users: 'the sales team', keyContacts: [decider, `${r.pick(NAMES_BY_REGION[p.region].first)} (office manager)`] };
  const consumer = { birthday: `19${r.int(55, 99)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`, familyNotes: r.pick(FAMILY_NOTES) };
  const changes = { ...common, ...(p.company ? business : consumer) };
  await world.attempt('card filled', () => world.services.cards.update(p.id!, changes, world.context(owner)));
}

async function buy(world: DemoWorld, p: Persona, day: number): Promise<void> {
  const r = world.random;
  const category = r.pick(CATEGORIES);
  const amount = r.amount(category === 'laptops' ? 1_800 : 400);
  await world.byOwner('purchase recorded', p.id!, {
    type: 'record-purchase',
    purchaseId: `DEMO-${p.index}-${day}`,
    amount,
    currency: world.services.commands.policy.wallet.currency,
    category,
    occurredAt: world.clock.now(),
  });
  if (p.purchases === 0 && r.chance(0.4)) {
    await world.byOwner('spend estimated', p.id!, { type: 'estimate-category-spend', category, estimatedAnnualSpend: Math.max(r.int(5, 60) * 1_000, Math.ceil(amount / 1_000) * 2_000), currency: world.services.commands.policy.wallet.currency });
  }
  p.purchases += 1;
  p.nextPurchaseDay = day + p.buyEvery + r.int(-10, 10);
}

/**
 * A few hundred customers with 18 months of history, made through the real use cases and the real
 * decider: registrations (and refused duplicates), contacts, grades, card edits, purchases, estimates,
 * referrals, neglect and reclaims by the monthly sweep, transfers, win-backs and merges.
 */
export async function generateDemo(services: DemoServices, clock: ManualClock, options: DemoOptions): Promise<DemoSummary> {
  // Days start at midnight UTC, so the people of the demo work at 09:00 UTC.
  const start = new Date(Math.floor(options.end.getTime() / DAY_MS) * DAY_MS - Math.round(options.months * 30.4) * DAY_MS);
  const days = Math.round((options.end.getTime() - start.getTime()) / DAY_MS);
  const world = new DemoWorld(services, clock, options.seed);
  world.tally['planned'] = options.customers;
  const personas = Array.from({ length: options.customers }, (_, i) => personaOf(world, i, days));
  // About one buyer in eight signals leaving; most win-backs fail (C11), as they do in life.
  for (const p of personas.filter((x) => x.buyer).slice(0, Math.max(6, Math.floor(options.customers / 12)))) (p as { leavingDay: number | null }).leavingDay = Math.floor(days * 0.7) + world.random.int(0, 60);

  for (let day = 0; day <= days; day++) {
    clock.set(new Date(start.getTime() + day * DAY_MS + 9 * 3_600_000));
    for (const p of personas) {
      if (day === p.registerDay) await register(world, p);
      if (!p.id || day <= p.registerDay) continue;
      // A neglectful owner stops calling; whoever gets the customer by a reclaim calls again.
      const neglected = day > p.neglectAfter && (await world.owner(p.id))?.id === p.registrar.id;
      if (day >= p.nextContactDay && !neglected) await touch(world, p, day);
      const leaving = p.leavingDay !== null && day >= p.leavingDay;
      if (p.buyer && !leaving && day < p.stopBuyingDay && day >= p.nextPurchaseDay && p.contacts > 0) await buy(world, p, day);
      if (day === p.leavingDay) await runWinBack(world, p, { signals: LEAVING_SIGNALS, why: WHY_LEAVING, stay: WHAT_WOULD_MAKE_STAY });
      if (day === p.registerDay + 5 && p.index > 20 && world.random.chance(0.1)) {
        const referrer = personas[world.random.int(0, Math.floor(p.index / 2))]!;
        const owner = await world.owner(p.id);
        if (referrer.id && owner) await world.attempt('referral recorded', () => services.referrals.record(p.id!, referrer.id!, world.context(owner)));
      }
      if (day === p.registerDay + 30 && world.random.chance(0.08)) {
        const collaborator = REPS.find((rep) => rep.id !== p.registrar.id && world.random.chance(0.5)) ?? REPS[0]!;
        await world.byOwner('collaborator added', p.id, { type: 'add-collaborator', collaboratorId: collaborator.id });
      }
    }
    if (day > 0 && day % 30 === 0) {
      // In the last four months nobody reassigns, so the demo ends with a reclaimable list to work through.
      const autoAssign = day % 60 === 0 && day < days - 120 ? ('least-busy' as const) : undefined;
      const report = await services.sweeps.sweep(world.context(MANAGER, 'monthly sweep'), autoAssign ? { autoAssign, candidates: REPS.map((r) => r.id) } : {});
      world.count('sweeps');
      world.count('reclaimed by sweep', report.reassigned.length);
    }
    if (day === Math.floor(days * 0.5)) {
      for (const target of personas.filter((p) => p.id && p.index % 37 === 3)) {
        const owner = await world.owner(target.id!);
        const to = REPS.find((rep) => rep.id !== owner?.id)!.id;
        const reason = 'territory realignment';
        await world.attempt('ownership transferred', () => services.commands.execute(target.id!, { type: 'transfer-ownership', toOwnerId: to, reason }, world.context(MANAGER, reason)));
      }
    }
    if (day === Math.floor(days * 0.85)) await mergeDuplicates(world, personas);
    await options.onDay?.(day, personas);
  }
  clock.set(options.end);
  await services.sweeps.sweep(world.context(MANAGER, 'final sweep'), {});
  const head = await services.commands.host.events.headPosition();
  await services.commands.settled(head);
  const { planned: _planned, ...tally } = world.tally;
  return { from: start.toISOString(), to: options.end.toISOString(), customers: personas.filter((p) => p.id).length, events: head, tally };
}
