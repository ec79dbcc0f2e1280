import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@rapport/platform-eventsourcing';

/**
 * The answer link's token: `<claims>.<signature>`, both base64url. The claims are the survey id, the customer
 * id (pseudonymous ids, no personal data) and the expiry; the signature is an HMAC-SHA256 under the service's
 * secret. The token is derived from the survey-sent facts, so it is never stored and every copy is the same.
 * Single use is the survey's own state: an answered survey refuses a second answer.
 */
export interface AnswerTokenClaims {
  readonly surveyId: string;
  readonly customerId: string;
  readonly expiresAt: string;
}

const PREFIX = 'fb1';
const b64 = (value: Buffer | string): string => Buffer.from(value).toString('base64url');
const sign = (payload: string, secret: string): string => createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest('base64url');

export function signAnswerToken(claims: AnswerTokenClaims, secret: string): string {
  const payload = b64(JSON.stringify({ s: claims.surveyId, c: claims.customerId, e: claims.expiresAt }));
  return `${PREFIX}.${payload}.${sign(payload, secret)}`;
}

const refuse = (code: string, message: string): DomainError => new DomainError('forbidden', code, message, 'F4');

/** Checks signature, shape and expiry; binding to the survey and its customer is checked against the stored survey. */
export function verifyAnswerToken(token: string, secret: string, now: Date): AnswerTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) throw refuse('answer-token-invalid', 'the answer token is not one this service issued');
  const [, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse('answer-token-invalid', 'the answer token is not one this service issued');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refuse('answer-token-invalid', 'the answer token is not one this service issued');
  }
  const claims = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { s?: unknown; c?: unknown; e?: unknown };
  if (typeof claims.s !== 'string' || typeof claims.c !== 'string' || typeof claims.e !== 'string' || Number.isNaN(Date.parse(claims.e))) {
    throw refuse('answer-token-invalid', 'the answer token is not one this service issued');
  }
  if (now.getTime() >= Date.parse(claims.e)) throw new DomainError('conflict', 'answer-token-expired', 'the answer link has expired', 'F4');
  return { surveyId: claims.s, customerId: claims.c, expiresAt: claims.e };
}

/** The token must be the one issued for this survey of this customer (not another customer's, not another survey's). */
export function requireTokenFor(claims: AnswerTokenClaims, survey: { readonly surveyId: string; readonly customerId: string }): void {
  if (claims.surveyId !== survey.surveyId || claims.customerId !== survey.customerId) {
    throw refuse('answer-token-not-for-this-survey', 'the answer token was issued for another survey');
  }
}
