import { deciderSpec } from '@rapport/platform-testing';
import { ana, ben, max, T0 } from '../test/customer-fixtures';
import { contactKeyDecider, type ContactKeyCommand, type ContactKeyEvent, type RegistrationAttempt } from './contact-key';

const KEY = 'phone:+14155550100';
const attempt = (customerId: string, name = 'Mia Wong'): RegistrationAttempt => ({ customerId, name, phone: '+14155550100', email: null, source: 'api' });
const claim = (customerId: string, actor = ana): ContactKeyCommand => ({ type: 'claim-contact-key', key: KEY, attempt: attempt(customerId), actor, now: T0 });
const claimedByA: ContactKeyEvent = { type: 'customers.contact-key-claimed.v1', data: { key: KEY, customerId: 'c-a', by: 'rep-ana', at: T0.toISOString() } };

describe('C1 contact-key registry', () => {
  const spec = deciderSpec(contactKeyDecider);

  it('C1: the first registration of a phone claims it', () => {
    spec.given([]).when(claim('c-a')).then([claimedByA]);
  });

  it('C1: a second customer with the same phone is refused, and the refused attempt is recorded with who and when', () => {
    spec
      .given([claimedByA])
      .when(claim('c-b', ben))
      .then([
        {
          type: 'customers.duplicate-registration-refused.v1',
          data: { key: KEY, existingCustomerId: 'c-a', attempt: attempt('c-b'), by: 'rep-ben', at: T0.toISOString() },
        },
      ]);
  });

  it('C1: re-claiming for the same customer changes nothing (a retried registration)', () => {
    spec.given([claimedByA]).when(claim('c-a')).then([]);
  });

  it('C1: a released key can be claimed again; only its holder releases it', () => {
    const release = (customerId: string): ContactKeyCommand => ({ type: 'release-contact-key', key: KEY, customerId, reason: 'registration failed', actor: ana, now: T0 });
    spec.given([claimedByA]).when(release('c-other')).then([]);
    spec.given([claimedByA]).when(release('c-a')).thenState((s) => expect(s.holder).toBeNull());
  });

  it('C2: a merge re-points the duplicate\'s key to the survivor; a key held by someone else is not taken', () => {
    const repoint = (from: string): ContactKeyCommand => ({ type: 'repoint-contact-key', key: KEY, fromCustomerId: from, toCustomerId: 'c-s', mergeId: 'm-1', actor: max, now: T0 });
    spec.given([claimedByA]).when(repoint('c-a')).thenState((s) => expect(s.holder).toBe('c-s'));
    spec.given([claimedByA]).when(repoint('c-x')).thenThrows({ rule: 'C2', code: 'key-held-elsewhere' });
  });
});
