import type { ContactOutcome } from './customer.vocabulary';

/**
 * C5: the two counts a manager reads on the card. Most sales close between the 4th and the 11th follow-up,
 * so a rep counts rather than gives up: follow-ups since the last purchase, and rejections in a row.
 */
export interface ContactCounts {
  readonly followUpsSinceLastPurchase: number;
  readonly rejectionsInARow: number;
}

export const noContactCounts: ContactCounts = { followUpsSinceLastPurchase: 0, rejectionsInARow: 0 };

/**
 * A contact that ends in a purchase starts both counts again. A rejection adds to the row; an answer that is
 * not one (reached, interested, not now) ends the row; no answer is neither, and leaves the row as it was.
 */
export function countContact(counts: ContactCounts, outcome: ContactOutcome): ContactCounts {
  switch (outcome) {
    case 'purchased':
      return noContactCounts;
    case 'rejected':
      return { followUpsSinceLastPurchase: counts.followUpsSinceLastPurchase + 1, rejectionsInARow: counts.rejectionsInARow + 1 };
    case 'no-answer':
      return { ...counts, followUpsSinceLastPurchase: counts.followUpsSinceLastPurchase + 1 };
    case 'reached':
    case 'interested':
    case 'not-now':
      return { followUpsSinceLastPurchase: counts.followUpsSinceLastPurchase + 1, rejectionsInARow: 0 };
    default: {
      const _exhaustive: never = outcome;
      return _exhaustive;
    }
  }
}

/** A recorded purchase (from the shop, not a contact) starts the follow-up count again; rejections before it are over. */
export const countPurchase = (_counts: ContactCounts): ContactCounts => noContactCounts;

/** C9: a call that reached the customer proves the phone number is still theirs. */
export const callReachedCustomer = (channel: string, outcome: ContactOutcome): boolean => channel === 'call' && outcome !== 'no-answer';
