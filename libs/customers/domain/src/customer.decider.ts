import type { Decider } from '@rapport/platform-eventsourcing';
import { requireRegistered } from './customer.access';
import type { CustomerCommand } from './customer.commands';
import { derivedChanges } from './customer.derived';
import type { CustomerEvent } from './customer.events';
import { defaultCustomerPolicy, type CustomerPolicy } from './customer.policy';
import { evolveCustomer, initialCustomerState, type CustomerState } from './customer.state';
import { decideAbsorb, decideMarkMergedInto, decideUndoMerge, decideUnmerge } from './decide/merge.decide';
import { decideAddCollaborator, decideReclaim, decideRegister, decideRemoveCollaborator, decideTransfer } from './decide/ownership.decide';
import {
  decideAwardReferralPoints,
  decideConfirmCard,
  decideEstimateSpend,
  decideLogContact,
  decideRecordPurchase,
  decideRecordReferrer,
  decideSetGrade,
  decideUpdateCard,
} from './decide/relationship.decide';
import { decideErase } from './decide/erase.decide';
import { decideCloseWinBack, decideSignalLeaving, decideWinBackStep } from './decide/win-back.decide';

/** The events a command causes directly, before the derived values catch up. */
function decideDirect(c: CustomerCommand, s: CustomerState, policy: CustomerPolicy): CustomerEvent[] {
  switch (c.type) {
    case 'register-customer':
      return decideRegister(c, s);
    case 'transfer-ownership':
      return decideTransfer(c, s);
    case 'reclaim-customer':
      return decideReclaim(c, s, policy);
    case 'add-collaborator':
      return decideAddCollaborator(c, s);
    case 'remove-collaborator':
      return decideRemoveCollaborator(c, s);
    case 'log-contact':
      return decideLogContact(c, s);
    case 'set-grade':
      return decideSetGrade(c, s);
    case 'record-purchase':
      return decideRecordPurchase(c, s, policy);
    case 'estimate-category-spend':
      return decideEstimateSpend(c, s, policy);
    case 'update-card':
      return decideUpdateCard(c, s);
    case 'confirm-card-fields':
      return decideConfirmCard(c, s);
    case 'record-referrer':
      return decideRecordReferrer(c, s);
    case 'award-referral-points':
      return decideAwardReferralPoints(c, s, policy);
    case 'review-customer':
      requireRegistered(s);
      return [];
    case 'signal-leaving':
      return decideSignalLeaving(c, s);
    case 'gather-win-back-background':
    case 'reach-decision-maker':
    case 'record-leaving-answers':
    case 'classify-root-cause':
    case 'decide-win-back-worth':
    case 'follow-up-win-back':
      return decideWinBackStep(c, s);
    case 'close-win-back':
      return decideCloseWinBack(c, s);
    case 'mark-merged-into':
      return decideMarkMergedInto(c, s);
    case 'absorb-customer':
      return decideAbsorb(c, s);
    case 'undo-merge':
      return decideUndoMerge(c, s);
    case 'unmerge-customer':
      return decideUnmerge(c, s);
    case 'erase-customer':
      return decideErase(c, s);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/**
 * The customer decider (C1–C12) under one policy. After the direct events, the derived values (stage,
 * tier, share of wallet, reclaimability) are brought up to date at the command's time, so they change only
 * by events and always carry the policy version that shaped them.
 */
export function createCustomerDecider(policy: CustomerPolicy = defaultCustomerPolicy): Decider<CustomerCommand, CustomerEvent, CustomerState> {
  return {
    initialState: initialCustomerState,
    evolve: evolveCustomer,
    decide: (command, state) => {
      const direct = decideDirect(command, state, policy);
      const after = direct.reduce(evolveCustomer, state);
      return after.status === 'unregistered' ? direct : [...direct, ...derivedChanges(after, command.now, policy)];
    },
  };
}

export const customerDecider = createCustomerDecider();
