import { createHmac } from 'node:crypto';
import { requireTokenFor, signAnswerToken, verifyAnswerToken } from './answer-token';

const secret = 'feedback-test-secret-0123456789abcdef';
const claims = { surveyId: 's-1', customerId: 'c-1', expiresAt: '2026-03-15T09:00:00.000Z' };
const before = new Date('2026-03-10T09:00:00.000Z');
const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('answer tokens (F4: one answer per survey, no account)', () => {
  it('F4: a token signed for a survey verifies until it expires', () => {
    expect(verifyAnswerToken(signAnswerToken(claims, secret), secret, before)).toEqual(claims);
    expect(refusal(() => verifyAnswerToken(signAnswerToken(claims, secret), secret, new Date(claims.expiresAt)))).toMatchObject({ code: 'answer-token-expired' });
  });

  it('F4: a forged or altered token is refused', () => {
    const token = signAnswerToken(claims, secret);
    const [prefix, , signature] = token.split('.');
    const altered = `${prefix}.${Buffer.from(JSON.stringify({ s: 's-1', c: 'c-1', e: '2099-01-01T00:00:00.000Z' })).toString('base64url')}.${signature}`;
    for (const bad of [altered, signAnswerToken(claims, 'another-secret-0123456789abcdefghij'), 'nonsense', '', `${token}x`]) {
      expect(refusal(() => verifyAnswerToken(bad, secret, before))).toMatchObject({ code: 'answer-token-invalid', kind: 'forbidden' });
    }
  });

  it('F4: a correctly signed token whose claims are not ids and an expiry is refused, not a crash', () => {
    const sign = (payload: string): string => {
      const body = Buffer.from(payload).toString('base64url');
      // Signed as the service would, to prove the claims are checked after the signature.
      const signature = createHmac('sha256', secret).update(`fb1.${body}`).digest('base64url');
      return `fb1.${body}.${signature}`;
    };
    for (const payload of ['null', '42', '"s"', '[]', '{"s":1,"c":"c-1","e":"2026-03-15T09:00:00.000Z"}', '{"s":"s-1","c":"c-1","e":"soon"}']) {
      expect(refusal(() => verifyAnswerToken(sign(payload), secret, before))).toMatchObject({ code: 'answer-token-invalid' });
    }
  });

  it('F4: a token carries ids and expiry only: no personal data', () => {
    const payload = JSON.parse(Buffer.from(signAnswerToken(claims, secret).split('.')[1]!, 'base64url').toString('utf8')) as object;
    expect(Object.keys(payload).sort()).toEqual(['c', 'e', 's']);
  });

  it("F4: a token is bound to its survey and its customer: another customer's token is refused", () => {
    expect(() => requireTokenFor(claims, { surveyId: 's-1', customerId: 'c-1' })).not.toThrow();
    expect(refusal(() => requireTokenFor(claims, { surveyId: 's-2', customerId: 'c-2' }))).toMatchObject({ code: 'answer-token-not-for-this-survey' });
    expect(refusal(() => requireTokenFor({ ...claims, customerId: 'c-2' }, { surveyId: 's-1', customerId: 'c-1' }))).toMatchObject({ code: 'answer-token-not-for-this-survey' });
  });
});
