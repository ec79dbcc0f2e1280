import { deciderSpec } from '@rapport/platform-testing';
import { ana, cmd, dayN, historyOf, ofType, purchase, register, stateOf, T0 } from '../test/customer-fixtures';
import type { CustomerCommand } from './customer.commands';
import { createCustomerDecider, customerDecider } from './customer.decider';
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

  it('C12: case and spacing do not split a category: "Laptops", " laptops " and "LAPTOPS" are one', () => {
    const history = historyOf([
      cmd(register(), ana, T0),
      estimate('Laptops', 10_000, T0),
      cmd(purchase('p-1', 2_000, dayN(1), ' laptops '), ana, dayN(1)),
      cmd(purchase('p-2', 500, dayN(2), 'LAPTOPS'), ana, dayN(2)),
      cmd(purchase('p-3', 500, dayN(2), 'office   supplies'), ana, dayN(2)),
    ]);
    expect(ofType(history, 'customers.purchase-recorded.v1').map((e) => e.data.category)).toEqual(['laptops', 'laptops', 'office supplies']);
    expect(shareOfWalletAt(stateOf(history), dayN(3), defaultCustomerPolicy).byCategory).toEqual({
      laptops: { share: 0.25, ourSpend: 2_500, estimatedSpend: 10_000 },
    });
  });

  it('C12: categories come from one catalogue when the policy names one', () => {
    const policy = { ...defaultCustomerPolicy, wallet: { ...defaultCustomerPolicy.wallet, categories: ['Laptops', 'Printers'] } };
    const spec = deciderSpec(createCustomerDecider(policy));
    const given = historyOf([cmd(register(), ana, T0)], policy);
    spec.given(given).when(cmd(purchase('p-1', 100, T0, 'coffee'), ana, T0)).thenThrows({ rule: 'C12', code: 'unknown-category' });
    spec.given(given).when(cmd(purchase('p-1', 100, T0, ' PRINTERS'), ana, T0)).thenState((s) => expect(s).toMatchObject({ purchases: [{ category: 'printers' }] }));
  });

  it('C12: an estimate below what the customer spent with us in the window is refused', () => {
    const given = historyOf([cmd(register(), ana, T0), cmd(purchase('p-1', 3_360, dayN(1)), ana, dayN(1))]);
    deciderSpec(customerDecider)
      .given(given)
      .when(estimate('Laptops', 1_000, dayN(2)))
      .thenThrows({ rule: 'C12', code: 'estimate-below-own-spend', details: { category: 'laptops', ourSpend: 3_360 } } as never);
    deciderSpec(customerDecider).given(given).when(estimate('laptops', 3_360, dayN(2))).thenState((s) => expect(s).toMatchObject({ estimates: { laptops: 3_360 } }));
  });

  it('C12: a share never goes above 100%: when our spend outgrows the estimate the share is 1 and flagged', () => {
    const history = historyOf([cmd(register(), ana, T0), estimate('laptops', 1_000, T0), cmd(purchase('p-1', 3_360, dayN(1)), ana, dayN(1))]);
    const share = shareOfWalletAt(stateOf(history), dayN(2), defaultCustomerPolicy);
    expect(share.byCategory['laptops']).toEqual({ share: 1, ourSpend: 3_360, estimatedSpend: 1_000, estimateBelowOurSpend: true });
    expect(share.overall).toMatchObject({ share: 1, estimateBelowOurSpend: true });
    expect(ofType(history, 'customers.share-of-wallet-changed.v1').every((e) => (e.data.overall?.share ?? 0) <= 1)).toBe(true);
  });
});
