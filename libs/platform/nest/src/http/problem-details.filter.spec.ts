import type { ArgumentsHost } from '@nestjs/common';
import { EventStoreUnavailableError } from '@rapport/platform-eventsourcing';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Runs the filter on an exception and returns what it answered. */
function answer(exception: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const sent = { status: 0, type: '', body: {} as Record<string, unknown> };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(media: string) {
      sent.type = media;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/api/v1/customers' }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

describe('problem+json answers for what is not a client error', () => {
  it('OPS-3: an engine that is away is a 503 to retry, not a 500', () => {
    const sent = answer(new EventStoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432'));
    expect(sent).toEqual({
      status: 503,
      type: 'application/problem+json',
      body: expect.objectContaining({ status: 503, type: 'https://rapport.dev/problems/unavailable', title: 'Service Unavailable', instance: '/api/v1/customers' }),
    });
    expect(JSON.stringify(sent.body)).not.toContain('5432');
  });

  it('an unexpected error is a 500 that leaks nothing of it', () => {
    const sent = answer(new Error('secret internals at /srv/app.js:12'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });
});
