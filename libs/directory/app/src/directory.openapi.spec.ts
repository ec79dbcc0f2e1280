import { startDirectoryTestApp, type DirectoryTestApp } from './testing/directory-test-app';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

describe('OpenAPI document of the directory (D1–D3, SEC-6)', () => {
  let t: DirectoryTestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await startDirectoryTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body as Doc;
  });
  afterAll(() => t.close());
  const routes = (): string[] => Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));

  it('documents the admin API and SCIM', () => {
    expect(routes()).toEqual(
      expect.arrayContaining([
        'POST /api/v1/directory/people',
        'GET /api/v1/directory/people',
        'GET /api/v1/directory/people/{personId}',
        'PATCH /api/v1/directory/people/{personId}',
        'POST /api/v1/directory/people/{personId}/deactivation',
        'POST /api/v1/directory/people/{personId}/reactivation',
        'PUT /api/v1/directory/teams/{teamId}',
        'GET /api/v1/directory/teams',
        'GET /api/v1/directory/teams/{teamId}',
        'POST /scim/v2/Users',
        'GET /scim/v2/Users',
        'GET /scim/v2/Users/{id}',
        'PATCH /scim/v2/Users/{id}',
        'DELETE /scim/v2/Users/{id}',
        'POST /scim/v2/Groups',
        'GET /scim/v2/Groups',
        'GET /scim/v2/Groups/{id}',
        'PATCH /scim/v2/Groups/{id}',
      ]),
    );
  });

  it('D3: SCIM operations declare their errors as SCIM Error messages (application/scim+json), the admin API as problem+json', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (path.startsWith('/scim/')) {
          for (const status of ['400', '401', '403', ...(path.endsWith('{id}') ? ['404'] : [])]) {
            // The platform's own refusals before routing (malformed JSON, a body too deep) stay problem+json.
            expect({ route, status, types: Object.keys(op.responses[status]?.content ?? {}) }).toEqual({ route, status, types: expect.arrayContaining(['application/scim+json']) });
          }
        } else if (path.startsWith('/api/v1/directory')) {
          expect({ route, types: Object.keys(op.responses['403']?.content ?? {}) }).toEqual({ route, types: ['application/problem+json'] });
        }
      }
    }
  });

  it('SEC-6: the statuses answered for bad input are declared on the operation', async () => {
    const undeclared: string[] = [];
    const check = (route: string, status: number): void => {
      const [method, path] = route.split(' ') as [string, string];
      if (!doc.paths[path]![method.toLowerCase()]!.responses[String(status)]) undeclared.push(`${route} → ${status}`);
    };
    check('GET /api/v1/directory/people/{personId}', (await t.http().get('/api/v1/directory/people/has%20space').set('authorization', t.rep)).status);
    check('GET /api/v1/directory/people/{personId}', (await t.http().get('/api/v1/directory/people/nobody').set('authorization', t.rep)).status);
    check('PUT /api/v1/directory/teams/{teamId}', (await t.http().put('/api/v1/directory/teams/x').set('authorization', t.admin).send({ name: 'X', timeZone: 'Nowhere/Else' })).status);
    check('GET /scim/v2/Users', (await t.http().get('/scim/v2/Users?filter=bad').set('authorization', t.idp)).status);
    check('PATCH /scim/v2/Users/{id}', (await t.http().patch('/scim/v2/Users/nobody').set('authorization', t.idp).send({ schemas: [], Operations: [] })).status);
    expect(undeclared).toEqual([]);
  });
});
