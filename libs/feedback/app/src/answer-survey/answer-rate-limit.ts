import type { Clock } from '@rapport/platform-eventsourcing';
import { ProblemException } from '@rapport/platform-nest';

export interface AnswerRateLimit {
  /** Answer attempts one client (address) may make per window. */
  readonly perClient: number;
  readonly windowMs: number;
}

export const defaultAnswerRateLimit: AnswerRateLimit = { perClient: 20, windowMs: 60_000 };

/** `FEEDBACK_ANSWER_RATE` (attempts per client per minute, default 20). */
export const answerRateLimitFromEnv = (env: NodeJS.ProcessEnv = process.env): AnswerRateLimit => {
  const n = Number(env['FEEDBACK_ANSWER_RATE']);
  return { ...defaultAnswerRateLimit, perClient: Number.isInteger(n) && n > 0 ? n : defaultAnswerRateLimit.perClient };
};

/**
 * The public answer endpoint has no account behind it, so guessing tokens is slowed here: a fixed window per
 * client address, on the injected clock. Per process: behind several instances the limit is per instance
 * (a gateway's limiter is the place for a global one).
 */
export class AnswerRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: AnswerRateLimit,
    private readonly clock: Clock,
  ) {}

  take(client: string): void {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) for (const [key, w] of this.windows) if (now - w.start >= this.limit.windowMs) this.windows.delete(key);
    const window = this.windows.get(client);
    if (!window || now - window.start >= this.limit.windowMs) {
      this.windows.set(client, { start: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.limit.perClient) {
      const retryAfter = Math.ceil((window.start + this.limit.windowMs - now) / 1000);
      throw new ProblemException(429, 'rate-limited', `too many answers from this client; retry in ${retryAfter} s`, { retryAfterSeconds: retryAfter });
    }
  }
}
