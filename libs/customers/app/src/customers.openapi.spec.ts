import { startCustomersTestApp, type CustomersTestApp } from '../test/customers-test-app';

describe('OpenAPI document of the customers service', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());

  it('documents every command and query under /api/v1/customers, with the request fields', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: object }> } };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/customers',
        'GET /api/v1/customers',
        'POST /api/v1/customers/imports',
        'POST /api/v1/customers/imports/csv',
        'GET /api/v1/customers/imports/{importId}',
        'POST /api/v1/customers/sweeps',
        'GET /api/v1/customers/book',
        'GET /api/v1/customers/duplicates',
        'GET /api/v1/customers/reclaimable',
        'GET /api/v1/customers/{customerId}',
        'GET /api/v1/customers/{customerId}/history',
        'POST /api/v1/customers/{customerId}/ownership/transfer',
        'POST /api/v1/customers/{customerId}/collaborators',
        'DELETE /api/v1/customers/{customerId}/collaborators/{collaboratorId}',
        'POST /api/v1/customers/{customerId}/reclaim',
        'POST /api/v1/customers/{customerId}/contacts',
        'POST /api/v1/customers/{customerId}/grade',
        'POST /api/v1/customers/{customerId}/purchases',
        'POST /api/v1/customers/{customerId}/category-spend',
        'PATCH /api/v1/customers/{customerId}/card',
        'POST /api/v1/customers/{customerId}/card/confirmations',
        'POST /api/v1/customers/{customerId}/referrer',
        'POST /api/v1/customers/{customerId}/merge',
        'POST /api/v1/customers/{customerId}/unmerge',
        'POST /api/v1/customers/{customerId}/win-back',
        'POST /api/v1/customers/{customerId}/win-back/background',
        'POST /api/v1/customers/{customerId}/win-back/decision-maker',
        'POST /api/v1/customers/{customerId}/win-back/answers',
        'POST /api/v1/customers/{customerId}/win-back/root-cause',
        'POST /api/v1/customers/{customerId}/win-back/worth-it',
        'POST /api/v1/customers/{customerId}/win-back/follow-up',
        'POST /api/v1/customers/{customerId}/win-back/outcome',
      ]),
    );
    expect(Object.keys(doc.components.schemas['LogContactDto']!.properties!)).toEqual(
      expect.arrayContaining(['channel', 'direction', 'outcome', 'notes', 'nextStep', 'nextStepAt', 'occurredAt']),
    );
  });
});
