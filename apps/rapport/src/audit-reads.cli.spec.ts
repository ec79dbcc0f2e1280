import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditModule } from '@rapport/audit-app';
import { CustomersModule } from '@rapport/customers-app';
import { configureHttpApp, loadEnvironment, PlatformModule, TokenService, type PersonalDataRead } from '@rapport/platform-nest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { readerOf, runAuditCommand, servicesIn } from './audit-command';

/** `npm run rapport -- history|as-of`: the auditor's CLI reads personal data too, and says who did (A6). */
describe('the audit CLI records its personal reads (A6)', () => {
  let dir: string;
  let mia: string;
  const previous = process.env['DIRECTORY_REQUIRED'];
  const env = () => ({ DATA_DIR: dir, RAPPORT_DEV_TOKENS: 'false' }) as NodeJS.ProcessEnv;
  const run = (...argv: string[]) => runAuditCommand(argv, env());

  /** The all-in-one over the same data folder: the auditor's query of the read log. */
  async function readLog(query: string): Promise<PersonalDataRead[]> {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ environment: loadEnvironment(env()) }), CustomersModule, AuditModule.forRoot({ services: ['customers'] })],
    }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'cli', description: 'test', version: 'test' });
    await app.init();
    try {
      const auditor = `Bearer ${app.get(TokenService).issue({ id: 'auditor-ada', roles: ['auditor'] })}`;
      return (await request(app.getHttpServer()).get(`/api/v1/audit/reads?${query}`).set('authorization', auditor).expect(200)).body.items;
    } finally {
      await app.close();
    }
  }

  beforeAll(async () => {
    process.env['DIRECTORY_REQUIRED'] = 'false';
    dir = mkdtempSync(join(tmpdir(), 'rapport-a6-cli-'));
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment: loadEnvironment(env()) }), CustomersModule] }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'cli', description: 'test', version: 'test' });
    await app.init();
    const rep = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    mia = (await request(app.getHttpServer()).post('/api/v1/customers').set('authorization', rep).send({ name: 'Mia Wong', email: 'mia@example.com' }).expect(201)).body.customerId;
    await app.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env['DIRECTORY_REQUIRED'];
    else process.env['DIRECTORY_REQUIRED'] = previous;
  });

  it('A6: history <customerId> --reader records who read whose history, with the filters, in the read log the API answers from', async () => {
    const shown = await run('history', mia, '--reader', 'auditor-ada', '--type', 'customers.', '--from', '2026-01-01');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('customers.customer-registered.v1');
    expect(await readLog(`reader=auditor-ada&customerId=${mia}`)).toEqual([
      expect.objectContaining({
        service: 'audit',
        readerId: 'auditor-ada',
        method: 'CLI',
        route: 'rapport history <customerId>',
        path: `rapport history ${mia}`,
        query: { from: '2026-01-01', type: 'customers.' },
        customerIds: [mia],
        correlationId: expect.stringMatching(/^cli-/),
      }),
    ]);
  });

  it('A6: as-of records a read too; without --reader the operating-system login is recorded, marked os:', async () => {
    expect((await run('as-of', mia, '--at', new Date().toISOString())).code).toBe(0);
    const os = `os:${userInfo().username}`;
    expect(readerOf({})).toBe(os);
    expect(await readLog(`reader=${encodeURIComponent(os)}&customerId=${mia}`)).toEqual([expect.objectContaining({ method: 'CLI', route: 'rapport as-of <customerId>', customerIds: [mia], query: { at: expect.any(String) } })]);
  });

  it('A6: a refused command read nothing and records nothing; the services\' read logs are not event stores to the CLI', async () => {
    expect((await run('as-of', mia)).code).toBe(2);
    expect((await run('history', mia, '--reader', 'auditor-bob', '--from', 'soon')).code).toBe(1);
    expect(await readLog('reader=auditor-bob')).toEqual([]);
    expect(existsSync(join(dir, 'customers-reads.sqlite'))).toBe(true); // the customers process alone kept its own
    expect(servicesIn(dir)).not.toContain('customers-reads');
  });
});
