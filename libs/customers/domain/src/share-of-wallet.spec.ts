import { deciderSpec } from '@rapport/platform-testing';
import { ana, cmd, dayN, historyOf, ofType, purchase, register, stateOf, T0 } from '../test/customer-fixtures';
import type { CustomerCommand } from './customer.commands';
import { customerDecider } from './customer.decider';
import { shareOfWalletAt } from './customer.derived';
import { defaultCustomerPolicy } from './customer.policy';
import { addMonths } from './time';

const estimate = (category: string, amount: number, now: Date): CustomerCommand =>
  cmd({ type: 'estimate-category-spend', category, estimatedAnnualSpend: amount, currency: 'USD' }, ana, now);

describe('C12 spend and share of wallet', () => {
  it('C12: share of wallet = our spend / their estimated spend over 12 months, per category and overall', () => {
    const history = historyOf([
      cmd(register(), ana, T0),
      estimate('laptops', 10_000, T0),
      estimate('printers', 2_000, T0),
      cmd(purchase('p-1', 2_500, dayN(1), 'laptops'), ana, dayN(1)),
      cmd(purchase('p-2', 500, dayN(2), 'printers'), ana, dayN(2)),
      cmd(purchase('p-3', 999, dayN(2), 'coffee'), ana, dayN(2)),
    ]);
    const share = shareOfWalletAt(stateOf(history), dayN(3), defaultCustomerPolicy);
    expect(share.byCategory).toEqual({
      laptops: { share: 0.25, ourSpend: 2_500, estimatedSpend: 10_000 },
      printers: { share: 0.25, ourSpend: 500, estimatedSpend: 2_000 },
    });
    expect(share.overall).toEqual({ share: 0.25, ourSpend: 3_000, estimatedSpend: 12_000 });
  });

  it('C12: a change of share is an event other services can react to; a purchase outside estimated categories is not one', () => {
    const history = historyOf([cmd(register(), ana, T0), estimate('laptops', 1_000, T0), cmd(purchase('p-1', 100, dayN(1)), ana, dayN(1))]);
    expect(ofType(history, 'customers.share-of-wallet-changed.v1').map((e) => e.data.overall?.share)).toEqual([0, 0.1]);
    deciderSpec(customerDecider)
      .given(history)
      .when(cmd(purchase('p-2', 100, dayN(2), 'coffee'), ana, dayN(2)))
      .thenState((s) => expect(s).toMatchObject({ shareSignature: expect.stringContaining('"share":0.1') }));
  });

  it('C12: purchases older than the window stop counting, and the sweep announces the drop', () => {
    const bought = dayN(1);
    const commands = [cmd(register(), ana, T0), estimate('laptops', 1_000, T0), cmd(purchase('p-1', 400, bought), ana, bought)];
    const afterWindow = new Date(addMonths(bought.toISOString(), 12));
    const history = historyOf([...commands, cmd({ type: 'review-customer' }, { id: 'sweep', roles: ['system'] }, afterWindow)]);
    expect(ofType(history, 'customers.share-of-wallet-changed.v1').at(-1)!.data.overall).toEqual({ share: 0, ourSpend: 0, estimatedSpend: 1_000 });
  });

  it('C12: estimates are kept in the installation currency', () => {
    deciderSpec(customerDecider)
      .given(historyOf([cmd(register(), ana, T0)]))
      .when(cmd({ type: 'estimate-category-spend', category: 'laptops', estimatedAnnualSpend: 5, currency: 'GBP' }, ana, T0))
      .thenThrows({ rule: 'C12', code: 'currency-mismatch' });
  });
});
