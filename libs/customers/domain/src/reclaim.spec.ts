import { ManualClock } from '@rapport/platform-eventsourcing';
import { deciderSpec } from '@rapport/platform-testing';
import { ana, cmd, contact, DAY_MS, dayN, historyOf, max, ofType, register, stateOf, T0, typesOf } from '../test/customer-fixtures';
import { createCustomerDecider } from './customer.decider';
import type { CustomerCommand } from './customer.commands';
import { reclaimStatusAt } from './customer.derived';
import { defaultCustomerPolicy, type CustomerPolicy } from './customer.policy';

const review = (now: Date): CustomerCommand => cmd({ type: 'review-customer' }, { id: 'sweep', roles: ['system'] }, now);
const reclaim = (now: Date): CustomerCommand =>
  cmd({ type: 'reclaim-customer', toOwnerId: 'rep-ben', assignment: 'manager', reason: 'no contact for 90 days' }, max, now);

describe('C4 reclaim when neglected', () => {
  const spec = deciderSpec(createCustomerDecider());

  it('C4: a customer with no contact for 90 days becomes reclaimable', () => {
    const clock = new ManualClock(T0);
    const history = historyOf([cmd(register(), ana, clock.now())]);
    clock.advance(90 * DAY_MS);
    const swept = createCustomerDecider().decide(review(clock.now()), stateOf(history));
    expect(typesOf(swept)).toContain('customers.customer-became-reclaimable.v1');
    expect(ofType(swept, 'customers.customer-became-reclaimable.v1')[0]!.data).toMatchObject({
      ownerId: 'rep-ana',
      lastOwnerContactAt: T0.toISOString(),
      reclaimableSince: dayN(90).toISOString(),
      policyVersion: defaultCustomerPolicy.version,
    });
  });

  it('C4: a contact logged on day 89 keeps ownership; none until day 90 after it makes it reclaimable', () => {
    const clock = new ManualClock(T0);
    const commands: CustomerCommand[] = [cmd(register(), ana, clock.now())];
    clock.advance(89 * DAY_MS);
    commands.push(cmd(contact(clock.now()), ana, clock.now()));
    clock.advance(1 * DAY_MS); // day 90 since registration, day 1 since the contact
    const history = historyOf(commands);
    spec.given(history).when(reclaim(clock.now())).thenThrows({ rule: 'C4', code: 'not-reclaimable' });
    expect(typesOf(historyOf([...commands, review(clock.now())]))).not.toContain('customers.customer-became-reclaimable.v1');

    clock.advance(88 * DAY_MS); // day 89 after the contact: still the owner's
    expect(reclaimStatusAt(stateOf(history), clock.now(), defaultCustomerPolicy)).toBe('warned');
    spec.given(history).when(reclaim(clock.now())).thenThrows({ rule: 'C4', code: 'not-reclaimable' });

    clock.advance(1 * DAY_MS); // day 90 after the contact
    spec.given(history).when(reclaim(clock.now())).thenState((s) => expect(s).toMatchObject({ ownerId: 'rep-ben', reclaim: 'ok' }));
  });

  it('C4: the owner is warned 14 days before, once', () => {
    const history = historyOf([cmd(register(), ana, T0), review(dayN(75))]);
    expect(typesOf(history)).not.toContain('customers.reclaim-warning-issued.v1');
    const warned = historyOf([cmd(register(), ana, T0), review(dayN(76)), review(dayN(80))]);
    const warnings = ofType(warned, 'customers.reclaim-warning-issued.v1');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.data).toMatchObject({ ownerId: 'rep-ana', reclaimableAt: dayN(90).toISOString(), at: dayN(76).toISOString() });
  });

  it('C4: a contact logged before the reclaim resets the clock, and says so with an event', () => {
    const history = historyOf([cmd(register(), ana, T0), review(dayN(95)), cmd(contact(dayN(95)), ana, dayN(95))]);
    expect(typesOf(history)).toEqual(expect.arrayContaining(['customers.customer-became-reclaimable.v1', 'customers.reclaim-clock-reset.v1']));
    expect(stateOf(history).reclaim).toBe('ok');
    spec.given(history).when(reclaim(dayN(100))).thenThrows({ rule: 'C4', code: 'not-reclaimable' });
  });

  it('C4: a collaborator\'s contact does not keep the owner\'s claim alive', () => {
    const history = historyOf([
      cmd(register(), ana, T0),
      cmd({ type: 'add-collaborator', collaboratorId: 'rep-ben' }, ana, T0),
      cmd(contact(dayN(60)), { id: 'rep-ben', roles: ['rep'] }, dayN(60)),
    ]);
    expect(reclaimStatusAt(stateOf(history), dayN(90), defaultCustomerPolicy)).toBe('reclaimable');
  });

  it('C4: only a manager reclaims, and the new owner starts with a fresh clock', () => {
    const history = historyOf([cmd(register(), ana, T0)]);
    spec.given(history).when(cmd({ type: 'reclaim-customer', toOwnerId: 'rep-ben', assignment: 'manager', reason: 'x' }, ana, dayN(91))).thenThrows({
      rule: 'C4',
      kind: 'forbidden',
    });
    const reclaimed = historyOf([cmd(register(), ana, T0), reclaim(dayN(91))]);
    expect(ofType(reclaimed, 'customers.customer-reclaimed.v1')[0]!.data).toMatchObject({
      fromOwnerId: 'rep-ana',
      toOwnerId: 'rep-ben',
      lastOwnerContactAt: T0.toISOString(),
      policyVersion: defaultCustomerPolicy.version,
    });
    expect(reclaimStatusAt(stateOf(reclaimed), dayN(91 + 89), defaultCustomerPolicy)).not.toBe('reclaimable');
  });

  it('C4: the neglect period is policy, and the policy version is recorded on the events it shaped', () => {
    const policy: CustomerPolicy = { ...defaultCustomerPolicy, version: 'strict-60', reclaim: { afterDays: 60, warnDaysBefore: 7, newOwnerFirstContactDays: 7 } };
    const history = historyOf([cmd(register(), ana, T0), review(dayN(60))], policy);
    expect(ofType(history, 'customers.customer-became-reclaimable.v1')[0]!.data.policyVersion).toBe('strict-60');
  });
});
