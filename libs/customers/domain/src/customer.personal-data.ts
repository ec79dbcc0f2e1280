import { declarePersonalData } from '@rapport/platform-eventsourcing';
import type { CardField, CardFields } from './customer-card.fields';
import type { ContactKeyEvent } from './contact-key';
import type { CustomerEvent } from './customer.events';

/**
 * A5: the customer's personal data, declared on the event types. The platform's event-store decorator
 * encrypts these fields with the customer's own key (the subject is `customerId` unless a group names
 * another) and shreds them when the customer is erased. Free text counts: a rep's notes or a transfer
 * reason say things about the person. Company, size and industry describe an organisation, not a person.
 */
export const PERSONAL_CARD_FIELDS = [
  'name',
  'phone',
  'email',
  'role',
  'payer',
  'users',
  'decisionMakers',
  'birthday',
  'interests',
  'familyNotes',
  'keyContacts',
  'needs',
  'preferences',
] as const satisfies readonly CardField[];

const card = (prefix: string): string[] => PERSONAL_CARD_FIELDS.map((f) => `${prefix}.${f}`);

/** Every event type is listed, so a new one is a compile error until someone decides what in it is personal. */
type Declared = Record<(CustomerEvent | ContactKeyEvent)['type'], readonly string[] | readonly { readonly subject: string; readonly fields: readonly string[] }[]>;

export const customerPersonalData: Declared = declarePersonalData(
  {
    'customers.customer-registered.v1': ['name', 'phone', 'email'],
    'customers.ownership-transferred.v1': ['reason'],
    'customers.customer-reclaimed.v1': ['reason', 'followUp.nextStep'],
    'customers.ownership-changed-by-merge.v1': ['reason'],
    'customers.collaborator-added.v1': [],
    'customers.collaborator-removed.v1': ['reason'],
    'customers.contact-logged.v1': ['notes', 'nextStep'],
    'customers.reclaim-warning-issued.v1': [],
    'customers.customer-became-reclaimable.v1': [],
    'customers.reclaim-clock-reset.v1': [],
    'customers.grade-set.v1': ['reason'],
    'customers.purchase-recorded.v1': [],
    'customers.category-spend-estimated.v1': [],
    'customers.card-updated.v1': card('changes'),
    'customers.card-fields-confirmed.v1': [],
    'customers.referrer-recorded.v1': [],
    'customers.referral-qualified.v1': [],
    'customers.referral-points-awarded.v1': [],
    'customers.tier-changed.v1': [],
    'customers.stage-changed.v1': [],
    'customers.share-of-wallet-changed.v1': [],
    'customers.leaving-signalled.v1': ['signal'],
    'customers.win-back-background-gathered.v1': ['background'],
    'customers.win-back-decision-maker-reached.v1': ['decisionMaker', 'title', 'notes'],
    'customers.win-back-answers-recorded.v1': ['whyLeaving', 'whatWouldMakeStay'],
    'customers.win-back-complaint-raised.v1': ['description'],
    'customers.win-back-handed-over.v1': ['reason'],
    'customers.win-back-concession-granted.v1': ['concession'],
    'customers.win-back-root-cause-classified.v1': ['notes'],
    'customers.win-back-worth-decided.v1': ['reason'],
    'customers.win-back-followed-up.v1': ['whatChanged', 'concession'],
    'customers.customer-won-back.v1': ['reason'],
    'customers.customer-lost.v1': ['reason'],
    'customers.customer-merged-into.v1': ['reason'],
    'customers.customer-absorbed.v1': [
      { subject: 'customerId', fields: ['reason', ...card('cardBefore'), ...card('cardAfter')] },
      { subject: 'absorbed.customerId', fields: ['absorbed.contactKeys'] },
    ],
    'customers.merge-undone.v1': ['reason', ...card('cardRestored')],
    'customers.customer-unmerged.v1': ['reason'],
    'customers.customer-erased.v1': [],
    'customers.contact-key-claimed.v1': ['key'],
    'customers.contact-key-released.v1': ['key', 'reason'],
    'customers.contact-key-repointed.v1': [{ subject: 'toCustomerId', fields: ['key'] }],
    // The attempt matched her phone or email: it is about her, so erasing her shreds it too (A5). Sealing it with
    // the would-be customer's key (as before) left her phone readable after her erasure.
    'customers.duplicate-registration-refused.v1': [{ subject: 'existingCustomerId', fields: ['key', 'attempt.name', 'attempt.phone', 'attempt.email'] }],
  },
  // C1's contact-key streams are named by the phone or email itself: stored under a keyed pseudonym.
  { pseudonymousStreamPrefixes: ['contact-key-'] },
);

/** The card once its customer is erased (A5): personal fields emptied, the organisation's kept. */
export const erasedCard = (c: CardFields): CardFields => ({
  ...c,
  name: '',
  phone: null,
  email: null,
  role: null,
  payer: null,
  users: null,
  decisionMakers: [],
  birthday: null,
  interests: [],
  familyNotes: null,
  keyContacts: [],
  needs: null,
  preferences: null,
});
