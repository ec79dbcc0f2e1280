import { deciderSpec } from '@rapport/platform-testing';
import { ana, ben, cmd, contact, CUSTOMER, dayN, historyOf, max, ofType, purchase, register, stateOf, T0 } from '../test/customer-fixtures';
import { customerDecider } from './customer.decider';

describe('customer decider: contacts, grades and the card', () => {
  const spec = deciderSpec(customerDecider);
  const given = historyOf([cmd(register(), ana, T0)]);

  it('C5: a contact records channel, direction, outcome, notes, next step and date, and by whom', () => {
    const logged = historyOf([
      cmd(register(), ana, T0),
      cmd(
        {
          type: 'log-contact',
          contactId: 'k-1',
          channel: 'visit',
          direction: 'outbound',
          outcome: 'not-now',
          notes: 'budget frozen until spring',
          nextStep: 'call after budget round',
          nextStepAt: dayN(30),
          occurredAt: dayN(1),
        },
        ana,
        dayN(2),
      ),
    ]);
    expect(ofType(logged, 'customers.contact-logged.v1')[0]!.data).toEqual({
      customerId: CUSTOMER,
      contactId: 'k-1',
      channel: 'visit',
      direction: 'outbound',
      outcome: 'not-now',
      notes: 'budget frozen until spring',
      nextStep: 'call after budget round',
      nextStepAt: dayN(30).toISOString(),
      occurredAt: dayN(1).toISOString(),
      byOwner: true,
      by: 'rep-ana',
      at: dayN(2).toISOString(),
    });
  });

  it('C5: a contact cannot be logged before it happens, nor with a next step due before it', () => {
    spec.given(given).when(cmd(contact(dayN(3)), ana, dayN(2))).thenThrows({ rule: 'C5', code: 'contact-in-future' });
    spec
      .given(given)
      .when(cmd({ ...contact(dayN(2)), nextStepAt: dayN(1) } as never, ana, dayN(2)))
      .thenThrows({ rule: 'C5', code: 'next-step-before-contact' });
  });

  it('C5: an auditor cannot log contacts', () => {
    spec.given(given).when(cmd(contact(T0), { id: 'auditor-ada', roles: ['auditor'] })).thenThrows({ kind: 'forbidden' });
  });

  it('C7: the grade is set with a reason and remembers the previous grade', () => {
    const graded = historyOf([
      cmd(register(), ana, T0),
      cmd({ type: 'set-grade', grade: 'E', reason: 'does not see the value yet' }, ana, dayN(1)),
      cmd({ type: 'set-grade', grade: 'A', reason: 'asked for a quote' }, ana, dayN(9)),
    ]);
    expect(ofType(graded, 'customers.grade-set.v1').map((e) => e.data)).toEqual([
      { customerId: CUSTOMER, grade: 'E', previousGrade: null, reason: 'does not see the value yet', by: 'rep-ana', at: dayN(1).toISOString() },
      { customerId: CUSTOMER, grade: 'A', previousGrade: 'E', reason: 'asked for a quote', by: 'rep-ana', at: dayN(9).toISOString() },
    ]);
  });

  it('C7: a manager may grade any customer; another rep may not', () => {
    spec.given(given).when(cmd({ type: 'set-grade', grade: 'C', reason: 'awaiting credit approval' }, max)).thenState((s) => expect(s).toMatchObject({ grade: 'C' }));
    spec.given(given).when(cmd({ type: 'set-grade', grade: 'C', reason: 'x' }, ben)).thenThrows({ rule: 'C3' });
  });

  it('C9: each card change is an event of what changed; repeating a value changes nothing', () => {
    const updated = historyOf([
      cmd(register(), ana, T0),
      cmd({ type: 'update-card', changes: { company: 'Wong Logistics', payer: 'CFO Lee', decisionMakers: ['CFO Lee', 'COO Ray'] } }, ana, dayN(1)),
    ]);
    expect(ofType(updated, 'customers.card-updated.v1')[0]!.data.changes).toEqual({
      company: 'Wong Logistics',
      payer: 'CFO Lee',
      decisionMakers: ['CFO Lee', 'COO Ray'],
    });
    spec.given(updated).when(cmd({ type: 'update-card', changes: { company: 'Wong Logistics' } }, ana, dayN(2))).then([]);
  });

  it('C9: each field remembers when it was last confirmed', () => {
    const history = historyOf([
      cmd(register(), ana, T0),
      cmd({ type: 'update-card', changes: { industry: 'logistics' } }, ana, dayN(10)),
      cmd({ type: 'confirm-card-fields', fields: ['name', 'industry'] }, ana, dayN(400)),
    ]);
    expect(stateOf(history).confirmedAt).toMatchObject({
      name: dayN(400).toISOString(),
      industry: dayN(400).toISOString(),
      phone: T0.toISOString(),
    });
  });

  const logged = (n: number, outcome: 'reached' | 'no-answer' | 'rejected' | 'interested' | 'purchased', channel: 'call' | 'email' = 'call') =>
    cmd({ ...contact(dayN(n)), contactId: `k-${n}`, outcome, channel } as never, ana, dayN(n));

  it('C5: the card counts follow-ups since the last purchase and rejections in a row', () => {
    const history = historyOf([
      cmd(register(), ana, T0),
      logged(1, 'rejected'),
      logged(2, 'no-answer'),
      logged(3, 'rejected'),
      logged(4, 'rejected'),
    ]);
    expect(stateOf(history).contactCounts).toEqual({ followUpsSinceLastPurchase: 4, rejectionsInARow: 3 });
    const interested = historyOf([cmd(register(), ana, T0), logged(1, 'rejected'), logged(2, 'interested'), logged(3, 'rejected')]);
    expect(stateOf(interested).contactCounts).toEqual({ followUpsSinceLastPurchase: 3, rejectionsInARow: 1 });
    const bought = historyOf([cmd(register(), ana, T0), logged(1, 'rejected'), logged(2, 'rejected'), cmd(purchase('p-1', 10, dayN(3)), ana, dayN(3)), logged(4, 'no-answer')]);
    expect(stateOf(bought).contactCounts).toEqual({ followUpsSinceLastPurchase: 1, rejectionsInARow: 0 });
  });

  it('C9: a call that reached the customer confirms the phone; an unanswered call or an email does not', () => {
    const given = historyOf([cmd(register(), ana, T0)]);
    const confirmed = (c: ReturnType<typeof logged>) => customerDecider.decide(c, stateOf(given)).filter((e) => e.type === 'customers.card-fields-confirmed.v1');
    expect(confirmed(logged(400, 'rejected')).map((e) => e.data)).toEqual([expect.objectContaining({ fields: ['phone'], at: dayN(400).toISOString() })]);
    expect(confirmed(logged(400, 'no-answer'))).toEqual([]);
    expect(confirmed(logged(400, 'reached', 'email'))).toEqual([]);
    const reached = historyOf([cmd(register(), ana, T0), logged(400, 'reached')]);
    expect(stateOf(reached).confirmedAt.phone).toBe(dayN(400).toISOString());
    expect(stateOf(reached).confirmedAt.email).toBe(T0.toISOString());
  });
});
