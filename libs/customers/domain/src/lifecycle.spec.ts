import { ana, cmd, contact, dayN, historyOf, ofType, purchase, register, stateOf, T0 } from '../test/customer-fixtures';
import type { CustomerCommand } from './customer.commands';
import { stageAt } from './customer.derived';
import { defaultCustomerPolicy } from './customer.policy';
import { addMonths } from './time';

const review = (now: Date): CustomerCommand => cmd({ type: 'review-customer' }, { id: 'sweep', roles: ['system'] }, now);
const stages = (commands: readonly CustomerCommand[]): string[] => ofType(historyOf(commands), 'customers.stage-changed.v1').map((e) => e.data.to);
const at = (iso: string): Date => new Date(iso);

describe('C6 lifecycle stage', () => {
  it('C6: a prospect has intent when graded A–C or, before grading, when the last contact showed interest', () => {
    expect(stages([cmd(register(), ana, T0), cmd({ type: 'set-grade', grade: 'B', reason: 'will buy' }, ana, dayN(1))])).toEqual([
      'prospect-without-intent',
      'prospect-with-intent',
    ]);
    expect(stages([cmd(register(), ana, T0), cmd(contact(dayN(1), 'interested'), ana, dayN(1))])).toEqual([
      'prospect-without-intent',
      'prospect-with-intent',
    ]);
    expect(stages([cmd(register(), ana, T0), cmd({ type: 'set-grade', grade: 'F', reason: 'researching' }, ana, dayN(1))])).toEqual([
      'prospect-without-intent',
    ]);
  });

  it('C6: a first purchase makes a new buyer for 3 months, then a long-standing customer', () => {
    const first = dayN(10);
    const commands = [cmd(register(), ana, T0), cmd(purchase('p-1', 100, first), ana, first)];
    expect(stages(commands)).toEqual(['prospect-without-intent', 'new-buyer']);
    const threeMonths = at(addMonths(first.toISOString(), 3));
    expect(stages([...commands, review(new Date(threeMonths.getTime() - 1))])).toEqual(['prospect-without-intent', 'new-buyer']);
    expect(stages([...commands, review(threeMonths)])).toEqual(['prospect-without-intent', 'new-buyer', 'long-standing']);
  });

  it('C6: no purchase in 12 months makes a customer lapsed; buying again brings them back', () => {
    const commands = [cmd(register(), ana, T0), cmd(purchase('p-1', 100, T0), ana, T0), review(at(addMonths(T0.toISOString(), 12)))];
    expect(stages(commands).at(-1)).toBe('lapsed');
    const later = at(addMonths(T0.toISOString(), 13));
    expect(stages([...commands, cmd(purchase('p-2', 50, later), ana, later)]).at(-1)).toBe('long-standing');
  });

  it('C6: a churn signal makes the customer leaving; the win-back outcome makes them won back or lost', () => {
    const signal = cmd({ type: 'signal-leaving', signal: 'asked for contract termination terms' }, ana, dayN(40));
    const base = [cmd(register(), ana, T0), cmd(purchase('p-1', 100, T0), ana, T0), signal];
    expect(stages(base).at(-1)).toBe('leaving');
    const lost = [...base, cmd({ type: 'close-win-back', outcome: 'lost', reason: 'went to a competitor' }, ana, dayN(50))];
    expect(stages(lost).at(-1)).toBe('lost');
    expect(stageAt(stateOf(historyOf(lost)), dayN(400), defaultCustomerPolicy)).toBe('lost');
  });

  it('C6: stage changes carry the policy version and the previous stage', () => {
    const events = ofType(historyOf([cmd(register(), ana, T0), cmd(purchase('p-1', 10, T0), ana, T0)]), 'customers.stage-changed.v1');
    expect(events[1]!.data).toMatchObject({ from: 'prospect-without-intent', to: 'new-buyer', policyVersion: defaultCustomerPolicy.version });
  });
});
