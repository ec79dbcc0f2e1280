import { createHmac } from 'node:crypto';
import { jwtSecretOf, type RapportEnvironment } from '@rapport/platform-nest';

/**
 * The answer-link secret: `FEEDBACK_ANSWER_SECRET` when set (at least 32 characters), else derived from the
 * token secret under a label of its own, so a bearer token can never pass as an answer token or the reverse.
 */
export function answerSecretOf(env: RapportEnvironment, raw: NodeJS.ProcessEnv = process.env): string {
  const own = raw['FEEDBACK_ANSWER_SECRET'];
  if (own !== undefined && own.length >= 32) return own;
  return createHmac('sha256', jwtSecretOf(env)).update('rapport/feedback/answer-token').digest('base64url');
}
