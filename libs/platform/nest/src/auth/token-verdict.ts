import type { Principal } from './principal';

/**
 * What checking a credential concluded. A refusal carries a reason meant for the caller: it says what is
 * wrong with *their* token (expired, wrong audience, another server's secret) and nothing about ours.
 */
export type TokenVerdict = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly reason: string };

export const accepted = (principal: Principal): TokenVerdict => ({ ok: true, principal });
export const refused = (reason: string): TokenVerdict => ({ ok: false, reason });
