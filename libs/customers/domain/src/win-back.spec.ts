import { deciderSpec } from '@rapport/platform-testing';
import { ana, ben, cmd, dayN, historyOf, ofType, purchase, register, stateOf, T0, typesOf } from '../test/customer-fixtures';
import type { CustomerCommand, CustomerCommandBody } from './customer.commands';
import { customerDecider } from './customer.decider';

const at = (n: number, body: CustomerCommandBody): CustomerCommand => cmd(body, ana, dayN(n));
const steps: CustomerCommandBody[] = [
  { type: 'gather-win-back-background', background: 'three late deliveries in Q3; new procurement lead' },
  { type: 'reach-decision-maker', decisionMaker: 'Lee (CFO)', notes: 'met at their office' },
  { type: 'record-leaving-answers', whyLeaving: 'deliveries late', whatWouldMakeStay: 'guaranteed delivery windows' },
  { type: 'classify-root-cause', kind: 'systemic', cause: 'support-model', notes: null },
  { type: 'decide-win-back-worth', worthIt: true, reason: 'top-20 account, 30% share of wallet' },
  { type: 'follow-up-win-back', whatChanged: 'dedicated delivery slot and a named account manager' },
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
});
