import { DirectoryEventTypes } from '@rapport/directory-contracts';
import { startDirectoryTestApp, type DirectoryTestApp } from './testing/directory-test-app';

const berlinHours = { mon: [{ from: '09:00', to: '17:00' }], tue: [{ from: '09:00', to: '17:00' }], wed: [{ from: '09:00', to: '17:00' }], thu: [{ from: '09:00', to: '17:00' }], fri: [{ from: '09:00', to: '17:00' }] };

describe('directory admin API (D1, D2)', () => {
  let t: DirectoryTestApp;
  beforeAll(async () => {
    t = await startDirectoryTestApp();
  });
  afterAll(() => t.close());
  const people = () => t.http().post('/api/v1/directory/people');

  it('D1: an admin defines a team with business hours, time zone and holidays; anyone signed in reads it', async () => {
    const defined = await t.http().put('/api/v1/directory/teams/east').set('authorization', t.admin).send({ name: 'Sales East', timeZone: 'Europe/Berlin', businessHours: berlinHours, holidays: ['2026-12-25'] }).expect(200);
    expect(defined.body.events).toEqual(['directory.team-defined.v1']);
    const team = await t.http().get('/api/v1/directory/teams/east').set('authorization', t.rep).expect(200);
    expect(team.body).toMatchObject({ teamId: 'east', timeZone: 'Europe/Berlin', holidays: ['2026-12-25'], hours: { mon: [{ from: '09:00', to: '17:00' }], sat: [] } });
  });

  it('D1: an unknown time zone is a 422 naming D1; a malformed hour a 400 naming the field', async () => {
    const zone = await t.http().put('/api/v1/directory/teams/west').set('authorization', t.admin).send({ name: 'West', timeZone: 'Mars/Olympus' }).expect(422);
    expect(zone.body).toMatchObject({ type: 'https://rapport.dev/problems/D1/invalid-calendar', rule: 'D1' });
    const hour = await t.http().put('/api/v1/directory/teams/west').set('authorization', t.admin).send({ name: 'West', businessHours: { mon: [{ from: '9', to: '17:00' }] } }).expect(400);
    expect(hour.body.errors.map((e: { field: string }) => e.field)).toEqual(['businessHours.mon.0.from']);
  });

  it('D1: an admin registers people with roles, team and manager; the manager must be an active person', async () => {
    await people().set('authorization', t.admin).send({ personId: 'manager-max', name: 'Max Meyer', roles: ['manager'], teamId: 'east' }).expect(201);
    const ana = await people().set('authorization', t.admin).send({ personId: 'rep-ana', name: 'Ana Alves', email: 'Ana@Example.com', roles: ['rep'], teamId: 'east', managerId: 'manager-max' }).expect(201);
    expect(ana.headers['location']).toBe('/api/v1/directory/people/rep-ana');
    const noManager = await people().set('authorization', t.admin).send({ personId: 'rep-ben', name: 'Ben', roles: ['rep'], managerId: 'manager-nobody' }).expect(422);
    expect(noManager.body).toMatchObject({ type: 'https://rapport.dev/problems/D1/manager-not-active', rule: 'D1' });
    const noTeam = await people().set('authorization', t.admin).send({ personId: 'rep-ben', name: 'Ben', roles: ['rep'], teamId: 'atlantis' }).expect(422);
    expect(noTeam.body.rule).toBe('D1');
    await people().set('authorization', t.admin).send({ personId: 'rep-ana', name: 'Ana again', roles: ['rep'] }).expect(409);
    const read = await t.http().get('/api/v1/directory/people/rep-ana').set('authorization', t.rep).expect(200);
    expect(read.body).toMatchObject({ personId: 'rep-ana', email: 'ana@example.com', roles: ['rep'], teamId: 'east', managerId: 'manager-max', active: true });
  });

  it('D1: only an admin changes the directory: 403 for a rep or manager; 400 names bad fields', async () => {
    await people().set('authorization', t.rep).send({ personId: 'rep-cy', name: 'Cy', roles: ['rep'] }).expect(403);
    await people().set('authorization', t.as('manager-max', 'manager')).send({ personId: 'rep-cy', name: 'Cy', roles: ['rep'] }).expect(403);
    const bad = await people().set('authorization', t.admin).send({ personId: 'has space', name: '', roles: ['boss'] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'personId', 'roles']);
    await t.http().get('/api/v1/directory/people').expect(401);
  });

  it('D1: a change records what changed; the same change again records nothing', async () => {
    const changed = await t.http().patch('/api/v1/directory/people/rep-ana').set('authorization', t.admin).send({ roles: ['rep', 'manager'] }).expect(200);
    expect(changed.body.events).toEqual(['directory.person-updated.v1']);
    const again = await t.http().patch('/api/v1/directory/people/rep-ana').set('authorization', t.admin).send({ roles: ['rep', 'manager'] }).expect(200);
    expect(again.body).toEqual({ id: 'rep-ana', position: 0, events: [] });
    await t.http().patch('/api/v1/directory/people/nobody').set('authorization', t.admin).send({ name: 'X' }).expect(404);
  });

  it('D2: an admin deactivates a person with a reason and reactivates them; lists filter by active', async () => {
    const off = await t.http().post('/api/v1/directory/people/rep-ana/deactivation').set('authorization', t.admin).send({ reason: 'left the company' }).expect(200);
    expect(off.body.events).toEqual(['directory.person-deactivated.v1']);
    const inactive = await t.http().get('/api/v1/directory/people?active=false').set('authorization', t.rep).expect(200);
    expect(inactive.body).toMatchObject({ total: 1, items: [expect.objectContaining({ personId: 'rep-ana', active: false })] });
    await t.http().post('/api/v1/directory/people/rep-ana/deactivation').set('authorization', t.admin).send({}).expect(400);
    await t.http().post('/api/v1/directory/people/rep-ana/reactivation').set('authorization', t.admin).send({ reason: 'came back' }).expect(200);
    const team = await t.http().get('/api/v1/directory/people?teamId=east&active=true').set('authorization', t.rep).expect(200);
    expect(team.body.items.map((p: { personId: string }) => p.personId)).toEqual(['manager-max', 'rep-ana']);
  });

  it('D1, D2: every change is published on rapport.directory.v1, keyed by the person, without e-mail addresses', async () => {
    const events = (await t.published()).map((m) => m.event);
    expect(events.map((e) => e.type)).toEqual([
      DirectoryEventTypes.teamDefined,
      DirectoryEventTypes.personRegistered,
      DirectoryEventTypes.personRegistered,
      DirectoryEventTypes.personUpdated,
      DirectoryEventTypes.personDeactivated,
      DirectoryEventTypes.personReactivated,
    ]);
    expect(events[2]).toMatchObject({ subject: 'rep-ana', data: { personId: 'rep-ana', displayName: 'Ana Alves', roles: ['rep'], teamId: 'east', managerId: 'manager-max', active: true } });
    expect(events[4]).toMatchObject({ data: { personId: 'rep-ana', active: false, reason: 'left the company' }, actorid: 'admin-root' });
    expect(JSON.stringify(events)).not.toContain('ana@example.com');
  });
});
