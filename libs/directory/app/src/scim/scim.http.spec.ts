import { startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';
import { SCIM } from './scim.schemas';

const SCIM_JSON = 'application/scim+json';

describe('SCIM 2.0 for the identity provider (D3, RFC 7643/7644)', () => {
  let t: DirectoryTestApp;
  beforeAll(async () => {
    t = await startDirectoryTestApp();
  });
  afterAll(() => t.close());
  const scim = (method: 'get' | 'post' | 'patch' | 'delete', path: string, auth = t.idp) => t.http()[method](`/scim/v2${path}`).set('authorization', auth).set('content-type', SCIM_JSON);
  const expectError = (body: unknown, status: number, scimType?: string): void =>
    expect(body).toEqual({ schemas: [SCIM.error], status: String(status), detail: expect.any(String), ...(scimType ? { scimType } : {}) });

  const ana = {
    schemas: [SCIM.user, SCIM.enterprise],
    userName: 'ana@example.com',
    externalId: '00u1a2b3',
    name: { givenName: 'Ana', familyName: 'Alves' },
    emails: [{ value: 'Ana@Example.com', type: 'work', primary: true }],
    roles: [{ value: 'rep' }],
    active: true,
    title: 'Account executive',
  };

  it('D3: POST /Users (application/scim+json) provisions a person: 201, Location, the User with schemas and meta', async () => {
    await scim('post', '/Users').send({ schemas: [SCIM.user], userName: 'max@example.com', displayName: 'Max Meyer', roles: [{ value: 'manager' }] }).expect(201);
    const created = await scim('post', '/Users').send({ ...ana, [SCIM.enterprise]: { manager: { value: 'max@example.com' } } }).expect(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(created.headers['location']).toMatch(/\/scim\/v2\/Users\/ana%40example\.com$/);
    expect(created.body).toMatchObject({
      schemas: [SCIM.user, SCIM.enterprise],
      id: 'ana@example.com',
      userName: 'ana@example.com',
      externalId: '00u1a2b3',
      displayName: 'Ana Alves',
      active: true,
      emails: [{ value: 'ana@example.com', type: 'work', primary: true }],
      roles: [{ value: 'rep' }],
      [SCIM.enterprise]: { manager: { value: 'max@example.com' } },
      meta: { resourceType: 'User', location: created.headers['location'], version: 'W/"1"', created: '2026-01-05T09:00:00.000Z', lastModified: expect.any(String) },
    });
  });

  it('D3: a second user with the same userName is a 409 uniqueness error in SCIM form', async () => {
    const response = await scim('post', '/Users').send(ana).expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
    expectError(response.body, 409, 'uniqueness');
  });

  it('D3: GET /Users?filter=userName eq "…" answers a ListResponse; no match is an empty one', async () => {
    const found = await scim('get', `/Users?filter=${encodeURIComponent('userName eq "ana@example.com"')}`).expect(200);
    expect(found.body).toMatchObject({ schemas: [SCIM.list], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [expect.objectContaining({ id: 'ana@example.com' })] });
    const none = await scim('get', `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`).expect(200);
    expect(none.body).toEqual({ schemas: [SCIM.list], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    const byExternal = await scim('get', `/Users?filter=${encodeURIComponent('externalId eq "00u1a2b3"')}`).expect(200);
    expect(byExternal.body.totalResults).toBe(1);
  });

  it('D3: paging with startIndex and count; totalResults counts all', async () => {
    const page = await scim('get', '/Users?startIndex=2&count=1').expect(200);
    expect(page.body).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1, Resources: [expect.objectContaining({ id: 'max@example.com' })] });
  });

  it('D3: an unsupported filter is a 400 invalidFilter', async () => {
    expectError((await scim('get', `/Users?filter=${encodeURIComponent('name.familyName co "Al"')}`).expect(400)).body, 400, 'invalidFilter');
  });

  it('D3: GET /Users/{id} of an unknown user is a 404 SCIM error', async () => {
    expectError((await scim('get', '/Users/nobody').expect(404)).body, 404);
  });

  it('D2, D3: PATCH active=false (as Entra ID sends it, "False") deactivates the person; it is idempotent', async () => {
    const patch = { schemas: [SCIM.patch], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };
    const response = await scim('patch', '/Users/ana@example.com').send(patch).expect(200);
    expect(response.body).toMatchObject({ id: 'ana@example.com', active: false, meta: { version: 'W/"2"' } });
    await scim('patch', '/Users/ana@example.com').send(patch).expect(200);
    const person = await t.http().get('/api/v1/directory/people/ana@example.com').set('authorization', t.rep).expect(200);
    expect(person.body.active).toBe(false);
    const published = (await t.published()).map((m) => m.event).filter((e) => e.type === 'rapport.directory.person-deactivated.v1');
    expect(published).toEqual([expect.objectContaining({ subject: 'ana@example.com', data: expect.objectContaining({ reason: 'deprovisioned by the identity provider (SCIM)' }) })]);
  });

  it('D3: PATCH without a path replaces several attributes; a read-only or unknown path is refused', async () => {
    const replaced = await scim('patch', '/Users/ana@example.com')
      .send({ schemas: [SCIM.patch], Operations: [{ op: 'replace', value: { active: true, displayName: 'Ana Alves-Berg', 'name.givenName': 'Ana' } }] })
      .expect(200);
    expect(replaced.body).toMatchObject({ active: true, displayName: 'Ana Alves-Berg' });
    expectError((await scim('patch', '/Users/ana@example.com').send({ schemas: [SCIM.patch], Operations: [{ op: 'replace', path: 'userName', value: 'x' }] }).expect(400)).body, 400, 'mutability');
    expectError((await scim('patch', '/Users/ana@example.com').send({ schemas: [SCIM.patch], Operations: [{ op: 'replace', path: 'favouriteColour', value: 'x' }] }).expect(400)).body, 400, 'invalidPath');
    expectError((await scim('patch', '/Users/ana@example.com').send({ schemas: [SCIM.user], Operations: [] }).expect(400)).body, 400, 'invalidSyntax');
  });

  it('D1, D3: a manager who is not an active person is refused as an invalid value naming D1', async () => {
    const response = await scim('patch', '/Users/ana@example.com').send({ schemas: [SCIM.patch], Operations: [{ op: 'add', path: `${SCIM.enterprise}:manager`, value: { value: 'ghost' } }] }).expect(400);
    expectError(response.body, 400, 'invalidValue');
    expect(response.body.detail).toMatch(/^D1: /);
  });

  it('D3: invalid bodies are SCIM errors: an unknown role, a missing userName', async () => {
    expectError((await scim('post', '/Users').send({ ...ana, userName: 'ben@example.com', roles: [{ value: 'boss' }] }).expect(400)).body, 400, 'invalidValue');
    const missing = await scim('post', '/Users').send({ schemas: [SCIM.user] }).expect(400);
    expectError(missing.body, 400, 'invalidValue');
    expect(missing.body.detail).toMatch(/userName/);
  });

  it('D3: only an admin or an integrator token provisions; errors stay SCIM errors', async () => {
    expectError((await scim('get', '/Users', t.rep).expect(403)).body, 403);
    expectError((await t.http().get('/scim/v2/Users').expect(401)).body, 401);
    await scim('get', '/Users', t.admin).expect(200);
  });

  it('D1, D3: POST /Groups creates a team with members; filter by displayName; PATCH adds and removes members', async () => {
    const created = await scim('post', '/Groups').send({ schemas: [SCIM.group], displayName: 'Sales East', members: [{ value: 'ana@example.com' }] }).expect(201);
    expect(created.body).toMatchObject({ schemas: [SCIM.group], id: 'sales-east', displayName: 'Sales East', members: [{ value: 'ana@example.com', display: 'Ana Alves-Berg' }], meta: { resourceType: 'Group' } });
    expect(created.headers['location']).toMatch(/\/scim\/v2\/Groups\/sales-east$/);
    expectError((await scim('post', '/Groups').send({ schemas: [SCIM.group], displayName: 'Sales East' }).expect(409)).body, 409, 'uniqueness');
    expectError((await scim('post', '/Groups').send({ schemas: [SCIM.group], displayName: 'West', members: [{ value: 'ghost' }] }).expect(400)).body, 400, 'invalidValue');

    const found = await scim('get', `/Groups?filter=${encodeURIComponent('displayName eq "Sales East"')}&excludedAttributes=members`).expect(200);
    expect(found.body).toMatchObject({ schemas: [SCIM.list], totalResults: 1, Resources: [{ id: 'sales-east', displayName: 'Sales East' }] });
    expect(found.body.Resources[0].members).toBeUndefined();

    await scim('patch', '/Groups/sales-east').send({ schemas: [SCIM.patch], Operations: [{ op: 'add', path: 'members', value: [{ value: 'max@example.com' }] }] }).expect(200);
    const removed = await scim('patch', '/Groups/sales-east').send({ schemas: [SCIM.patch], Operations: [{ op: 'remove', path: 'members[value eq "ana@example.com"]' }] }).expect(200);
    expect(removed.body.members).toEqual([expect.objectContaining({ value: 'max@example.com' })]);
    const max = await scim('get', '/Users/max@example.com').expect(200);
    expect(max.body.groups).toEqual([expect.objectContaining({ value: 'sales-east' })]);
    const team = await t.http().get('/api/v1/directory/teams/sales-east').set('authorization', t.rep).expect(200);
    expect(team.body).toMatchObject({ timeZone: 'UTC', hours: { mon: [{ from: '00:00', to: '24:00' }] } });
    expectError((await scim('get', '/Groups/nowhere').expect(404)).body, 404);
  });

  it('D2, D3: DELETE /Users/{id} deactivates the person (204); their history stays', async () => {
    await scim('delete', '/Users/max@example.com').expect(204);
    expect((await scim('get', '/Users/max@example.com').expect(200)).body.active).toBe(false);
  });
});
