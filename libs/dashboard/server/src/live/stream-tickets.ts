import type { Principal } from '@rapport/platform-nest';
import { randomBytes } from 'node:crypto';

/** Who a ticket was issued to, and until when their stream may stay open. */
export interface StreamGrant {
  readonly principal: Principal;
  /** The stream ends here: the bearer token's expiry, and never more than STREAM_MAX_MS after the ticket. */
  readonly endsAt: number;
}

export const TICKET_TTL_MS = 30_000;
export const STREAM_MAX_MS = 60 * 60_000;
export const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Unredeemed tickets held at most (each lives 30 s): beyond, issuing is refused until some expire. */
export const MAX_OPEN_TICKETS = 10_000;

/**
 * Single-use, short-lived tickets for `GET /app/events` (ADR 0014). EventSource cannot send an Authorization
 * header, so the app trades its bearer token for a ticket (an authenticated POST) and puts the ticket in the
 * stream's URL. A ticket opens one stream, within 30 s: one read from a log or a history is worth nothing.
 * Held in this process's memory, as the stream is.
 */
export class StreamTickets {
  private readonly open = new Map<string, { readonly grant: StreamGrant; readonly expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new ticket, or null when too many are open already. */
  issue(principal: Principal, tokenExpiresAt: number | null): { readonly ticket: string; readonly expiresInSeconds: number } | null {
    this.sweep();
    if (this.open.size >= MAX_OPEN_TICKETS) return null;
    const now = this.now();
    const ticket = randomBytes(32).toString('base64url');
    const endsAt = Math.min(tokenExpiresAt ?? Number.POSITIVE_INFINITY, now + STREAM_MAX_MS);
    this.open.set(ticket, { grant: { principal, endsAt }, expiresAt: now + TICKET_TTL_MS });
    return { ticket, expiresInSeconds: TICKET_TTL_MS / 1_000 };
  }

  /** The grant of a ticket that is known, unused and unexpired — and it is used up now. */
  redeem(ticket: string): StreamGrant | null {
    const entry = this.open.get(ticket);
    if (!entry) return null;
    this.open.delete(ticket);
    const now = this.now();
    return entry.expiresAt > now && entry.grant.endsAt > now ? entry.grant : null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, entry] of this.open) if (entry.expiresAt <= now) this.open.delete(ticket);
  }
}

/** The `exp` of a bearer token the guard has verified already (ms), or null (an API key, a token without one). */
export function bearerExpiry(authorization: string | undefined): number | null {
  const token = /^bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1_000 : null;
  } catch {
    return null;
  }
}
