import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, SEVERITIES } from '@rapport/complaints-domain';
import { demoServicesOf, generateDemo, type DemoSummary, type Persona } from '@rapport/customers-app';
import { DirectoryCommands, seedDirectory } from '@rapport/directory-app';
import { COMPLAINTS_TOPIC } from '@rapport/complaints-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type LoopOpenedV1, type SurveySentV1 } from '@rapport/feedback-contracts';
import { WHY_CATEGORIES } from '@rapport/feedback-domain';
import { nameBasedUuid, type ManualClock } from '@rapport/platform-eventsourcing';
import type { InProcessBus } from '@rapport/platform-messaging';
import { configureHttpApp, STORAGE, TokenService, type Principal, type RapportEnvironment, type Storage } from '@rapport/platform-nest';
import { FiringLoop } from '@rapport/scheduler-app';
import { SalesGatingQueries } from '@rapport/sales-gating-app';
import { SALES_GATING_TOPIC } from '@rapport/sales-gating-contracts';
import type { GatePolicy } from '@rapport/sales-gating-domain';
import { DEV_PRINCIPALS } from './dev-tokens';
import { RapportModule } from './rapport.module';
import { settleEmbedded } from './settle';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The services whose stores the whole world fills (the audit store only records reads). */
export const WORLD_SERVICES = ['directory', 'customers', 'scheduler', 'feedback', 'complaints', 'sales-gating'] as const;

/** The demo's reps beyond the development people (the customers demo deals its customers among five reps). */
const DEMO_REPS: readonly Omit<Principal, 'kind'>[] = ['rep-cy', 'rep-dee', 'rep-eve'].map((id) => ({ id, roles: ['rep'], team: 'east', managerId: 'manager-max' }));
const PEOPLE: readonly Omit<Principal, 'kind'>[] = [...DEV_PRINCIPALS, ...DEMO_REPS];

/**
 * The environment the whole-world demo and its spec run under: timers fire only when the demo moves the clock
 * (no polling on real time), generated data skips the fsync per commit, and every answer comes from one address
 * (the survey answer limiter counts per client on the simulated clock).
 */
export function worldEnvironmentDefaults(env: NodeJS.ProcessEnv): void {
  env['SCHEDULER_POLL_MS'] ??= String(24 * HOUR_MS);
  env['SQLITE_SYNCHRONOUS'] ??= 'NORMAL';
  env['FEEDBACK_ANSWER_RATE'] ??= '1000000';
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * The all-in-one runtime of `main.ts` (every service module, embedded storage, the in-process bus) on a manual clock,
 * listening on a local port: the demo acts over HTTP as reps, customers and managers do, and the services meet
 * only on the bus. Timers fire when the demo moves the clock ({@link WholeWorld.fireAndSettle}).
 */
export class WholeWorld {
  private constructor(
    readonly app: INestApplication,
    readonly clock: ManualClock,
    readonly bus: InProcessBus,
    private readonly url: string,
  ) {}

  static async open(environment: RapportEnvironment, clock: ManualClock): Promise<WholeWorld> {
    const app = await NestFactory.create(RapportModule.forRoot({ environment, clock }), { logger: ['warn', 'error'] });
    configureHttpApp(app, { title: 'Rapport demo world', description: 'the whole-world demo', version: 'demo' });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as AddressInfo;
    const bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
    const world = new WholeWorld(app, clock, bus, `http://127.0.0.1:${address.port}`);
    await world.settle();
    return world;
  }

  /** Every topic read to its end by every consumer group, and every projection, relay and reactor caught up. */
  settle(timeoutMs = 120_000): Promise<void> {
    return settleEmbedded(this.app, this.bus, timeoutMs);
  }

  /** Fires every timer due by the clock, as the scheduler would, until none is left, letting the services react. */
  async fireAndSettle(): Promise<void> {
    const firing = this.app.get(FiringLoop);
    for (;;) {
      await this.settle();
      if ((await firing.fireDue()).fired === 0) return this.settle();
    }
  }

  bearer(personId: string): string {
    const principal = PEOPLE.find((p) => p.id === personId);
    if (!principal) throw new Error(`no demo person ${personId}`);
    return `Bearer ${this.app.get(TokenService).issue(principal)}`;
  }

  /** One HTTP call as a person (or, without one, as the public: the survey answer link). A 5xx is a bug. */
  async api(method: 'GET' | 'POST' | 'PUT', path: string, personId: string | null, body?: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(personId ? { authorization: this.bearer(personId) } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (response.status >= 500) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return { status: response.status, body: parsed };
  }

  /** The head position of every service's event store and the end of every topic: what "nothing written" compares. */
  heads(): Promise<Record<string, number>> {
    return headsOf(this.app, WORLD_SERVICES);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** The head position of each service's event store and the end of every topic partition the bus knows. */
export async function headsOf(app: INestApplicationContext, services: readonly string[]): Promise<Record<string, number>> {
  const storage = app.get<Storage>(STORAGE);
  const heads: Record<string, number> = {};
  for (const service of services) heads[`store:${service}`] = await (await storage.eventStore(service)).headPosition();
  const bus = await storage.bus();
  if ('consumerLag' in bus && typeof bus.consumerLag === 'function') {
    for (const lag of await (bus as InProcessBus).consumerLag()) heads[`topic:${lag.topic}/${lag.partition}`] = Math.max(heads[`topic:${lag.topic}/${lag.partition}`] ?? 0, lag.end);
  }
  return heads;
}

export interface WholeWorldOptions {
  readonly customers: number;
  readonly seed: number;
  /** How far back the history starts; it ends at `end`. */
  readonly months: number;
  readonly end: Date;
  /** A policy put in force before the first day (default: the policy in force). */
  readonly policy?: GatePolicy;
  /** A line of progress now and then (the CLI prints it). */
  readonly progress?: (line: string) => void;
}

export interface WholeWorldSummary extends DemoSummary {
  /** What the other services saw happen: surveys answered by category, complaints by outcome, attempts, checks. */
  readonly world: Readonly<Record<string, number>>;
  /** The integration events the services published, by type (surveys sent and throttled, SLA breaches, gate changes…). */
  readonly published: Readonly<Record<string, number>>;
  /** Today's gates by status. */
  readonly gates: Readonly<Record<string, number>>;
}

/** Deterministic randomness keyed by what it decides (not by call order: the bus may deliver a day's events in any order). */
class KeyedRandom {
  constructor(private readonly seed: number) {}

  unit(...key: readonly (string | number)[]): number {
    let h = 2166136261 ^ this.seed;
    for (const ch of `${this.seed}|${key.join('|')}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  }

  chance(p: number, ...key: readonly (string | number)[]): boolean {
    return this.unit(...key) < p;
  }

  int(min: number, max: number, ...key: readonly (string | number)[]): number {
    return min + Math.floor(this.unit(...key) * (max - min + 1));
  }

  pick<T>(items: readonly T[], ...key: readonly (string | number)[]): T {
    return items[Math.floor(this.unit(...key) * items.length)]!;
  }
}

/** How a customer feels about us, before anything happens: it sets the scores they answer. */
type Mood = 'promoter' | 'passive' | 'detractor';

interface ComplaintPlan {
  readonly complaintId: string;
  readonly customerId: string;
  readonly receiver: string;
  /** Days after receipt: acknowledged (null: never, the SLA breaches), resolution proposed, confirmed by the customer. */
  readonly acknowledgeAfter: number | null;
  readonly resolveAfter: number | null;
  readonly confirmAfter: number | null;
  readonly receivedDay: number;
}

interface PendingAnswer {
  readonly survey: SurveySentV1;
  readonly day: number;
  readonly persona: Persona;
}

/**
 * The whole world: the customers demo (registrations, contacts, purchases, estimates, transfers, win-backs, merges)
 * walked a day at a time, and on each day the other services reacting over the bus and people acting on them —
 * customers answering the surveys feedback sends (promoters, passives, detractors, with why), complaints received
 * and worked (some confirmed resolved, some left open, some never acknowledged so their SLA breaches), managers
 * asking quiet customers for feedback, and reps checking the gate before a pitch and recording the attempt.
 */
export async function generateWholeWorld(world: WholeWorld, options: WholeWorldOptions): Promise<WholeWorldSummary> {
  const r = new KeyedRandom(options.seed);
  const tally: Record<string, number> = {};
  const count = (what: string, n = 1): void => void (tally[what] = (tally[what] ?? 0) + n);
  const outcome = (what: string, answer: ApiAnswer): boolean => {
    if (answer.status < 300) count(what);
    else count(`refused: ${what} (${String(answer.body['code'] ?? answer.status)})`);
    return answer.status < 300;
  };

  await seedDirectory(
    world.app.get(DirectoryCommands),
    { teams: [], people: DEMO_REPS.map((p) => ({ personId: p.id, name: p.id, email: null, roles: ['rep'], teamId: 'east', managerId: 'manager-max', externalId: null })) },
    { commandId: `demo-world/${options.seed}/directory`, actor: { id: 'rapport-seed', kind: 'system', roles: ['admin'] }, now: world.clock.now(), correlationId: 'demo-world', causationId: 'demo-world', via: 'system' },
  );
  await world.settle();
  if (options.policy) {
    const put = await world.api('PUT', '/api/v1/sales-gating/policy', 'manager-max', { ...options.policy, reason: 'the policy this world runs under' });
    if (put.status !== 200) throw new Error(`the policy was refused: ${JSON.stringify(put.body)}`);
  }

  const services = demoServicesOf(world.app);
  const commands = services.commands;
  const ownerOf = async (customerId: string): Promise<string | null> => {
    const state = await commands.state(customerId);
    return state.status === 'active' ? state.ownerId : null;
  };

  const moodOf = (p: Persona): Mood => {
    const u = r.unit('mood', p.index);
    return u < 0.42 ? 'promoter' : u < 0.75 ? 'passive' : 'detractor';
  };
  const start = Math.floor(options.end.getTime() / DAY_MS) * DAY_MS - Math.round(options.months * 30.4) * DAY_MS;
  const days = Math.round((options.end.getTime() - start) / DAY_MS);
  const complaintDays = (p: Persona): number[] => {
    const key = ['complains', p.index];
    if (!r.chance(moodOf(p) === 'detractor' ? 0.5 : 0.28, ...key)) return [];
    const first = p.registerDay + r.int(3, Math.max(3, days - p.registerDay - 10), ...key, 'first');
    return r.chance(0.2, ...key, 'again') ? [first, first + r.int(20, 120, ...key, 'second')] : [first];
  };
  const complaintsOf = new Map<string, ComplaintPlan[]>();
  const plans: ComplaintPlan[] = [];
  const pending: PendingAnswer[] = [];
  const loops: { readonly loop: LoopOpenedV1; readonly day: number }[] = [];
  const estimated = new Set<number>();
  const byCustomer = new Map<string, Persona>();
  let surveysRead = 0;
  let lastDay = 0;

  const scoreOf = (p: Persona, survey: SurveySentV1): number => {
    const own = complaintsOf.get(p.id!) ?? [];
    const open = own.filter((k) => k.confirmAfter === null || lastDay < k.receivedDay + k.confirmAfter).length;
    const key = ['score', p.index, survey.sentAt];
    // An open complaint sours anyone; a complaint put right makes many warmer than before (the service recovery).
    if (open > 0) return r.int(1, 6, ...key);
    const recovered = own.length > 0 && r.chance(0.6, 'recovered', p.index, survey.sentAt);
    const mood = recovered ? (r.chance(0.5, ...key, 'm') ? 'promoter' : 'passive') : moodOf(p);
    if (r.chance(0.15, ...key, 'swing')) return r.int(5, 9, ...key, 's');
    return mood === 'promoter' ? r.int(9, 10, ...key) : mood === 'passive' ? r.int(7, 8, ...key) : r.int(0, 6, ...key);
  };

  const answer = async (a: PendingAnswer): Promise<void> => {
    const score = scoreOf(a.persona, a.survey);
    const key = ['why', a.persona.index, a.survey.sentAt];
    const categories = score <= 8 || r.chance(0.4, ...key) ? [r.pick(WHY_CATEGORIES, ...key)] : undefined;
    const category = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
    const comment = score <= 6 ? 'not happy with how things went' : score <= 8 ? 'fine, nothing special' : 'great service, would recommend';
    outcome(`survey answered: ${category}`, await world.api('POST', a.survey.answerPath, null, { token: a.survey.answerToken, score, comment, ...(categories ? { categories } : {}) }));
  };

  const newSurveys = async (day: number): Promise<void> => {
    const messages = await world.bus.read(FEEDBACK_TOPIC, surveysRead, 100_000);
    surveysRead += messages.length;
    for (const m of messages) {
      if (m.event.type === FeedbackEventTypes.loopOpened) {
        // Most owners call the detractor back within the 48 hours and close the loop; the rest let it escalate.
        const loop = m.event.data as LoopOpenedV1;
        if (loop.ownerId && r.chance(0.65, 'loop', loop.customerId, loop.openedAt)) loops.push({ loop, day: day + r.int(0, 1, 'loop-day', loop.customerId, loop.openedAt) });
        continue;
      }
      if (m.event.type !== FeedbackEventTypes.surveySent) continue;
      const survey = m.event.data as SurveySentV1;
      const persona = byCustomer.get(survey.customerId);
      count('surveys sent');
      // About one customer in five never answers; the rest within a few days.
      if (!persona || r.chance(0.2, 'silent', persona.index, survey.sentAt)) continue;
      pending.push({ survey, persona, day: day + r.int(0, 4, 'answer-lag', persona.index, survey.sentAt) });
    }
  };

  const closeLoops = async (day: number): Promise<void> => {
    for (const { loop } of loops.filter((x) => x.day === day)) {
      let ok = true;
      for (const step of ['contact', 'root-cause', 'fix', 'customer-informed']) {
        ok &&= outcome('loop steps', await world.api('POST', `/api/v1/feedback/loops/${loop.loopId}/steps`, loop.ownerId, { step, note: `${step}: done with the customer` }));
      }
      if (ok) outcome('loops closed', await world.api('POST', `/api/v1/feedback/loops/${loop.loopId}/close`, loop.ownerId));
    }
    loops.splice(0, loops.length, ...loops.filter((x) => x.day > day));
  };

  /** Some owners learn what a buyer spends on the category in a year, so the share of wallet is known. */
  const estimateSpend = async (p: Persona): Promise<void> => {
    estimated.add(p.index);
    if (!r.chance(0.5, 'estimate', p.index)) return;
    const state = await commands.state(p.id!);
    if (state.status !== 'active' || state.purchases.length === 0) return;
    const category = state.purchases[0]!.category;
    const ours = state.purchases.filter((x) => x.category === category).reduce((sum, x) => sum + x.amount, 0);
    const estimatedAnnualSpend = Math.ceil(ours * (1.2 + r.unit('estimate-factor', p.index) * 2.3));
    outcome('spend estimated', await world.api('POST', `/api/v1/customers/${p.id}/category-spend`, state.ownerId, { category, estimatedAnnualSpend }));
  };

  const complain = async (p: Persona, day: number, n: number): Promise<void> => {
    const receiver = await ownerOf(p.id!);
    if (!receiver) return;
    const key = ['complaint', p.index, n];
    const u = r.unit(...key, 'fate');
    // Most are worked and confirmed; some wait on the customer's word; some are never acknowledged, so their SLA breaches.
    const plan: ComplaintPlan =
      u < 0.6
        ? { complaintId: '', customerId: p.id!, receiver, receivedDay: day, acknowledgeAfter: 0, resolveAfter: r.int(1, 5, ...key, 'r'), confirmAfter: r.int(6, 20, ...key, 'c') }
        : u < 0.85
          ? { complaintId: '', customerId: p.id!, receiver, receivedDay: day, acknowledgeAfter: 0, resolveAfter: r.int(2, 10, ...key, 'r'), confirmAfter: null }
          : { complaintId: '', customerId: p.id!, receiver, receivedDay: day, acknowledgeAfter: null, resolveAfter: null, confirmAfter: null };
    const complaintId = nameBasedUuid(`demo-world/${options.seed}/complaint/${p.index}/${n}`);
    const received = await world.api('POST', '/api/v1/complaints', receiver, {
      complaintId,
      customerId: p.id,
      channel: r.pick(COMPLAINT_CHANNELS, ...key, 'ch'),
      category: r.pick(COMPLAINT_CATEGORIES, ...key, 'cat'),
      severity: r.pick(SEVERITIES, ...key, 'sev'),
      description: r.pick(['the order arrived late', 'the invoice was wrong', 'the device stopped working after a week', 'nobody called back as promised'], ...key, 'd'),
      remedySought: 'put it right',
    });
    if (!outcome('complaints received', received)) return;
    const made = { ...plan, complaintId };
    plans.push(made);
    complaintsOf.set(p.id!, [...(complaintsOf.get(p.id!) ?? []), made]);
  };

  const workComplaints = async (day: number): Promise<void> => {
    for (const k of plans) {
      const since = day - k.receivedDay;
      const path = `/api/v1/complaints/${k.complaintId}`;
      if (k.acknowledgeAfter === since) outcome('complaints acknowledged', await world.api('POST', `${path}/acknowledgement`, k.receiver, { message: 'Sorry: I have your complaint and will call you tomorrow.' }));
      if (k.resolveAfter === since) outcome('resolutions proposed', await world.api('POST', `${path}/resolution`, k.receiver, { resolution: 'A replacement ships today, with our apologies.' }));
      if (k.confirmAfter === since) outcome('resolutions confirmed by the customer', await world.api('POST', `${path}/resolution/confirmation`, k.receiver, { satisfaction: 4, comment: 'sorted, thank you' }));
    }
  };

  const pitch = async (p: Persona, day: number): Promise<void> => {
    const owner = await ownerOf(p.id!);
    if (!owner) return;
    const check = await world.api('POST', '/api/v1/sales-gating/checks', owner, { customerId: p.id, product: 'service plan' });
    if (check.status !== 200) return void outcome('checks', check);
    const allowed = check.body['allowed'] === true;
    count(allowed ? 'checks allowed' : `checks denied (${String(check.body['status'] ?? 'no gate')})`);
    if (!allowed) return;
    const key = ['attempt', p.index, day];
    const result = r.pick(['reached', 'interested', 'rejected', 'rejected', 'not-now', 'no-answer', 'purchased'] as const, ...key);
    outcome(`sales attempts: ${result}`, await world.api('POST', `/api/v1/sales-gating/customers/${p.id}/attempts`, owner, { attemptId: `demo-${options.seed}-${p.index}-${day}`, pitch: true, product: 'service plan', outcome: result }));
    // Now and then a second rep tries the same customer the same day: the gate's pressure and ownership rules deny it.
    if (r.chance(0.1, ...key, 'grab')) {
      const other = PEOPLE.find((x) => x.roles.includes('rep') && x.id !== owner)!.id;
      const second = await world.api('POST', '/api/v1/sales-gating/checks', other, { customerId: p.id });
      count(second.body['allowed'] === true ? 'second rep allowed' : 'second rep denied');
    }
  };

  const summary = await generateDemo(services, world.clock, {
    customers: options.customers,
    seed: options.seed,
    months: options.months,
    end: options.end,
    onDay: async (day, personas) => {
      lastDay = day;
      for (const p of personas) if (p.id) byCustomer.set(p.id, p);
      await world.fireAndSettle();
      await newSurveys(day);
      world.clock.advance(HOUR_MS);
      for (const a of pending.filter((x) => x.day === day)) await answer(a);
      pending.splice(0, pending.length, ...pending.filter((x) => x.day > day));
      await closeLoops(day);
      for (const p of personas) {
        if (!p.id || day <= p.registerDay) continue;
        const since = day - p.registerDay;
        if (p.purchases > 0 && !estimated.has(p.index)) await estimateSpend(p);
        // About one customer in three complains (detractors more often), a few of them twice.
        const n = complaintDays(p).indexOf(day);
        if (n >= 0) await complain(p, day, n);
        // A manager asks some customers for feedback by hand a month in, so non-buyers have a voice too (throttled when surveyed recently).
        if (since === 30 && r.chance(0.5, 'ask', p.index)) outcome('surveys requested by hand', await world.api('POST', `/api/v1/feedback/customers/${p.id}/surveys`, 'manager-max', { channel: 'email' }));
      }
      await workComplaints(day);
      await world.fireAndSettle();
      world.clock.advance(HOUR_MS);
      for (const p of personas) if (p.id && day > p.registerDay + 7 && r.chance(1 / 21, 'pitch', p.index, day)) await pitch(p, day);
      await world.settle();
      if (day % 30 === 0) options.progress?.(`day ${day}: ${summaryLine(tally)}`);
    },
  });
  await world.fireAndSettle();
  await newSurveys(Number.MAX_SAFE_INTEGER);
  const published: Record<string, number> = {};
  for (const topic of [FEEDBACK_TOPIC, COMPLAINTS_TOPIC, SALES_GATING_TOPIC]) {
    for (const m of await world.bus.read(topic, 0, 10_000_000)) published[m.event.type] = (published[m.event.type] ?? 0) + 1;
  }
  const queries = world.app.get(SalesGatingQueries);
  const gates: Record<string, number> = {};
  for (const state of await queries.states(await queries.customerIds(undefined, 10_000_000))) gates[state.decision?.status ?? 'none'] = (gates[state.decision?.status ?? 'none'] ?? 0) + 1;
  const sorted = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return { ...summary, world: sorted(tally), published: sorted(published), gates: sorted(gates) };
}

const summaryLine = (tally: Readonly<Record<string, number>>): string =>
  ['surveys sent', 'survey answered: promoter', 'survey answered: passive', 'survey answered: detractor', 'complaints received', 'checks allowed']
    .map((k) => `${tally[k] ?? 0} ${k.replace('survey answered: ', '')}`)
    .join(', ');
