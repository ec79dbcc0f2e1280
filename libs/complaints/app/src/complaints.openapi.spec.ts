import { startComplaintsTestApp, type ComplaintsTestApp } from './testing/complaints-test-app';

type Operation = { responses: Record<string, unknown> };
type Doc = { paths: Record<string, Record<string, Operation>> };

const ROUTES = [
  'POST /api/v1/complaints',
  'GET /api/v1/complaints/{complaintId}',
  'GET /api/v1/complaints/{complaintId}/record',
  'POST /api/v1/complaints/{complaintId}/acknowledgement',
  'POST /api/v1/complaints/{complaintId}/steps',
  'POST /api/v1/complaints/{complaintId}/waiting-on-customer',
  'POST /api/v1/complaints/{complaintId}/customer-reply',
  'POST /api/v1/complaints/{complaintId}/transfer',
  'POST /api/v1/complaints/{complaintId}/root-cause',
  'POST /api/v1/complaints/{complaintId}/concession-approvals',
  'POST /api/v1/complaints/{complaintId}/concessions',
  'POST /api/v1/complaints/{complaintId}/resolution',
  'POST /api/v1/complaints/{complaintId}/resolution/confirmation',
  'POST /api/v1/complaints/{complaintId}/resolution/rejection',
  'GET /api/v1/complaints/sla-board',
  'GET /api/v1/complaints/queue',
  'GET /api/v1/complaints/by-customer/{customerId}',
  'GET /api/v1/complaints/trends',
];

/** Odd bodies a fuzzer sends: none may be answered with a 5xx. */
const ODD_BODIES: readonly unknown[] = [
  {},
  [],
  'text',
  { message: 12, note: null, replyToCustomer: 'yes', workMinutes: 1e308, question: {}, summary: [], toOwnerId: 5, reason: '\u0000' },
  { kind: 'other', code: 'NOT A CODE', detail: 'x'.repeat(5_000), responsibleTeamId: '' },
  { approvalId: 'x', maxAmount: -1, reason: '' },
  { concessionId: '6a0e8f4e-2b0c-4d7e-9a51-0c1d2e3f4a5b', amount: 5e-324, description: 'x', approvalId: null },
  { resolution: '   ', satisfaction: 6, comment: 7 },
  { customerId: 'x'.repeat(101), channel: 'email', category: 'billing', severity: 'low', description: 'x', complaintId: 'nope' },
];

describe('OpenAPI document of the complaints service, and odd input (never a 5xx)', () => {
  let t: ComplaintsTestApp;
  beforeAll(async () => {
    t = await startComplaintsTestApp();
  });
  afterAll(() => t.close());

  it('documents every command and query under /api/v1/complaints, each with its success and problem answers', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as Doc;
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.filter((r) => r.includes('/api/v1/complaints')).sort()).toEqual([...ROUTES].sort());
    for (const route of ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      const statuses = Object.keys(doc.paths[path]![method.toLowerCase()]!.responses);
      expect({ route, statuses }).toEqual({ route, statuses: expect.arrayContaining([method === 'POST' && path === '/api/v1/complaints' ? '201' : '200', '400', '401', '403']) });
    }
  });

  it('every operation answers odd bodies, ids and queries with a 4xx problem, never a 5xx', async () => {
    const ana = t.as('rep-ana', 'rep');
    const max = t.as('manager-max', 'manager');
    const { body } = await t.http().post('/api/v1/complaints').set('authorization', ana).send({ customerId: 'c-odd', channel: 'web', category: 'staff', severity: 'high', description: 'rude' }).expect(201);
    const ids = [body.complaintId as string, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%00'];
    const failures: string[] = [];
    for (const route of ROUTES.filter((r) => r.startsWith('POST'))) {
      for (const id of ids) {
        for (const odd of ODD_BODIES) {
          for (const auth of [ana, max]) {
            const path = route.slice(5).replace('{complaintId}', id);
            const response = await t.http().post(path).set('authorization', auth).send(odd as object);
            if (response.status >= 500) failures.push(`${route} ${id} ${JSON.stringify(odd).slice(0, 60)} → ${response.status}`);
          }
        }
      }
    }
    for (const query of ['limit=-1', 'limit=abc', 'offset=1e19', 'ownerId=', 'from=2026-13-01', 'from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'to=9999-12-31T23:59:59Z']) {
      for (const path of ['/api/v1/complaints/sla-board', '/api/v1/complaints/queue', '/api/v1/complaints/trends', '/api/v1/complaints/by-customer/%20']) {
        const response = await t.http().get(`${path}?${query}`).set('authorization', max);
        if (response.status >= 500) failures.push(`GET ${path}?${query} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
