import { DomainError, type Decider, type DomainEvent } from '@rapport/platform-eventsourcing';
import { domainToASCII } from 'node:url';
import type { CommandActor } from './customer.commands';

/**
 * C1: one record per customer. Each normalised phone and email is a key with its own small stream
 * (`contact-key-phone:+14155550100`) that at most one customer holds. Claiming a key is an append with
 * an expected version, so of two reps registering the same phone at the same instant exactly one wins;
 * the other's attempt is re-decided against the winner's claim and recorded as a refusal.
 */
export type ContactKeyKind = 'phone' | 'email';

// Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, lower case): in a Latin address
// they are a disguise, not a different address.
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
};
// Code points that render as nothing (zero-width space, joiners, word joiner, BOM, soft hyphen …).
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\u3164\uFEFF\uFFA0]/gu;
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/** A Latin label with Cyrillic or Greek letters in it is read as the Latin label it imitates. */
const unmasked = (label: string): string =>
  LATIN.test(label) && LOOKALIKE_SCRIPT.test(label) ? [...label].map((ch) => LOOKALIKES[ch] ?? ch).join('') : label;

/**
 * C1: the form in which two emails are the same key. NFKC, without invisible characters, lower case; a
 * mixed-script part (a Cyrillic "а" among Latin letters) read as the Latin it imitates; the domain in IDNA
 * (punycode) form, so `пример.рф` and `xn--e1afmkfd.xn--p1ai` are one domain. Plain ASCII addresses are unchanged.
 */
export function emailKeyOf(email: string): string {
  const cleaned = email.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase();
  const at = cleaned.lastIndexOf('@');
  if (at < 0) return unmasked(cleaned);
  const local = unmasked(cleaned.slice(0, at));
  const domain = unmasked(cleaned.slice(at + 1));
  return `${local}@${domainToASCII(domain) || domain}`;
}

export const contactKeyOf = (kind: ContactKeyKind, value: string): string => `${kind}:${kind === 'email' ? emailKeyOf(value) : value}`;
export const contactKeyStreamId = (key: string): string => `contact-key-${key}`;
export const kindOfKey = (key: string): ContactKeyKind => (key.startsWith('phone:') ? 'phone' : 'email');

export const contactKeysOfCard = (card: { readonly phone: string | null; readonly email: string | null }): string[] => [
  ...(card.phone ? [contactKeyOf('phone', card.phone)] : []),
  ...(card.email ? [contactKeyOf('email', card.email)] : []),
];

/** What the refused attempt looked like, so the duplicates list can show who tried to register whom. */
export interface RegistrationAttempt {
  readonly customerId: string;
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly source: 'api' | 'import' | 'card-update';
  readonly importId?: string;
  readonly row?: number;
}

type Ev<T extends string, D> = DomainEvent<`customers.${T}.v1`, D>;
export type ContactKeyClaimed = Ev<'contact-key-claimed', { readonly key: string; readonly customerId: string; readonly by: string; readonly at: string }>;
export type ContactKeyReleased = Ev<
  'contact-key-released',
  { readonly key: string; readonly customerId: string; readonly reason: string; readonly by: string; readonly at: string }
>;
export type ContactKeyRepointed = Ev<
  'contact-key-repointed',
  { readonly key: string; readonly fromCustomerId: string; readonly toCustomerId: string; readonly mergeId: string; readonly by: string; readonly at: string }
>;
/** The audited refusal (C1): who tried to register an existing customer, when, and as what. */
export type DuplicateRegistrationRefused = Ev<
  'duplicate-registration-refused',
  { readonly key: string; readonly existingCustomerId: string; readonly attempt: RegistrationAttempt; readonly by: string; readonly at: string }
>;
export type ContactKeyEvent = ContactKeyClaimed | ContactKeyReleased | ContactKeyRepointed | DuplicateRegistrationRefused;

interface Meta {
  readonly actor: CommandActor;
  readonly now: Date;
}
export type ClaimContactKey = Meta & { readonly type: 'claim-contact-key'; readonly key: string; readonly attempt: RegistrationAttempt };
export type ReleaseContactKey = Meta & { readonly type: 'release-contact-key'; readonly key: string; readonly customerId: string; readonly reason: string };
export type RepointContactKey = Meta & {
  readonly type: 'repoint-contact-key';
  readonly key: string;
  readonly fromCustomerId: string;
  readonly toCustomerId: string;
  readonly mergeId: string;
};
export type ContactKeyCommand = ClaimContactKey | ReleaseContactKey | RepointContactKey;

export interface ContactKeyState {
  readonly holder: string | null;
  readonly heldSince: string | null;
}

export function decideContactKey(c: ContactKeyCommand, s: ContactKeyState): ContactKeyEvent[] {
  const base = { key: c.key, by: c.actor.id, at: c.now.toISOString() };
  switch (c.type) {
    case 'claim-contact-key':
      if (s.holder === c.attempt.customerId) return [];
      // Refusing is an event, not an error: the attempt must stay on record even though it changes nothing.
      if (s.holder !== null) return [{ type: 'customers.duplicate-registration-refused.v1', data: { ...base, existingCustomerId: s.holder, attempt: c.attempt } }];
      return [{ type: 'customers.contact-key-claimed.v1', data: { ...base, customerId: c.attempt.customerId } }];
    case 'release-contact-key':
      return s.holder === c.customerId ? [{ type: 'customers.contact-key-released.v1', data: { ...base, customerId: c.customerId, reason: c.reason } }] : [];
    case 'repoint-contact-key':
      if (s.holder === c.toCustomerId) return [];
      if (s.holder !== c.fromCustomerId) {
        throw new DomainError('conflict', 'key-held-elsewhere', `${c.key} is held by ${s.holder ?? 'nobody'}, not ${c.fromCustomerId}`, 'C2');
      }
      return [
        {
          type: 'customers.contact-key-repointed.v1',
          data: { ...base, fromCustomerId: c.fromCustomerId, toCustomerId: c.toCustomerId, mergeId: c.mergeId },
        },
      ];
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

export function evolveContactKey(s: ContactKeyState, e: ContactKeyEvent): ContactKeyState {
  switch (e.type) {
    case 'customers.contact-key-claimed.v1':
      return { holder: e.data.customerId, heldSince: e.data.at };
    case 'customers.contact-key-released.v1':
      return { holder: null, heldSince: null };
    case 'customers.contact-key-repointed.v1':
      return { holder: e.data.toCustomerId, heldSince: s.heldSince };
    case 'customers.duplicate-registration-refused.v1':
      return s;
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

export const contactKeyDecider: Decider<ContactKeyCommand, ContactKeyEvent, ContactKeyState> = {
  initialState: () => ({ holder: null, heldSince: null }),
  decide: decideContactKey,
  evolve: evolveContactKey,
};
