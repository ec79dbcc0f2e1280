import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { configureHttpApp, loadEnvironment, TokenService, type Role } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import { DirectoryCopy } from '@rapport/customers-app';
import request from 'supertest';
import { RapportModule } from './rapport.module';

const SCIM_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The directory and customers in one process, meeting only through rapport.directory.v1 (D1–D3). */
describe('all-in-one: the directory feeds customers (D1, D2, D3)', () => {
  let app: INestApplication;
  let as: (id: string, ...roles: Role[]) => string;
  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [RapportModule.forRoot({ environment, clock: new ManualClock(new Date('2026-03-03T09:00:00Z')) })] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport', description: 'test', version: 'test' });
    await app.init();
    const tokens = app.get(TokenService);
    as = (id, ...roles) => `Bearer ${tokens.issue({ id, roles })}`;
  });
  afterAll(() => app.close());
  const http = () => request(app.getHttpServer());
  const standing = (id: string) => app.get(DirectoryCopy).standing(id);
  const register = (auth: string, email: string) => http().post('/api/v1/customers').set('authorization', auth).send({ name: email, email });

  it('D1: embedded mode seeds the development people, so a dev token can register customers at once', async () => {
    await register(as('rep-ana', 'rep'), 'mia@example.com').expect(201);
    const ana = await http().get('/api/v1/directory/people/rep-ana').set('authorization', as('rep-ana', 'rep')).expect(200);
    expect(ana.body).toMatchObject({ roles: ['rep'], teamId: 'east', managerId: 'manager-max', active: true });
  });

  it('D1, D3: a person the identity provider provisions over SCIM may own customers once the copy has them', async () => {
    const newcomer = as('rep-nia', 'rep');
    expect((await register(newcomer, 'lee@example.com').expect(422)).body.rule).toBe('D1');
    await http().post('/scim/v2/Users').set('authorization', as('okta', 'integrator')).send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'rep-nia', roles: [{ value: 'rep' }] }).expect(201);
    await until(async () => (await standing('rep-nia')) === 'active', 10_000, 'customers to learn of rep-nia');
    await register(newcomer, 'lee@example.com').expect(201);
  });

  it('D2: the identity provider turns a rep off; their customers go at once to the assignment policy, and nobody can hand them back', async () => {
    const ben = as('rep-ben', 'rep');
    const ids = [];
    for (const email of ['a@ben.example', 'b@ben.example', 'c@ben.example']) ids.push((await register(ben, email).expect(201)).body.customerId as string);
    await http().patch('/scim/v2/Users/rep-ben').set('authorization', as('okta', 'integrator')).send({ schemas: [SCIM_PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] }).expect(200);
    await until(async () => (await standing('rep-ben')) === 'inactive', 10_000, 'customers to learn rep-ben left');

    const manager = as('manager-max', 'manager');
    const sweep = await http().post('/api/v1/customers/sweeps').set('authorization', manager).send({ autoAssign: 'round-robin', candidates: ['rep-ana', 'rep-nia'] }).expect(200);
    expect(sweep.body.reassigned.map((r: { customerId: string }) => r.customerId).sort()).toEqual([...ids].sort());
    const transfer = await http().post(`/api/v1/customers/${ids[0]}/ownership/transfer`).set('authorization', manager).send({ toOwnerId: 'rep-ben', reason: 'back to Ben' }).expect(422);
    expect(transfer.body).toMatchObject({ type: 'https://rapport.dev/problems/D1/inactive-person', rule: 'D1' });
  });
});
