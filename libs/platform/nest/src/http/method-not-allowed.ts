import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_BASE } from './problem-details';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/**
 * RFC 9110 §15.5.6: a method the resource does not support is a 405 naming those it does (`Allow`), not a
 * 404 that says the resource is missing. Resources and their methods are read from the OpenAPI document,
 * which is how clients learn them too.
 */
export function refuseUnsupportedMethods(app: INestApplication, document: OpenAPIObject): void {
  const resources = Object.entries(document.paths).map(([path, item]) => {
    const allowed = METHODS.filter((m) => (item as Record<string, unknown>)[m] !== undefined).map((m) => m.toUpperCase());
    if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.push('HEAD');
    const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}/?$`);
    // A template with fewer parameters is more specific: `/imports/csv` before `/imports/{importId}`.
    return { pattern, allowed, parameters: (path.match(/\{/g) ?? []).length };
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const matching = resources.filter((r) => r.pattern.test(request.path));
    if (matching.length === 0) return next();
    const fewest = Math.min(...matching.map((r) => r.parameters));
    const allowed = [...new Set(matching.filter((r) => r.parameters === fewest).flatMap((r) => r.allowed))];
    if (allowed.includes(request.method)) return next();
    response.setHeader('Allow', allowed.join(', '));
    response
      .status(405)
      .type('application/problem+json')
      .json({ type: `${PROBLEM_BASE}/method-not-allowed`, title: 'Method Not Allowed', status: 405, detail: `${request.method} is not supported here; allowed: ${allowed.join(', ')}`, instance: request.originalUrl });
  });
}
