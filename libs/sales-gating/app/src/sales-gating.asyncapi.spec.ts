import { join } from 'node:path';
import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import type { OutgoingMessage } from '@rapport/platform-messaging';
import { asyncApiDocument, recordedEvents } from '@rapport/platform-testing';
import {
  SALES_GATING_CHECK_REPLIES_TOPIC,
  SALES_GATING_CHECKS_TOPIC,
  SALES_GATING_TOPIC,
  SalesGatingCheckTypes,
  SalesGatingEventTypes,
  type CheckRequestedV1,
} from '@rapport/sales-gating-contracts';
import { checkPitch, defaultGatePolicy, evaluateGate, initialGateState, type GateEvent, type GateState, type PolicyPut } from '@rapport/sales-gating-domain';
import { checkAnsweredMessage, checkRequestOf, replyOfTopic } from './check-pitch/checks.consumer';
import { toIntegrationMessages } from './sales-gating.integration';

/**
 * libs/sales-gating/contracts/asyncapi.yaml is the contract of the gating topics: every internal event goes
 * through the real mapping and the real Kafka binding, and topic, key, headers and payload must be as documented.
 */
const contract = asyncApiDocument(join(__dirname, '../../contracts/asyncapi.yaml'));
function expectDocumented(message: OutgoingMessage): void {
  contract.expectDocumented(message);
  expect(message.key).toBe(message.event.subject);
}

type Internal = GateEvent | PolicyPut;
type InternalOnly = 'sales-gating.fact-noted.v1' | 'sales-gating.policy-put.v1';
type Published = Exclude<Internal['type'], InternalOnly>;
type DataOf<T extends Internal['type']> = Extract<Internal, { readonly type: T }>['data'];

const at = '2026-03-03T09:00:00.000Z';
const now = new Date(at);
const held: GateState = { ...initialGateState(), customerId: 'c-1', ownerId: 'rep-ana', latestNps: { eventId: 'e-nps', at, score: 3, surveyId: 's-1' } };
const decision = evaluateGate(held, defaultGatePolicy, now);

const published: { readonly [T in Published]: readonly DataOf<T>[] } = {
  'sales-gating.gate-changed.v1': [
    { customerId: 'c-1', ownerId: 'rep-ana', previous: null, decision, cause: { kind: 'event', eventId: 'e-nps' } },
    { customerId: 'c-1', ownerId: null, previous: 'HOLD', decision: { ...decision, status: 'TARGET', nextChangeAt: null }, cause: { kind: 'policy', policyVersion: 'gating-2026.2' } },
  ],
  'sales-gating.sales-attempt-recorded.v1': [
    { customerId: 'c-1', attemptId: 'a-1', repId: 'rep-ana', pitch: true, product: 'seats', customerAsked: false, outcome: 'not-now', snoozedUntil: at, at, policyVersion: 'gating-2026.1' },
    { customerId: 'c-1', attemptId: 'a-2', repId: 'rep-ana', pitch: false, product: null, customerAsked: true, outcome: 'reached', snoozedUntil: null, at, policyVersion: 'gating-2026.1' },
  ],
  'sales-gating.fix-first-alerted.v1': [
    { customerId: 'c-1', ownerId: 'rep-ana', managerId: 'manager-max', gateEventId: 'event-9', reasons: decision.reasons, at },
    { customerId: 'c-1', ownerId: null, managerId: null, gateEventId: 'event-9', reasons: [], at },
  ],
  'sales-gating.quote-recorded.v1': [
    { customerId: 'c-1', quoteId: 'q-1', repId: 'rep-ana', product: 'seats', amount: 20_000, currency: 'EUR', previousAmount: null, approvedBy: null, at },
    { customerId: 'c-1', quoteId: 'q-2', repId: 'rep-cai', product: 'seats', amount: 18_000.5, currency: 'EUR', previousAmount: 20_000, approvedBy: 'manager-max', at },
  ],
};
const internalOnly: { readonly [T in InternalOnly]: DataOf<T> } = {
  'sales-gating.fact-noted.v1': { customerId: 'c-1', sourceEventId: 'e-1', fact: { kind: 'purchase', purchaseId: 'p-1', amount: 10, at } },
  'sales-gating.policy-put.v1': { policy: defaultGatePolicy, putBy: 'manager-max', reason: 'x', at },
};
const recorded = (type: string, data: object): RecordedEvent => recordedEvents([{ streamId: 'gate-c-1', event: { type, data } }])[0]!;
const cases = Object.entries(published).flatMap(([type, list]) => (list as readonly object[]).map((data, i) => [`${type} #${i + 1}`, type, data] as const));

describe('libs/sales-gating/contracts/asyncapi.yaml is the contract of the gating topics', () => {
  it.each(cases)('G7, G5, G9: %s is published keyed by the customer, as documented', (_name, type, data) => {
    const messages = toIntegrationMessages(recorded(type, data));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.topic).toBe(SALES_GATING_TOPIC);
    expectDocumented(messages[0]!);
  });

  it.each(Object.entries(internalOnly))('%s stays inside sales gating', (type, data) => {
    expect(toIntegrationMessages(recorded(type, data))).toEqual([]);
  });

  it('G5, G6: a check request as documented is accepted, and its answer is as documented', () => {
    const data: CheckRequestedV1 = { requestId: 'r-1', customerId: 'c-1', repId: 'rep-ana', product: 'seats', customerAsked: false };
    const request: OutgoingMessage = {
      topic: SALES_GATING_CHECKS_TOPIC,
      key: 'c-1',
      event: { specversion: '1.0', id: 'dialer-1', source: '/dialer', type: SalesGatingCheckTypes.checkRequested, subject: 'c-1', time: at, datacontenttype: 'application/json', data },
    };
    expectDocumented(request);
    const accepted = checkRequestOf(request.event.data);
    const answer = checkPitch(held, defaultGatePolicy, { repId: accepted.repId, now });
    expectDocumented(checkAnsweredMessage(request.event, { requestId: accepted.requestId, ...replyOfTopic(accepted, answer, defaultGatePolicy, at) }));
    expect(() => checkRequestOf({ ...data, repId: 'a b' })).toThrow(/ids/);
    expect(() => checkRequestOf({ ...data, extra: 1 })).toThrow(/unknown fields/);
  });

  it('has no stale message: every documented message is produced or accepted, and every contract type is documented', () => {
    const documented = [SALES_GATING_TOPIC, SALES_GATING_CHECKS_TOPIC, SALES_GATING_CHECK_REPLIES_TOPIC].flatMap((topic) =>
      contract.messagesOf(contract.channel(topic)).map((m) => `${topic} ${m.name}`),
    );
    expect(documented.sort()).toEqual(
      [
        ...Object.values(SalesGatingEventTypes).map((t) => `${SALES_GATING_TOPIC} ${t}`),
        `${SALES_GATING_CHECKS_TOPIC} ${SalesGatingCheckTypes.checkRequested}`,
        `${SALES_GATING_CHECK_REPLIES_TOPIC} ${SalesGatingCheckTypes.checkAnswered}`,
      ].sort(),
    );
  });
});
