import { startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }; security?: unknown };

/** The OpenAPI document says what the service does (SEC-6); schemathesis (tools/fuzz) checks the rest against the running app. */
describe('OpenAPI document conformance (SEC-6)', () => {
  let t: CustomersTestApp;
  let doc: Doc;
  let operations: [string, Operation][];
  beforeAll(async () => {
    t = await startCustomersTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body as Doc;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]): [string, Operation] => [`${m.toUpperCase()} ${path}`, op]));
  });
  afterAll(() => t.close());

  it('SEC-6: /health and /ready need no credentials; every other operation accepts a bearer token or the API key; the service agrees', async () => {
    expect(doc.security ?? []).toEqual([]);
    const open = operations.filter(([, op]) => op.security?.length === 0).map(([route]) => route);
    expect(open).toEqual(expect.arrayContaining(['GET /health', 'GET /ready']));
    for (const [route, op] of operations) {
      if (!open.includes(route)) expect({ route, security: op.security }).toEqual({ route, security: [{ bearer: [] }, { 'api-key': [] }] });
    }
    // What the document says is open answers without credentials; what it says is secured asks for them.
    for (const route of open.filter((r) => r.startsWith('GET ') && !r.includes('{'))) {
      expect({ route, status: (await t.http().get(route.slice(4))).status }).not.toEqual({ route, status: 401 });
    }
    for (const route of operations.map(([r]) => r).filter((r) => !open.includes(r) && r.startsWith('GET ') && !r.includes('{'))) {
      expect({ route, status: (await t.http().get(route.slice(4))).status }).toEqual({ route, status: 401 });
    }
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer', 'api-key']));
  });

  it('SEC-6: customer and import ids are declared as UUIDs', () => {
    const ids = operations.flatMap(([route, op]) => (op.parameters ?? []).filter((p) => p.in === 'path' && ['customerId', 'importId'].includes(p.name)).map((p) => ({ route, format: p.schema?.format })));
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id).toEqual({ route: id.route, format: 'uuid' });
  });

  it('SEC-6: every secured operation declares 400, 401 and 403; commands 409, 422, 413 and 415; routes with ids 404 — as problem+json', () => {
    for (const [route, op] of operations) {
      if (op.security?.length === 0) continue;
      const expected = ['400', '401', '403'];
      if (/^(POST|PATCH|PUT|DELETE) /.test(route)) expected.push('409', '422');
      if (op.requestBody) expected.push('413', '415');
      if ((op.parameters ?? []).some((p) => p.in === 'path')) expected.push('404');
      expect({ route, statuses: Object.keys(op.responses) }).toEqual({ route, statuses: expect.arrayContaining(expected) });
      for (const status of expected) expect(op.responses[status]!.content).toHaveProperty(['application/problem+json']);
    }
  });

  it('SEC-6: statuses the service answers for bad input are declared on the operation that answers them', async () => {
    const undeclared: string[] = [];
    const check = async (route: string, response: { status: number }) => {
      const [method, path] = route.split(' ') as [string, string];
      const op = doc.paths[path]![method.toLowerCase()]!;
      if (!op.responses[String(response.status)]) undeclared.push(`${route} → ${response.status}`);
    };
    await check('POST /api/v1/customers', await t.http().post('/api/v1/customers').send({}));
    await check('POST /api/v1/customers', await t.http().post('/api/v1/customers').set('authorization', t.rep).type('form').send('name=x'));
    await check('POST /api/v1/customers/imports', await t.http().post('/api/v1/customers/imports').set('authorization', t.rep).send({ rows: Array.from({ length: 10_001 }, () => ({})) }));
    await check('GET /api/v1/customers/{customerId}', await t.http().get('/api/v1/customers/00000000-0000-4000-8000-000000000000').set('authorization', t.rep));
    await check('GET /api/v1/customers/imports/{importId}', await t.http().get('/api/v1/customers/imports/not-a-uuid').set('authorization', t.rep));
    expect(undeclared).toEqual([]);
  });

  it('SEC-6: input schemas state what the validators enforce: lengths, enums, nullable optionals, no unknown properties', () => {
    const schema = doc.components.schemas['LogContactDto'] as { additionalProperties?: boolean; properties: Record<string, { enum?: unknown[]; maxLength?: number; nullable?: boolean }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['channel']!.enum).toEqual(expect.arrayContaining(['call', 'visit']));
    expect(schema.properties['notes']).toMatchObject({ maxLength: expect.any(Number), nullable: true });
  });

  it('SEC-6: a method a resource does not support is a 405 naming the ones it does', async () => {
    const response = await t.http().put('/api/v1/customers/00000000-0000-4000-8000-000000000000').set('authorization', t.rep).send({});
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD');
    const csv = await t.http().get('/api/v1/customers/imports/csv').set('authorization', t.rep);
    expect([csv.status, csv.headers['allow']]).toEqual([405, 'POST']);
  });
});
