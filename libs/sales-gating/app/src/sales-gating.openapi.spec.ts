import { CustomerEventTypes } from '@rapport/customers-contracts';
import { FeedbackEventTypes } from '@rapport/feedback-contracts';
import { startSalesGatingTestApp, START, type SalesGatingTestApp } from './testing/sales-gating-test-app';

type Operation = { responses: Record<string, unknown> };
type Doc = { paths: Record<string, Record<string, Operation>> };

const ROUTES = [
  'POST /api/v1/sales-gating/checks',
  'POST /api/v1/sales-gating/checks/batch',
  'POST /api/v1/sales-gating/customers/{customerId}/attempts',
  'POST /api/v1/sales-gating/customers/{customerId}/quotes',
  'GET /api/v1/sales-gating/customers/{customerId}/gate',
  'GET /api/v1/sales-gating/customers/{customerId}/ledger',
  'GET /api/v1/sales-gating/targets',
  'GET /api/v1/sales-gating/holds',
  'GET /api/v1/sales-gating/map',
  'GET /api/v1/sales-gating/policy',
  'PUT /api/v1/sales-gating/policy',
  'POST /api/v1/sales-gating/what-if',
];

/** Odd bodies a fuzzer sends: none may be answered with a 5xx. */
const ODD_BODIES: readonly unknown[] = [
  {},
  [],
  'text',
  { customerId: 'c-1', repId: 'rep-ana', product: '', customerAsked: 'yes' },
  { customerId: 'c-1', product: 'x'.repeat(5_000) },
  { checks: [{ customerId: 'c-1' }, null, 7] },
  { checks: 'all' },
  { pitch: true, outcome: 'not-now', notNowUntil: '9999-12-31T23:59:59Z' },
  { pitch: true, outcome: 'not-now', notNowUntil: '0001-01-01T00:00:00Z' },
  { pitch: 1, outcome: null, attemptId: '\u0000' },
  { product: 'seats', amount: 1e308, currency: 'EUR' },
  { product: 'seats', amount: 5e-324, currency: 'eur' },
  { product: 'seats', amount: 10, currency: 'EUR', repId: 'rep-zed' },
  { version: 'v-odd', quadrant: { highNpsFrom: 7, highShareFrom: 0.5, unknownShareAs: 'low' }, turnaroundMinNps: 7, pressure: { salesAttemptsPerDay: 1, pitchSpacingDays: 14, afterRejectionDays: 14, maxSnoozeDays: 10, defaultSnoozeDays: 30 }, surveyIntervalDays: 90, reason: 'x' },
  { version: 'gating-2026.1', quadrant: { highNpsFrom: 7, highShareFrom: 0.5, unknownShareAs: 'low' }, turnaroundMinNps: 8, pressure: { salesAttemptsPerDay: 1, pitchSpacingDays: 14, afterRejectionDays: 14, maxSnoozeDays: 180, defaultSnoozeDays: 30 }, surveyIntervalDays: 90, reason: 'x' },
  { version: 'v3', quadrant: { highNpsFrom: 7, highShareFrom: 5e-324, unknownShareAs: 'low' }, turnaroundMinNps: 7, pressure: { salesAttemptsPerDay: 1, pitchSpacingDays: 14, afterRejectionDays: 14, maxSnoozeDays: 180, defaultSnoozeDays: 30 }, surveyIntervalDays: 90, reason: 'x' },
  { version: 'v2', quadrant: null, turnaroundMinNps: 1e19, pressure: [], surveyIntervalDays: -1, reason: '' },
];

describe('OpenAPI document of the sales-gating service, and odd input (never a 5xx)', () => {
  let t: SalesGatingTestApp;
  beforeAll(async () => {
    t = await startSalesGatingTestApp();
    await t.customers(CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'customer c-1', registeredAt: START.toISOString() });
    await t.feedback(FeedbackEventTypes.surveyAnswered, 'c-1', {
      surveyId: 's-1', customerId: 'c-1', score: 9, category: 'promoter', categories: [], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: START.toISOString(),
    });
    await t.gateOf('c-1', (d) => d.status === 'TARGET');
  });
  afterAll(async () => t?.close());

  it('documents every command and query under /api/v1/sales-gating, each with its success and problem answers', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as Doc;
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.filter((r) => r.includes('/api/v1/sales-gating')).sort()).toEqual([...ROUTES].sort());
    for (const route of ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      const statuses = Object.keys(doc.paths[path]![method.toLowerCase()]!.responses);
      expect({ route, statuses }).toEqual({ route, statuses: expect.arrayContaining(['200', '400', '401', '403', '503']) });
    }
  });

  it('every operation answers odd bodies, ids and queries with a 4xx problem, never a 5xx', async () => {
    const callers = [t.as('rep-ana', 'rep'), t.as('rep-zed', 'rep'), t.as('manager-max', 'manager'), t.as('dialer', 'integrator')];
    const ids = ['c-1', 'c-unknown', '%20', 'x'.repeat(101), '%00'];
    const failures: string[] = [];
    for (const route of ROUTES.filter((r) => !r.startsWith('GET'))) {
      const [method, template] = route.split(' ') as ['POST' | 'PUT', string];
      for (const id of template.includes('{customerId}') ? ids : ['-']) {
        for (const odd of ODD_BODIES) {
          for (const auth of callers) {
            const path = template.replace('{customerId}', id);
            const call = method === 'PUT' ? t.http().put(path) : t.http().post(path);
            const response = await call.set('authorization', auth).send(odd as object);
            if (response.status >= 500) failures.push(`${route} ${id} ${JSON.stringify(odd).slice(0, 60)} → ${response.status}`);
            else if (response.status >= 400) expect(response.headers['content-type']).toMatch(/problem\+json/);
          }
        }
      }
    }
    for (const query of ['limit=-1', 'limit=abc', 'limit=1e19', 'ownerId=', 'ownerId=%00', 'ownerId=rep-ana&extra=1']) {
      for (const path of ['/api/v1/sales-gating/targets', '/api/v1/sales-gating/holds', '/api/v1/sales-gating/map', '/api/v1/sales-gating/policy']) {
        for (const auth of callers) {
          const response = await t.http().get(`${path}?${query}`).set('authorization', auth);
          if (response.status >= 500) failures.push(`GET ${path}?${query} → ${response.status}`);
        }
      }
    }
    for (const id of ids) {
      for (const path of [`/api/v1/sales-gating/customers/${id}/gate`, `/api/v1/sales-gating/customers/${id}/ledger`]) {
        const response = await t.http().get(path).set('authorization', callers[2]!);
        if (response.status >= 500) failures.push(`GET ${path} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
