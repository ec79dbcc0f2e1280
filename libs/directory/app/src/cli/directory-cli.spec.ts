import { uuidv7 } from '@rapport/platform-eventsourcing';
import { DirectoryCommands } from '../directory-commands';
import { startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';
import { parseHours, runDirectoryCli } from './directory-cli';

describe('directory CLI for embedded mode (D1, D2)', () => {
  let t: DirectoryTestApp;
  beforeAll(async () => {
    t = await startDirectoryTestApp();
  });
  afterAll(() => t.close());
  const run = (...argv: string[]) =>
    runDirectoryCli(argv, t.app.get(DirectoryCommands), {
      commandId: uuidv7(t.clock.now().getTime()),
      actor: { id: 'cli', kind: 'system', roles: ['admin'] },
      now: t.clock.now(),
      correlationId: 'cli',
      causationId: 'cli',
      via: 'system',
    });

  it('D1: defines a team with hours, holidays and a time zone, and answers business-time questions on it (K3)', async () => {
    expect((await run('define-team', 'east', '--name', 'East', '--time-zone', 'Europe/Berlin', '--hours', 'mon-fri 09:00-17:00', '--holidays', '2026-04-03')).stdout).toBe('recorded directory.team-defined.v1\n');
    expect((await run('teams')).stdout).toMatch(/^east\s+Europe\/Berlin\s+sun closed; mon 09:00-17:00;.* holidays: 2026-04-03/);
    expect((await run('add-business-hours', 'east', '--at', '2026-03-27T15:00:00Z', '--hours', '2')).stdout).toMatch(/^2026-03-30T08:00:00.000Z \(--at is inside business hours\)/);
    expect((await run('business-time', 'east', '--from', '2026-04-02T14:00:00Z', '--to', '2026-04-07T08:00:00Z')).stdout).toMatch(/^10\.00 business hours/);
  });

  it('D1, D2: adds, lists, deactivates people; refusals name the rule and exit 1', async () => {
    await run('add-person', 'manager-max', '--name', 'Max', '--roles', 'manager', '--team', 'east');
    expect((await run('add-person', 'rep-ana', '--name', 'Ana', '--roles', 'rep', '--team', 'east', '--manager', 'manager-max')).code).toBe(0);
    expect(await run('add-person', 'rep-ben', '--name', 'Ben', '--roles', 'rep', '--manager', 'ghost')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^refused \(D1\): manager ghost/) });
    expect((await run('deactivate', 'rep-ana', '--reason', 'left the company')).stdout).toBe('recorded directory.person-deactivated.v1\n');
    expect((await run('people', '--inactive')).stdout).toMatch(/^rep-ana\s+INACTIVE\s+rep\s+team=east manager=manager-max/);
  });

  it('explains itself: --help, unknown commands and missing options exit 2 with the usage', async () => {
    expect((await run('--help')).stdout).toMatch(/^Usage: npm run directory/);
    expect(await run('fire', 'rep-ana')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^unknown command fire/) });
    expect(await run('deactivate', 'rep-ana')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^--reason is required/) });
    expect(await run('people', '--bogus')).toMatchObject({ code: 2 });
    expect(() => parseHours('weekdays 9-5')).toThrow(/cannot read hours/);
    expect(parseHours('mon-wed 09:00-12:00 13:00-17:00; sat 10:00-13:00')).toMatchObject({ mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }], thu: [], sat: [{ from: '10:00', to: '13:00' }] });
  });
});
