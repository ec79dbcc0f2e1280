import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureHttpApp, loadEnvironment, PlatformModule, TokenService } from '@rapport/platform-nest';
import { CustomersModule } from '@rapport/customers-app';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runAuditCommand, servicesIn } from './audit-command';

/** `npm run rapport -- …` on a real data folder written by the customers service. */
describe('npm run rapport (the auditor CLI: A1, A2, A4, A7)', () => {
  let dir: string;
  let mia: string;
  const previous = process.env['DIRECTORY_REQUIRED'];
  const env = () => ({ DATA_DIR: dir, RAPPORT_DEV_TOKENS: 'false' }) as NodeJS.ProcessEnv;
  const run = (...argv: string[]) => runAuditCommand(argv, env());

  beforeAll(async () => {
    process.env['DIRECTORY_REQUIRED'] = 'false';
    dir = mkdtempSync(join(tmpdir(), 'rapport-audit-cli-'));
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment: loadEnvironment(env()) }), CustomersModule] }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'cli', description: 'test', version: 'test' });
    await app.init();
    const rep = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    const http = () => request(app.getHttpServer());
    mia = (await http().post('/api/v1/customers').set('authorization', rep).send({ name: 'Mia Wong', email: 'mia@example.com' }).expect(201)).body.customerId;
    await http().post('/api/v1/customers').set('authorization', rep).send({ name: 'Ole Berg' }).expect(201);
    for (let i = 0; i < 5; i++) {
      await http().post(`/api/v1/customers/${mia}/contacts`).set('authorization', rep).send({ channel: 'call', direction: 'outbound', outcome: 'reached', notes: `call ${i}` }).expect(200);
    }
    await http().post(`/api/v1/customers/${mia}/grade`).set('authorization', rep).send({ grade: 'B', reason: 'needs budget' }).expect(200);
    await app.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env['DIRECTORY_REQUIRED'];
    else process.env['DIRECTORY_REQUIRED'] = previous;
  });

  it('A2: history <customerId> lists her changes in order with who, why, via, correlation and causation; filters apply', async () => {
    expect(servicesIn(dir)).toEqual(['customers']);
    const all = await run('history', mia);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/customers\.customer-registered\.v1\s+user:rep-ana\s+api/);
    expect(lines.filter((l) => l.includes('customers.contact-logged.v1'))).toHaveLength(5);
    expect(all.stdout).toMatch(/customers\.grade-set\.v1.*needs budget.*corr=.*cause=/);
    expect(all.stdout).not.toContain('Ole Berg');
    const graded = JSON.parse((await run('history', mia, '--type', 'customers.grade-set.v1', '--json')).stdout);
    expect(graded).toEqual([expect.objectContaining({ type: 'customers.grade-set.v1', reason: 'needs budget', data: expect.objectContaining({ reason: 'needs budget' }) })]);
    expect(JSON.parse((await run('history', mia, '--actor', 'nobody', '--json')).stdout)).toEqual([]);
    expect((await run('history', mia, '--from', 'soon')).code).toBe(1);
  });

  it('A7: export writes CSV and JSON Lines that verify clean; a changed byte fails and is named; a signed digest checks with the key', async () => {
    const csv = join(dir, 'mia.csv');
    expect((await run('export', mia, '--format', 'csv', '--out', csv)).code).toBe(0);
    expect((await run('verify', csv)).stdout).toMatch(/OK: \d+ verified/);
    const changed = readFileSync(csv, 'utf8').replace('call 3', 'call 8');
    writeFileSync(csv, changed);
    const tampered = await run('verify', csv);
    expect(tampered.code).toBe(3);
    const line = Number(/FAILED \(altered\) at line (\d+)/.exec(tampered.stdout)![1]);
    expect(changed.split('\n')[line - 1]).toContain('call 8');
    const keys = join(dir, 'audit');
    await run('keys', '--out', keys);
    const jsonl = join(dir, 'all.jsonl');
    await run('export', '--all', '--out', jsonl, '--sign-key', `${keys}.key`);
    expect((await run('verify', jsonl, '--public-key', `${keys}.pub`)).code).toBe(0);
    await run('keys', '--out', join(dir, 'other'));
    expect((await run('verify', jsonl, '--public-key', join(dir, 'other.pub'))).stdout).toMatch(/signature does not verify/);
  });

  it('A4: witness then verify --store: clean; a byte changed in the database is named; a signed checkpoint is checked', async () => {
    const keys = join(dir, 'install');
    await run('keys', '--out', keys);
    expect((await run('witness', '--sign-key', `${keys}.key`)).stdout).toMatch(/customers: \d+ new event\(s\) witnessed, checkpoint signed/);
    expect((await run('verify', '--store', 'customers', '--public-key', `${keys}.pub`)).stdout).toMatch(/signature OK[\s\S]*customers: OK/);
    const db = new Database(join(dir, 'customers.sqlite'));
    db.exec("UPDATE es_events SET metadata = replace(metadata, 'rep-ana', 'rep-eve') WHERE position = 4");
    db.close();
    const result = await run('verify', '--store', 'customers');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/FAILED \(altered\) at position 4 \(event/);
  });
});
