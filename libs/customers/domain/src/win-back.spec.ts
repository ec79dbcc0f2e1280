import { deciderSpec } from '@rapport/platform-testing';
import { ana, ben, cmd, dayN, historyOf, ofType, purchase, register, stateOf, T0, typesOf } from '../test/customer-fixtures';
import type { CustomerCommand, CustomerCommandBody } from './customer.commands';
import { customerDecider } from './customer.decider';

const at = (n: number, body: CustomerCommandBody): CustomerCommand => cmd(body, ana, dayN(n));
const steps: CustomerCommandBody[] = [
  { type: 'gather-win-back-background', background: 'three late deliveries in Q3; new procurement lead' },
  { type: 'reach-decision-maker', decisionMaker: 'Lee', title: 'CFO', rank: 'decision-maker', notes: 'met at their office', contactId: 'wb-contact-2', channel: 'visit', direction: 'outbound' },
  { type: 'record-leaving-answers', whyLeaving: 'deliveries late', whatWouldMakeStay: 'guaranteed delivery windows' },
  { type: 'classify-root-cause', kind: 'systemic', cause: 'support-model', notes: null },
  { type: 'decide-win-back-worth', worthIt: true, reason: 'top-20 account, 30% share of wallet' },
  { type: 'follow-up-win-back', whatChanged: 'dedicated delivery slot and a named account manager', contactId: 'wb-contact-6', channel: 'call', direction: 'outbound' },
];
const leaving = [at(0, register()), at(0, purchase('p-1', 100, T0)), at(10, { type: 'signal-leaving', signal: 'asked for termination terms' })];

describe('C11 win-back of a leaving customer', () => {
  const spec = deciderSpec(customerDecider);

  it('C11: the six steps are recorded in order, then the customer is won back', () => {
    const history = historyOf([...leaving, ...steps.map((s, i) => at(11 + i, s)), at(20, { type: 'close-win-back', outcome: 'won-back', reason: 'signed renewal' })]);
    expect(typesOf(history)).toEqual(
      expect.arrayContaining([
        'customers.leaving-signalled.v1',
        'customers.win-back-background-gathered.v1',
        'customers.win-back-decision-maker-reached.v1',
        'customers.win-back-answers-recorded.v1',
        'customers.win-back-root-cause-classified.v1',
        'customers.win-back-worth-decided.v1',
        'customers.win-back-followed-up.v1',
        'customers.customer-won-back.v1',
      ]),
    );
    expect(ofType(history, 'customers.win-back-answers-recorded.v1')[0]!.data).toMatchObject({
      whyLeaving: 'deliveries late',
      whatWouldMakeStay: 'guaranteed delivery windows',
    });
    expect(ofType(history, 'customers.stage-changed.v1').map((e) => e.data.to).slice(-2)).toEqual(['leaving', 'won-back']);
    expect(stateOf(history).winBack).toMatchObject({ status: 'won-back', steps: ['background', 'decision-maker', 'answers', 'root-cause', 'worth-it', 'follow-up'] });
  });

  it('C11: a step out of order is refused, naming the step that is due', () => {
    spec.given(historyOf(leaving)).when(at(11, steps[2]!)).thenThrows({ rule: 'C11', code: 'win-back-step-out-of-order', details: { expectedStep: 'background' } } as never);
  });

  it('C11: no win-back step without a leaving signal', () => {
    spec.given(historyOf(leaving.slice(0, 2))).when(at(11, steps[0]!)).thenThrows({ rule: 'C11', code: 'no-win-back' });
  });

  it('C11: the root cause is specific (person, incident, customer change) or systemic (price, support model, product)', () => {
    const upToAnswers = historyOf([...leaving, ...steps.slice(0, 3).map((s, i) => at(11 + i, s))]);
    spec.given(upToAnswers).when(at(14, { type: 'classify-root-cause', kind: 'specific', cause: 'price', notes: null })).thenThrows({
      rule: 'C11',
      code: 'root-cause-mismatch',
    });
    spec.given(upToAnswers).when(at(14, { type: 'classify-root-cause', kind: 'specific', cause: 'incident', notes: 'wrong shipment' })).thenState((s) => {
      expect(s).toMatchObject({ winBack: { steps: ['background', 'decision-maker', 'answers', 'root-cause'] } });
    });
  });

  it('C11: won back needs all six steps; lost may be recorded at any point', () => {
    const partial = historyOf([...leaving, ...steps.slice(0, 4).map((s, i) => at(11 + i, s))]);
    spec.given(partial).when(at(16, { type: 'close-win-back', outcome: 'won-back', reason: 'x' })).thenThrows({ rule: 'C11', code: 'win-back-incomplete' });
    spec.given(partial).when(at(16, { type: 'close-win-back', outcome: 'lost', reason: 'signed with competitor' })).thenState((s) => {
      expect(s).toMatchObject({ winBack: { status: 'lost' }, stage: 'lost' });
    });
  });

  it('C11: when winning back is not worth it there is no follow-up, only the outcome', () => {
    const notWorth = historyOf([...leaving, ...steps.slice(0, 4).map((s, i) => at(11 + i, s)), at(15, { type: 'decide-win-back-worth', worthIt: false, reason: 'unprofitable' })]);
    spec.given(notWorth).when(at(16, steps[5]!)).thenThrows({ rule: 'C11', code: 'win-back-not-worth-it' });
  });

  it('C11: a second leaving signal while a win-back is open is refused', () => {
    spec.given(historyOf(leaving)).when(at(12, { type: 'signal-leaving', signal: 'again' })).thenThrows({ rule: 'C11', code: 'win-back-open', kind: 'conflict' });
  });

  it('C11: only the owner, a collaborator or a manager works a win-back', () => {
    spec.given(historyOf(leaving)).when(cmd(steps[0]!, ben, dayN(11))).thenThrows({ rule: 'C3', kind: 'forbidden' });
  });

  const upTo = (n: number) => historyOf([...leaving, ...steps.slice(0, n).map((s, i) => at(11 + i, s))]);

  it('C11: steps 2 and 6 are contacts and land in the contact log (C5)', () => {
    const history = upTo(6);
    const contacts = ofType(history, 'customers.contact-logged.v1');
    expect(contacts.map((e) => e.data)).toEqual([
      expect.objectContaining({ contactId: 'wb-contact-2', channel: 'visit', outcome: 'reached', occurredAt: dayN(12).toISOString(), byOwner: true }),
      expect.objectContaining({ contactId: 'wb-contact-6', channel: 'call', outcome: 'reached', occurredAt: dayN(16).toISOString(), byOwner: true }),
    ]);
    expect(contacts[0]!.data.notes).toContain('Lee (CFO)');
    expect(stateOf(history)).toMatchObject({ contactCount: 2, lastOwnerContactAt: dayN(16).toISOString() });
  });

  it('C11: step 2 names a person with a title, or the highest-ranking person reachable', () => {
    const reach = (decisionMaker: string, title: string, rank: 'decision-maker' | 'highest-reachable') =>
      at(12, { type: 'reach-decision-maker', decisionMaker, title, rank, notes: null, contactId: 'c2', channel: 'call', direction: 'outbound' });
    spec.given(upTo(1)).when(reach('the client', '', 'decision-maker')).thenThrows({ rule: 'C11', code: 'decision-maker-title-required' });
    spec.given(upTo(1)).when(reach(' ', 'CEO', 'decision-maker')).thenThrows({ rule: 'C11', code: 'decision-maker-title-required' });
    const reached = customerDecider.decide(reach('Ms Chen', 'Head of Purchasing', 'highest-reachable'), stateOf(upTo(1)));
    expect(ofType(reached, 'customers.win-back-decision-maker-reached.v1')[0]!.data).toMatchObject({ decisionMaker: 'Ms Chen', title: 'Head of Purchasing', rank: 'highest-reachable' });
  });

  it('C11: an answer that is a complaint is marked so, and raises one for the complaints service (K1), with the apology', () => {
    const answers = at(13, {
      type: 'record-leaving-answers',
      whyLeaving: 'your engineer broke our line and nobody called back',
      whatWouldMakeStay: 'an apology and a fix',
      complaint: { complaintId: 'k-1', description: 'engineer damaged production line; no call back', apologised: true },
    });
    const events = customerDecider.decide(answers, stateOf(upTo(2)));
    expect(ofType(events, 'customers.win-back-answers-recorded.v1')[0]!.data.isComplaint).toBe(true);
    expect(ofType(events, 'customers.win-back-complaint-raised.v1')[0]!.data).toMatchObject({ complaintId: 'k-1', ownerId: 'rep-ana', apologised: true });
    expect(ofType(customerDecider.decide(at(13, steps[2]!), stateOf(upTo(2))), 'customers.win-back-complaint-raised.v1')).toEqual([]);
  });

  it('C11: a root cause that is a person means another rep takes over the win-back', () => {
    const person = (takeOverBy: string | null) => at(14, { type: 'classify-root-cause', kind: 'specific', cause: 'person', notes: 'the customer will not talk to Ana again', takeOverBy });
    spec.given(upTo(3)).when(person(null)).thenThrows({ rule: 'C11', code: 'take-over-required' });
    spec.given(upTo(3)).when(person('rep-ana')).thenThrows({ rule: 'C11', code: 'take-over-required' });
    const handed = historyOf([...leaving, ...steps.slice(0, 3).map((s, i) => at(11 + i, s)), person('rep-ben')]);
    expect(ofType(handed, 'customers.win-back-handed-over.v1')[0]!.data).toMatchObject({ fromRepId: 'rep-ana', toRepId: 'rep-ben' });
    expect(stateOf(handed)).toMatchObject({ ownerId: 'rep-ana', collaborators: ['rep-ben'], winBack: { handledBy: 'rep-ben' } });
    // From here Ben runs it; Ana cannot, a manager still can.
    spec.given(handed).when(at(15, steps[4]!)).thenThrows({ rule: 'C11', code: 'win-back-handed-over' });
    spec.given(handed).when(cmd(steps[4]!, ben, dayN(15))).thenState((s) => expect(s).toMatchObject({ winBack: { steps: expect.arrayContaining(['worth-it']) } }));
    spec.given(upTo(3)).when(at(14, { ...steps[3]!, takeOverBy: 'rep-ben' } as never)).thenThrows({ rule: 'C11', code: 'take-over-only-for-person' });
  });

  it('C11: a concession granted to win the customer back is its own event, for the manager to see', () => {
    const follow = at(16, { ...steps[5]!, concession: '15% off the renewal' } as never);
    const events = customerDecider.decide(follow, stateOf(upTo(5)));
    expect(ofType(events, 'customers.win-back-concession-granted.v1').map((e) => e.data)).toEqual([
      expect.objectContaining({ ownerId: 'rep-ana', concession: '15% off the renewal', by: 'rep-ana' }),
    ]);
    expect(ofType(customerDecider.decide(at(16, steps[5]!), stateOf(upTo(5))), 'customers.win-back-concession-granted.v1')).toEqual([]);
  });

  it('C7/C11: grading a customer during an open win-back is flagged on the event; outside one it is not', () => {
    const grade = (n: number) => at(n, { type: 'set-grade', grade: 'A', reason: 'they will stay' });
    expect(ofType(customerDecider.decide(grade(12), stateOf(upTo(1))), 'customers.grade-set.v1')[0]!.data.duringWinBack).toBe(true);
    expect(ofType(customerDecider.decide(grade(5), stateOf(historyOf(leaving.slice(0, 2)))), 'customers.grade-set.v1')[0]!.data.duringWinBack).toBeUndefined();
  });
});
