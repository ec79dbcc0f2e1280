import { startFeedbackTestApp, type FeedbackTestApp } from './testing/feedback-test-app';

type Operation = { security?: unknown[]; responses: Record<string, unknown> };

describe('OpenAPI document of the feedback service', () => {
  let t: FeedbackTestApp;
  beforeAll(async () => {
    t = await startFeedbackTestApp();
  });
  afterAll(async () => t?.close());

  it('documents every command and query, the answer endpoint as public, and a 400 wherever input is taken', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    const feedback = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/feedback'));
    const routes = feedback.flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'POST /api/v1/feedback/customers/{customerId}/surveys',
        'POST /api/v1/feedback/relationship-waves',
        'POST /api/v1/feedback/surveys/{surveyId}/answers',
        'POST /api/v1/feedback/loops/{loopId}/steps',
        'POST /api/v1/feedback/loops/{loopId}/close',
        'GET /api/v1/feedback/loops/{loopId}',
        'GET /api/v1/feedback/survey-definitions/{definitionId}',
        'POST /api/v1/feedback/survey-definitions/{definitionId}/versions',
        'POST /api/v1/feedback/survey-definitions/{definitionId}/versions/{version}/release',
        'GET /api/v1/feedback/nps',
        'GET /api/v1/feedback/nps/trend',
        'GET /api/v1/feedback/detractors',
        'GET /api/v1/feedback/customers/{customerId}/history',
        'GET /api/v1/feedback/issues',
        'GET /api/v1/feedback/pipeline',
      ].sort(),
    );
    const answer = doc.paths['/api/v1/feedback/surveys/{surveyId}/answers']!['post']!;
    expect(answer.security).toEqual([]);
    expect(Object.keys(answer.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '404', '409', '429']));
    for (const [path, methods] of feedback) {
      for (const [method, operation] of Object.entries(methods)) {
        const takesInput = method === 'post' || path.includes('{') || ['/api/v1/feedback/nps', '/api/v1/feedback/nps/trend', '/api/v1/feedback/detractors'].includes(path);
        if (takesInput) expect({ route: `${method} ${path}`, has400: '400' in operation.responses }).toEqual({ route: `${method} ${path}`, has400: true });
      }
    }
  });
});
