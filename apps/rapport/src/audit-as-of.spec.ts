import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, ReadinessRegistry, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { FIRING_OPTIONS, FiringLoop } from '@rapport/scheduler-app';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type SurveySentV1 } from '@rapport/feedback-contracts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runAuditCommand } from './audit-command';
import { DEV_PRINCIPALS } from './dev-tokens';
import { RapportModule } from './rapport.module';

const DAY = 86_400_000;
const START = new Date('2026-01-05T09:00:00.000Z'); // a Monday

/**
 * The all-in-one runtime (every service, SQLite files in a temporary DATA_DIR so the offline CLI can read them
 * afterwards, the in-process bus) on a manual clock: timers fire as the script moves the clock a day at a time.
 */
class World {
  private constructor(
    readonly app: INestApplication,
    readonly clock: ManualClock,
    private readonly bus: InProcessBus,
  ) {}

  static async start(dataDir: string): Promise<World> {
    const clock = new ManualClock(START);
    const environment = loadEnvironment({ DATA_DIR: dataDir, RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'audit-as-of-spec-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [RapportModule.forRoot({ environment, clock })] })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 })
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'audit as-of', description: 'test', version: 'test' });
    await app.init();
    const world = new World(app, clock, (await app.get<Storage>(STORAGE).bus()) as InProcessBus);
    await world.settle();
    return world;
  }

  bearer(personId: string): string {
    const principal = DEV_PRINCIPALS.find((p) => p.id === personId)!;
    return `Bearer ${this.app.get(TokenService).issue(principal)}`;
  }

  iso(day: number): string {
    return new Date(START.getTime() + day * DAY).toISOString();
  }

  async settle(): Promise<void> {
    const readiness = this.app.get(ReadinessRegistry);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if ((await this.bus.consumerLag()).every((l) => l.lag === 0) && (await readiness.report()).ready) return;
      if (Date.now() > deadline) throw new Error('the services did not settle');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async fireAndSettle(): Promise<void> {
    for (;;) {
      await this.settle();
      if ((await this.app.get(FiringLoop).fireDue()).fired === 0) return this.settle();
    }
  }

  async advanceTo(day: number): Promise<void> {
    const target = START.getTime() + day * DAY;
    while (this.clock.now().getTime() < target) {
      this.clock.set(new Date(Math.min(target, this.clock.now().getTime() + DAY)));
      await this.fireAndSettle();
    }
  }

  async published(topic: string): Promise<IncomingMessage[]> {
    return this.bus.read(topic, 0, 1_000_000);
  }
}

/** What the live queries showed of one customer at one moment, read then. */
interface Shown {
  readonly at: string;
  readonly card: Record<string, unknown>;
  readonly gate: Record<string, unknown>;
  readonly complaints: unknown[];
  readonly sentiment: { at: string; score: number; category: string }[];
  readonly surveys: { surveyId: string; status: string }[];
}

/**
 * A3 in one call over a scripted year of the whole system: on chosen days the live card, gate, complaints and
 * NPS history are read as the live system showed them; after the year has gone on (a transfer, a confirmation,
 * a later promoter answer, TARGET), the auditor's as-of answer for each of those moments equals what was shown.
 */
describe('GET /api/v1/audit/customers/:id/as-of (A3) over a scripted year', () => {
  let dir: string;
  let world: World;
  let mia: string;
  const shown: Shown[] = [];
  const http = () => request(world.app.getHttpServer());

  const liveNow = async (): Promise<Shown> => {
    const max = world.bearer('manager-max');
    const ada = world.bearer('auditor-ada');
    const card = (await http().get(`/api/v1/customers/${mia}`).set('authorization', max).expect(200)).body;
    const { customerId: _id, ...gate } = (await http().get(`/api/v1/sales-gating/customers/${mia}/gate`).set('authorization', ada).expect(200)).body;
    const complaints = (await http().get(`/api/v1/complaints/by-customer/${mia}`).set('authorization', ada).expect(200)).body.complaints;
    const history = (await http().get(`/api/v1/feedback/customers/${mia}/history`).set('authorization', ada).expect(200)).body;
    return {
      at: world.clock.now().toISOString(),
      card,
      gate,
      complaints,
      sentiment: history.sentiment,
      surveys: history.surveys.map((s: { id: string; status: string }) => ({ surveyId: s.id, status: s.status })),
    };
  };
  const surveysSent = async () =>
    (await world.published(FEEDBACK_TOPIC)).filter((m) => m.event.type === FeedbackEventTypes.surveySent && m.event.subject === mia).map((m) => m.event.data as SurveySentV1);
  const asOf = (at: string, who = 'auditor-ada') => http().get(`/api/v1/audit/customers/${mia}/as-of?at=${encodeURIComponent(at)}`).set('authorization', world.bearer(who));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-audit-as-of-'));
    world = await World.start(dir);
    const ana = world.bearer('rep-ana');
    const max = world.bearer('manager-max');

    // Day 0: ana registers Mia, who buys; Mia phones ana with a complaint, which ana acknowledges (gate: HOLD, G2).
    mia = (await http().post('/api/v1/customers').set('authorization', ana).send({ name: 'Mia Wong', email: 'mia@example.com' }).expect(201)).body.customerId;
    await http().post(`/api/v1/customers/${mia}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-1', amount: 1249.5, category: 'laptops' }).expect(200);
    const complaintId: string = (
      await http()
        .post('/api/v1/complaints')
        .set('authorization', ana)
        .send({ customerId: mia, channel: 'phone', category: 'delivery', severity: 'high', description: 'cracked screen', remedySought: 'a replacement' })
        .expect(201)
    ).body.complaintId;
    await http().post(`/api/v1/complaints/${complaintId}/acknowledgement`).set('authorization', ana).send({ message: 'I have it.' }).expect(200);
    await world.fireAndSettle();
    // Day 1: a resolution is proposed; the complaint stays open until Mia confirms (K5).
    await world.advanceTo(1);
    await http().post(`/api/v1/complaints/${complaintId}/resolution`).set('authorization', ana).send({ resolution: 'A new laptop ships today.' }).expect(200);
    // Day 14: the purchase survey goes out; Mia answers 3 (gate: HOLD on G1 and G2).
    await world.advanceTo(14);
    const [first] = await surveysSent();
    await http().post(first!.answerPath).send({ token: first!.answerToken, score: 3, categories: ['service'] }).expect(200);
    await world.fireAndSettle();
    // Day 30 — the first moment an auditor will ask about: owned by ana, held, complaint open, a detractor.
    await world.advanceTo(30);
    shown.push(await liveNow());

    // Day 40: the manager moves Mia to ben; day 45: Mia confirms the resolution (the complaint closes).
    await world.advanceTo(40);
    await http().post(`/api/v1/customers/${mia}/ownership/transfer`).set('authorization', max).send({ toOwnerId: 'rep-ben', reason: 'territory realignment' }).expect(200);
    await world.advanceTo(45);
    await http().post(`/api/v1/complaints/${complaintId}/resolution/confirmation`).set('authorization', ana).send({ satisfaction: 4, comment: 'works fine now' }).expect(200);
    await world.fireAndSettle();
    // Day 100: she buys again; day 114 the survey goes out and she answers 9 (gate: TARGET, G4).
    await world.advanceTo(100);
    await http().post(`/api/v1/customers/${mia}/purchases`).set('authorization', world.bearer('rep-ben')).send({ purchaseId: 'INV-2', amount: 310, category: 'docks' }).expect(200);
    await world.advanceTo(114);
    const second = (await surveysSent()).at(-1)!;
    await http().post(second.answerPath).send({ token: second.answerToken, score: 9 }).expect(200);
    await world.fireAndSettle();
    // Day 120 — the second moment asked about.
    await world.advanceTo(120);
    shown.push(await liveNow());
    // The year goes on to its end (timers fire: relationship surveys, reclaim clocks, …).
    await world.advanceTo(365);
  }, 900_000);
  afterAll(async () => {
    await world?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('A3: a moment in the middle of the year returns her card, gate and its reasons, complaints and NPS exactly as the live queries showed them that day, each with its store position', async () => {
    const [day30, day120] = shown as [Shown, Shown];
    // The year moved on: the answers of then are not the answers of now.
    expect(day30.card['ownerId']).toBe('rep-ana');
    expect((day30.gate['decision'] as { status: string }).status).toBe('HOLD');
    expect((day120.gate['decision'] as { status: string }).status).toBe('TARGET');
    expect(day120.card['ownerId']).toBe('rep-ben');

    for (const then of shown) {
      const answer = (await asOf(then.at).expect(200)).body;
      expect(answer.asOf).toBe(then.at);
      expect(answer.card.card).toEqual(
        expect.objectContaining({
          customerId: mia,
          status: then.card['status'],
          name: then.card['name'],
          ownerId: then.card['ownerId'],
          ownerSince: then.card['ownerSince'],
          collaboratorIds: then.card['collaboratorIds'],
          stage: then.card['stage'],
          tier: then.card['tier'],
          grade: then.card['grade'],
          registeredAt: then.card['registeredAt'],
        }),
      );
      expect(answer.gate.gate).toEqual(then.gate);
      expect(answer.complaints.complaints.map(({ open: _o, ...c }: { open: boolean }) => c)).toEqual(then.complaints);
      expect(answer.complaints.complaints.map((c: { open: boolean; status: string }) => c.open)).toEqual(then.complaints.map((c) => (c as { status: string }).status !== 'closed'));
      expect(answer.nps.answers.map((a: { answeredAt: string; score: number; category: string }) => ({ at: a.answeredAt, score: a.score, category: a.category }))).toEqual(then.sentiment);
      expect(answer.nps.category).toBe(then.sentiment.at(-1)?.category ?? null);
      expect([...answer.nps.surveys].sort((a, b) => a.surveyId.localeCompare(b.surveyId))).toEqual(
        expect.arrayContaining(then.surveys.map((s) => expect.objectContaining(s))),
      );
      expect(answer.nps.surveys).toHaveLength(then.surveys.length);
      // Each part names where it stands in its own service's store, and what came after.
      for (const part of [answer.card, answer.gate, answer.complaints, answer.nps]) {
        expect(part.position).toBeGreaterThan(0);
        // On day 30 every part changed later (null: nothing of hers in that store since, as for the closed complaint by day 120).
        if (then === day30 || part.nextPosition !== null) expect(part.nextPosition).toBeGreaterThan(part.position);
      }
      if (then === day120) expect(answer.complaints.nextPosition).toBeNull();
      expect([answer.card.service, answer.gate.service, answer.complaints.service, answer.nps.service]).toEqual(['customers', 'sales-gating', 'complaints', 'feedback']);
    }
    // "Was she gated on day 30, why, and who owned her?" — one call.
    const day30Answer = (await asOf(day30.at).expect(200)).body;
    expect(day30Answer.card.card.ownerId).toBe('rep-ana');
    expect(day30Answer.gate.gate.decision.status).toBe('HOLD');
    expect(day30Answer.gate.gate.decision.reasons.map((r: { rule: string }) => r.rule).sort()).toEqual(['G1', 'G2']);
    expect(day30Answer.complaints.complaints).toEqual([expect.objectContaining({ open: true, status: 'resolution-proposed' })]);
    expect(day30Answer.nps).toMatchObject({ category: 'detractor', answers: [expect.objectContaining({ score: 3 })] });
  });

  it('A3/A6: auditors only, the read is recorded; before she existed nothing stands; an id nothing was recorded of is a 404; a malformed or future instant is refused', async () => {
    expect((await asOf(shown[0]!.at, 'manager-max')).status).toBe(403);
    expect((await asOf(shown[0]!.at, 'rep-ana')).status).toBe(403);
    expect((await asOf('3 March')).status).toBe(400);
    expect((await asOf(new Date(world.clock.now().getTime() + DAY).toISOString())).status).toBe(422);
    expect((await http().get(`/api/v1/audit/customers/${randomUUID()}/as-of?at=${START.toISOString()}`).set('authorization', world.bearer('auditor-ada'))).status).toBe(404);
    expect((await http().get(`/api/v1/audit/customers/not-a-uuid/as-of?at=${START.toISOString()}`).set('authorization', world.bearer('auditor-ada'))).status).toBe(400);
    const before = (await asOf(new Date(START.getTime() - 1).toISOString()).expect(200)).body;
    expect(before).toMatchObject({
      card: { card: null, position: 0, nextPosition: expect.any(Number) },
      gate: { gate: null, position: 0 },
      complaints: { complaints: [], position: 0 },
      nps: { category: null, answers: [], surveys: [], position: 0 },
    });
    const reads = (await http().get(`/api/v1/audit/reads?customerId=${mia}&reader=auditor-ada`).set('authorization', world.bearer('auditor-ada')).expect(200)).body.items;
    expect(reads).toEqual(expect.arrayContaining([expect.objectContaining({ route: '/api/v1/audit/customers/:customerId/as-of', customerIds: [mia], readerId: 'auditor-ada', status: 200 })]));
  });

  it('A3: the OpenAPI document names every status of the as-of route and every field of its answer, and nothing else', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body;
    const operation = doc.paths['/api/v1/audit/customers/{customerId}/as-of'].get;
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '404', '422', '503']);
    expect(operation.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`).sort()).toEqual(['path:customerId:true', 'query:at:true']);
    type Schema = { $ref?: string; type?: string; nullable?: boolean; properties?: Record<string, Schema>; required?: string[]; items?: Schema; allOf?: Schema[]; enum?: unknown[] };
    const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()!]) : schema.allOf?.length === 1 ? resolve(schema.allOf[0]!) : schema);
    const problems: string[] = [];
    const check = (value: unknown, raw: Schema, path: string): void => {
      const schema = resolve(raw);
      if (value === null) {
        if (!schema.nullable && !raw.nullable) problems.push(`${path}: null, not declared nullable`);
        return;
      }
      if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${String(value)} not in its enum`);
      if (Array.isArray(value)) return value.forEach((item, i) => check(item, schema.items ?? {}, `${path}[${i}]`));
      if (typeof value === 'object') {
        const properties = schema.properties ?? {};
        for (const key of Object.keys(value as object)) if (!(key in properties)) problems.push(`${path}.${key}: not declared`);
        for (const key of schema.required ?? []) if (!(key in (value as object))) problems.push(`${path}.${key}: declared required, missing`);
        for (const [key, v] of Object.entries(value as object)) if (key in properties) check(v, properties[key]!, `${path}.${key}`);
        return;
      }
      const type = schema.type === 'integer' ? 'number' : schema.type;
      if (type && typeof value !== type) problems.push(`${path}: a ${typeof value}, declared ${schema.type}`);
    };
    for (const then of shown) check((await asOf(then.at).expect(200)).body, operation.responses['200'].content['application/json'].schema, 'answer');
    check((await asOf(new Date(START.getTime() - 1).toISOString()).expect(200)).body, operation.responses['200'].content['application/json'].schema, 'before');
    expect(problems).toEqual([]);
  });

  it('A3: the CLI answers the same as-of offline from the data folder (rapport as-of <id> --at)', async () => {
    const env = { DATA_DIR: dir, RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv;
    const [day30] = shown as [Shown];
    const json = await runAuditCommand(['as-of', mia, '--at', day30.at, '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual((await asOf(day30.at).expect(200)).body);
    const text = await runAuditCommand(['as-of', mia, '--at', day30.at], env);
    expect(text.stdout).toMatch(/card \(customers @ \d+, next \d+\): owner rep-ana/);
    expect(text.stdout).toMatch(/gate \(sales-gating @ \d+, next \d+\): HOLD/);
    expect(text.stdout).toMatch(/^ {2}G1 /m);
    expect(text.stdout).toMatch(/complaints \(complaints @ \d+, next \d+\): 1\n {2}K-\d{4}-\d+ delivery\/high: open, resolution-proposed, owner rep-ana/);
    expect(text.stdout).toMatch(/nps \(feedback @ \d+, next \d+\): detractor/);
    expect((await runAuditCommand(['as-of', mia], env)).code).toBe(2);
    expect((await runAuditCommand(['as-of', 'nobody', '--at', day30.at], env)).code).toBe(2);
  });
});
