/**
 * C9: the customer card is a relationship, not a name card. These are the fields a rep keeps up to date;
 * each change is an event and each field remembers when it was last confirmed, so stale ones show.
 */
export interface CardFields {
  readonly name: string;
  /** E.164 (C1). */
  readonly phone: string | null;
  /** Lower case, trimmed (C1). */
  readonly email: string | null;
  readonly company: string | null;
  /** The customer's role or job title. */
  readonly role: string | null;
  /** Who pays, versus who uses: often not the same person in a business sale. */
  readonly payer: string | null;
  readonly users: string | null;
  readonly decisionMakers: readonly string[];
  /** YYYY-MM-DD (consumers). */
  readonly birthday: string | null;
  readonly interests: readonly string[];
  readonly familyNotes: string | null;
  /** Head-count band of a business customer, e.g. "50-249". */
  readonly companySize: string | null;
  readonly industry: string | null;
  readonly keyContacts: readonly string[];
  readonly needs: string | null;
  readonly preferences: string | null;
}

export type CardField = keyof CardFields;

export const CARD_FIELDS: readonly CardField[] = [
  'name',
  'phone',
  'email',
  'company',
  'role',
  'payer',
  'users',
  'decisionMakers',
  'birthday',
  'interests',
  'familyNotes',
  'companySize',
  'industry',
  'keyContacts',
  'needs',
  'preferences',
];

export const emptyCard = (name: string): CardFields => ({
  name,
  phone: null,
  email: null,
  company: null,
  role: null,
  payer: null,
  users: null,
  decisionMakers: [],
  birthday: null,
  interests: [],
  familyNotes: null,
  companySize: null,
  industry: null,
  keyContacts: [],
  needs: null,
  preferences: null,
});

/** A field counts as filled when it holds a value or a non-empty list. */
export const isFilled = (value: CardFields[CardField]): boolean =>
  value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

export const sameValue = (a: CardFields[CardField], b: CardFields[CardField]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields a change actually changes: an update that repeats the current value is a confirmation, not a change. */
export function changedFields(current: CardFields, changes: Partial<CardFields>): Partial<CardFields> {
  const out: Record<string, unknown> = {};
  for (const field of CARD_FIELDS) {
    const value = changes[field];
    if (value !== undefined && !sameValue(value, current[field])) out[field] = value;
  }
  return out as Partial<CardFields>;
}
