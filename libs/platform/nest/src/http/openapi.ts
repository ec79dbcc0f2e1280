import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, PathItemObject, ReferenceObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IDEMPOTENCY_KEY } from './idempotency.interceptor';
import { addValidationConstraints } from './openapi-constraints';
import { titleOf } from './problem-details';

/** Path parameters that are UUIDs under a path prefix (services declare theirs at load, as their pipes enforce). */
const uuidPathParameters: { readonly prefix: string; readonly names: readonly string[] }[] = [];
export const declareUuidPathParameters = (prefix: string, ...names: readonly string[]): void => void uuidPathParameters.push({ prefix, names });
const isUuidParameter = (path: string, name: string): boolean => uuidPathParameters.some((d) => path.startsWith(d.prefix) && d.names.includes(name));

const PROBLEM_JSON = 'application/problem+json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    rule: { type: 'string', description: 'The business rule that refused (C1 …)' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field',
      items: { type: 'object', required: ['field', 'messages'], properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } } },
    },
    limit: { description: 'The limit that was exceeded (413, 400 for depth)' },
    accepted: { type: 'array', items: { type: 'string' }, description: 'What would have been accepted (415)' },
  },
  additionalProperties: true,
};

const WHY: Record<number, string> = {
  400: 'invalid input: a field, the query, a path parameter, a header or a malformed body (problem+json naming it)',
  401: 'no valid credentials (a bearer token or an X-API-Key)',
  403: 'the caller lacks the role or the right for this customer',
  404: 'no such resource, or none the caller may see',
  409: 'a conflict: a rule (problem+json names it), or a request with this Idempotency-Key still in flight',
  413: 'the body, or its row count, exceeds a limit (problem+json naming the limit)',
  415: 'the body is not JSON in UTF-8 (or CSV where accepted), or is compressed',
  422: 'a business rule refused (problem+json names it), or this Idempotency-Key was used for another request',
  503: 'a storage engine (event store, read models) is not reachable yet, at boot or while it restarts; retry later',
};

const problem = (status: number, description = WHY[status] ?? titleOf(status)): ResponseObject => ({
  description,
  content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

const isReference = (value: unknown): value is ReferenceObject => typeof value === 'object' && value !== null && '$ref' in value;

/**
 * Makes the document say what the platform does for every operation, whatever the service: the statuses its
 * guard, pipes, body parsing and idempotency answer (as problem+json), the security each route really needs
 * (none for /health and /ready; a bearer token or an API key elsewhere), the Idempotency-Key header on
 * commands, and UUID path parameters declared as such.
 */
export function completeDocument(document: OpenAPIObject, publicOperations: ReadonlySet<string>): OpenAPIObject {
  const schemas: Record<string, unknown> = { ...document.components?.schemas, Problem: PROBLEM_SCHEMA };
  addValidationConstraints(schemas);
  document.components = { ...document.components, schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'] };
  for (const [path, item] of Object.entries(document.paths) as [string, PathItemObject][]) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(path, method, operation, publicOperations.has(`${method.toUpperCase()} ${path}`));
    }
  }
  return document;
}

function completeOperation(path: string, method: (typeof METHODS)[number], operation: OperationObject, isPublic: boolean): void {
  operation.security = isPublic ? [] : [{ bearer: [] }, { 'api-key': [] }];
  const parameters = (operation.parameters ?? []).filter((p): p is ParameterObject => !isReference(p));
  for (const parameter of parameters) {
    if (parameter.in === 'path' && isUuidParameter(path, parameter.name)) parameter.schema = { type: 'string', format: 'uuid' };
  }
  if (UNSAFE.has(method) && !isPublic && !parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
    operation.parameters = [
      ...(operation.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Retry-safe key (IETF draft): a repeat of the same request returns the original answer with Idempotent-Replayed: true',
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
      },
    ];
  }
  const statuses = [
    ...(isPublic ? [] : [400, 401, 403, 503]),
    ...(parameters.some((p) => p.in === 'path') ? [404] : []),
    ...(operation.requestBody ? [413, 415] : []),
    ...(UNSAFE.has(method) && !isPublic ? [409, 422] : []),
  ];
  const responses = operation.responses;
  // A service may answer its own errors in another media type (SCIM: application/scim+json); the platform's
  // answers before its routes run (body limits, media types) are problem+json. Both are declared.
  const ownErrorTypes = Object.entries(responses)
    .filter(([status, response]) => status.startsWith('4') && !isReference(response))
    .flatMap(([, response]) => Object.keys((response as ResponseObject).content ?? {}))
    .filter((type) => type !== PROBLEM_JSON);
  for (const status of statuses) {
    const existing = responses[status];
    if (isReference(existing)) continue;
    const declared = problem(status, existing?.description);
    for (const type of ownErrorTypes) declared.content![type] ??= { schema: {} };
    responses[status] = { ...declared, content: { ...declared.content, ...existing?.content } };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (response && status.startsWith('4') && !isReference(response) && response.content && !response.content[PROBLEM_JSON]) {
      response.content[PROBLEM_JSON] = { schema: { $ref: '#/components/schemas/Problem' } };
    }
  }
}
