import type { DomainError, DomainErrorKind } from '@rapport/platform-eventsourcing';

/** RFC 9457 problem details. `errors` names each invalid field; `rule` the business rule that refused. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly rule?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export interface FieldError {
  /** Dotted path of the field in the request body, query or params (`address.city`, `rows.3.phone`). */
  readonly field: string;
  readonly messages: readonly string[];
}

export const PROBLEM_BASE = 'https://rapport.dev/problems';

const STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  forbidden: 403,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleOf = (status: number): string => TITLES[status] ?? 'Error';

/**
 * The one place where a refused business rule becomes an HTTP answer. The rule ID is part of the problem
 * type (`.../problems/C1/duplicate-customer`) so clients can branch on it without parsing prose.
 */
export function problemOfDomainError(error: DomainError): ProblemDetails {
  const status = STATUS[error.kind];
  return {
    type: `${PROBLEM_BASE}/${error.rule ? `${error.rule}/` : ''}${error.code}`,
    title: titleOf(status),
    status,
    detail: error.message,
    ...(error.rule ? { rule: error.rule } : {}),
    ...(error.details ?? {}),
  };
}
