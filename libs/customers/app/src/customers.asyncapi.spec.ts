import { personalData, valueAt, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { toBinaryRecord, type RawDeadLetter } from '@rapport/platform-kafka';
import { deadLetterMessage, deadLetterTopic, deliverWithRetry, PoisonMessageError, type OutgoingMessage } from '@rapport/platform-messaging';
import { asyncApiDocument, isJsonObject, recordedEvents, type Json, type JsonObject, type MessageDoc } from '@rapport/platform-testing';
import { CUSTOMERS_TOPIC, CustomerEventTypes } from '@rapport/customers-contracts';
import { defaultCustomerPolicy, emptyCard, type ContactKeyEvent, type CustomerEvent, type CustomersImported } from '@rapport/customers-domain';
import { toIntegrationMessages } from './customers.integration';

/**
 * docs/asyncapi.yaml is a contract, not a description: every internal event that is published goes through the
 * real mapping and the real Kafka binding, and its topic, key, headers and payload must be what the document says.
 * Ajv runs strict, so a misspelt keyword or a `required` field missing from `properties` fails too.
 */

const { doc, deref, inline, channel, messagesOf, keySchema, expectValid } = asyncApiDocument();
const isObject = isJsonObject;
const customers = channel(CUSTOMERS_TOPIC);
const customerMessages = messagesOf(customers);

type Internal = CustomerEvent | ContactKeyEvent | CustomersImported;
/** What stays inside the service (the mapping returns nothing for it): card edits, win-back steps, the registry. */
type InternalOnly =
  | 'customers.category-spend-estimated.v1'
  | 'customers.card-updated.v1'
  | 'customers.card-fields-confirmed.v1'
  | 'customers.referral-qualified.v1'
  | 'customers.referral-points-awarded.v1'
  | 'customers.win-back-background-gathered.v1'
  | 'customers.win-back-decision-maker-reached.v1'
  | 'customers.win-back-answers-recorded.v1'
  | 'customers.win-back-root-cause-classified.v1'
  | 'customers.win-back-worth-decided.v1'
  | 'customers.win-back-followed-up.v1'
  | 'customers.customer-merged-into.v1'
  | 'customers.customer-unmerged.v1'
  | 'customers.win-back-handed-over.v1'
  | 'customers.win-back-concession-granted.v1'
  | 'customers.contact-key-claimed.v1'
  | 'customers.contact-key-released.v1'
  | 'customers.contact-key-repointed.v1'
  | 'customers.duplicate-registration-refused.v1'
  | 'customers.customers-imported.v1'
  | 'customers.customer-erased.v1';
type Published = Exclude<Internal['type'], InternalOnly>;
type DataOf<T extends Internal['type']> = Extract<Internal, { readonly type: T }>['data'];

const at = '2026-03-03T09:00:00.000Z';
const policyVersion = defaultCustomerPolicy.version;
const card = emptyCard('Mia Wong');
const laptops = { share: 0.25, ourSpend: 1249.5, estimatedSpend: 4998 };
const outgrown = { share: 1, ourSpend: 5200, estimatedSpend: 4998, estimateBelowOurSpend: true } as const;
const reclaim = { customerId: 'c-1', ownerId: 'rep-ben', lastOwnerContactAt: '2025-12-03T09:00:00.000Z', at, policyVersion };
const reclaimed = { customerId: 'c-1', fromOwnerId: 'rep-ben', toOwnerId: 'rep-ana', reason: 'no owner contact for 90 days', by: 'timer', at };
const contact = { customerId: 'c-1', contactId: 'k-1', channel: 'call', direction: 'outbound', outcome: 'not-now', occurredAt: at, byOwner: true } as const;

/** Every internal event type that is published, with its nullable and optional branches; a new one cannot be forgotten. */
const published: { readonly [T in Published]: readonly [DataOf<T>, ...DataOf<T>[]] } = {
  'customers.customer-registered.v1': [
    { customerId: 'c-1', name: 'Mia Wong', phone: '+14155550100', email: 'mia@example.com', ownerId: 'rep-ana', registeredAt: at },
    { customerId: 'c-2', name: 'Acme GmbH', phone: null, email: null, ownerId: 'rep-ben', registeredAt: at },
    {
      customerId: 'c-3',
      name: 'Li Na',
      phone: null,
      email: 'li@example.com',
      ownerId: 'rep-ben',
      registeredAt: at,
      company: 'Acme GmbH',
      registeredBy: 'manager-max',
      source: 'import',
      importId: 'i-1',
    },
  ],
  'customers.ownership-transferred.v1': [{ customerId: 'c-1', fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', reason: 'territory change', by: 'manager-max', at }],
  'customers.customer-reclaimed.v1': [
    { ...reclaimed, assignment: 'least-busy', lastOwnerContactAt: reclaim.lastOwnerContactAt, policyVersion },
    { ...reclaimed, assignment: 'manager', lastOwnerContactAt: reclaim.lastOwnerContactAt, policyVersion, by: 'manager-max' },
  ],
  'customers.ownership-changed-by-merge.v1': [
    { customerId: 'c-1', mergeId: 'm-1', mergedCustomerId: 'c-0', fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', cause: 'merge', reason: 'c-0 was registered first', by: 'manager-max', at },
  ],
  'customers.win-back-complaint-raised.v1': [
    { customerId: 'c-1', complaintId: 'k-1', ownerId: 'rep-ana', description: 'the installer left a mess', apologised: true, by: 'rep-ana', at },
  ],
  'customers.collaborator-added.v1': [{ customerId: 'c-1', collaboratorId: 'rep-ben', ownerId: 'rep-ana', collaboratorIds: ['rep-ben'], by: 'rep-ana', at }],
  'customers.collaborator-removed.v1': [{ customerId: 'c-1', collaboratorId: 'rep-ben', ownerId: 'rep-ana', collaboratorIds: [], reason: null, by: 'rep-ben', at }],
  'customers.contact-logged.v1': [
    { ...contact, notes: 'private: her husband is ill', nextStep: 'call in spring', nextStepAt: '2026-04-01T09:00:00.000Z', by: 'rep-ana', at },
    { ...contact, contactId: 'k-2', channel: 'gift', direction: 'inbound', outcome: 'reached', notes: null, nextStep: null, nextStepAt: null, byOwner: false, by: 'rep-ben', at },
  ],
  'customers.purchase-recorded.v1': [
    {
      customerId: 'c-1',
      purchaseId: 'INV-2026-0042',
      amount: 1249.5,
      category: 'laptops',
      occurredAt: at,
      currency: 'USD',
      points: 1249,
      lifetimePoints: 1249,
      by: 'rep-ana',
      at,
      policyVersion,
    },
  ],
  'customers.stage-changed.v1': [
    { customerId: 'c-1', from: null, to: 'prospect-with-intent', at, policyVersion },
    { customerId: 'c-1', from: 'prospect-with-intent', to: 'new-buyer', at, policyVersion },
  ],
  'customers.tier-changed.v1': [
    { customerId: 'c-1', from: null, to: 'member', lifetimePoints: 1249, at, policyVersion },
    { customerId: 'c-1', from: 'member', to: null, lifetimePoints: 0, at, policyVersion },
  ],
  'customers.grade-set.v1': [
    { customerId: 'c-1', grade: 'B', previousGrade: null, reason: 'will buy after the budget round', by: 'rep-ana', at },
    { customerId: 'c-1', grade: 'A', previousGrade: 'B', reason: 'budget approved', by: 'rep-ana', at },
  ],
  'customers.share-of-wallet-changed.v1': [
    { customerId: 'c-1', overall: null, byCategory: {}, windowMonths: 12, at, policyVersion },
    { customerId: 'c-1', overall: laptops, byCategory: { laptops }, windowMonths: 12, at, policyVersion },
    { customerId: 'c-1', overall: outgrown, byCategory: { laptops: outgrown }, windowMonths: 12, at, policyVersion },
  ],
  'customers.reclaim-warning-issued.v1': [{ ...reclaim, reclaimableAt: '2026-03-17T09:00:00.000Z' }],
  'customers.customer-became-reclaimable.v1': [{ ...reclaim, reclaimableSince: '2026-03-03T09:00:00.000Z' }],
  'customers.reclaim-clock-reset.v1': [reclaim],
  'customers.referrer-recorded.v1': [{ customerId: 'c-1', referrerId: 'c-9', by: 'rep-ana', at }],
  'customers.leaving-signalled.v1': [{ customerId: 'c-1', ownerId: 'rep-ana', signal: 'asked for termination terms', by: 'rep-ana', at }],
  'customers.customer-won-back.v1': [{ customerId: 'c-1', ownerId: 'rep-ana', reason: 'support model changed', by: 'rep-ana', at }],
  'customers.customer-lost.v1': [{ customerId: 'c-1', ownerId: 'rep-ana', reason: 'moved to a competitor', by: 'rep-ana', at }],
  'customers.customer-absorbed.v1': [
    {
      customerId: 'c-1',
      mergeId: 'm-1',
      absorbed: {
        customerId: 'c-2',
        mergeId: 'm-1',
        ownerId: 'rep-ben',
        registeredAt: at,
        purchases: [{ purchaseId: 'INV-7', amount: 100, category: 'laptops', occurredAt: at }],
        estimates: { laptops: 4998 },
        lifetimePoints: 100,
        lastContactAt: null,
        contactCount: 0,
        contactKeys: ['email:mia@example.com'],
        referrerId: null,
      },
      fieldWinners: { company: 'merged' },
      cardBefore: card,
      cardAfter: { ...card, company: 'Acme GmbH' },
      lifetimePoints: 1349,
      reason: 'same person, two records',
      by: 'manager-max',
      at,
    },
  ],
  'customers.merge-undone.v1': [
    { customerId: 'c-1', mergeId: 'm-1', mergedCustomerId: 'c-2', cardRestored: card, lifetimePoints: 1249, reason: 'two people after all', by: 'manager-max', at },
  ],
};

const traced = (recorded: RecordedEvent, index: number): RecordedEvent =>
  index % 2 === 0 ? recorded : { ...recorded, metadata: { ...recorded.metadata, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'rapport=1' } };
const cases = recordedEvents(
  Object.entries(published).flatMap(([type, list]) =>
    (list as readonly { readonly customerId: string }[]).map((data) => ({ streamId: `customer-${data.customerId}`, event: { type, data } })),
  ),
).map(traced);

describe('docs/asyncapi.yaml is the contract of rapport.customers.v1', () => {
  it('is an AsyncAPI 3.0 document whose references all resolve, operations pointing into their channel', () => {
    expect(doc['asyncapi']).toBe('3.0.0');
    const refs: string[] = [];
    const walk = (node: Json): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (isObject(node)) Object.entries(node).forEach(([key, value]) => (key === '$ref' ? refs.push(value as string) : walk(value)));
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(() => deref({ $ref: ref })).not.toThrow();
    for (const operation of Object.values(doc['operations'] as JsonObject) as { channel: { $ref: string }; messages: { $ref: string }[] }[]) {
      for (const message of operation.messages) expect(message.$ref.startsWith(`${operation.channel.$ref}/messages/`)).toBe(true);
    }
  });

  /** The rule ids a message's summary starts with (`C3, C4: ...`). */
  const rulesOf = (recorded: RecordedEvent): string => {
    const type = toIntegrationMessages(recorded)[0]?.event.type;
    return `${customerMessages.find((m) => m.name === type)?.summary?.split(':')[0] ?? 'undocumented'}: ${recorded.type} → ${type ?? 'nothing'}`;
  };
  it.each(cases.map((recorded) => [`${rulesOf(recorded)} (${recorded.metadata.eventId})`, recorded] as const))(
    '%s is published as documented: topic, key, CloudEvent headers, payload',
    (_name, recorded) => {
      const messages = toIntegrationMessages(recorded);
      expect(messages).toHaveLength(1);
      const message = messages[0]!;
      const documented = customerMessages.filter((m) => m.name === message.event.type);
      expect(documented.map((m) => m.name)).toEqual([message.event.type]);
      const spec = documented[0]!;

      expect(message.topic).toBe(customers.address);
      expect(message.key).toBe(recorded.metadata.streamId.replace(/^customer-/, ''));
      expect(message.event.subject).toBe(message.key);
      expect(message.event.datacontenttype).toBe(spec.contentType);
      expectValid(spec.payload, message.event.data, `${spec.name} payload`);

      const record = toBinaryRecord(message);
      expect(record.topic).toBe(customers.address);
      expectValid(keySchema(spec), record.key, `${spec.name} key`);
      expectValid(spec.headers, record.headers, `${spec.name} headers`);
      expect(record.headers['ce_id']).toBe(recorded.metadata.eventId);
      const header = /^\$message\.header#\/(.+)$/.exec((deref(spec.correlationId ?? null) as { location?: string } | null)?.location ?? '')?.[1];
      expect(header && record.headers[header]).toBe(recorded.metadata.correlationId);
    },
  );

  it('has no stale message: each one is produced by a mapping, each contract type is documented, the service sends them all', () => {
    const produced = [...new Set(cases.flatMap((recorded) => toIntegrationMessages(recorded).map((m) => m.event.type)))].sort();
    expect(customerMessages.map((m) => m.name).sort()).toEqual(produced);
    expect(Object.values(CustomerEventTypes).sort()).toEqual(produced);
    const operations = (Object.values(doc['operations'] as JsonObject) as { action: string; channel: Json; messages: Json[] }[]).filter(
      (o) => deref(o.channel) === (customers as unknown as Json),
    );
    expect(operations.map((o) => o.action).sort()).toEqual(['receive', 'send']);
    for (const o of operations) expect(o.messages.map((m) => (deref(m) as unknown as MessageDoc).name).sort()).toEqual(produced);
  });

  it('keeps payloads closed, with every field present (null stands for "none"), so consumers can validate strictly', () => {
    const problems: string[] = [];
    const check = (node: Json, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => check(item, `${path}/${i}`));
      if (!isObject(node)) return;
      if (isObject(node['properties'])) {
        if (node['additionalProperties'] !== false) problems.push(`${path}: additionalProperties is not false`);
        const required = [...((node['required'] as string[] | undefined) ?? [])].sort();
        if (JSON.stringify(required) !== JSON.stringify(Object.keys(node['properties']).sort())) problems.push(`${path}: not every field is required`);
      }
      for (const key of ['properties', 'additionalProperties', 'items', 'anyOf', 'oneOf', 'allOf'] as const) {
        const child = node[key];
        if (key === 'properties' && isObject(child)) Object.entries(child).forEach(([name, value]) => check(value, `${path}/${name}`));
        else if (child !== undefined && key !== 'properties') check(child, `${path}/${key}`);
      }
    };
    for (const spec of customerMessages) check(inline(spec.payload), spec.name);
    expect(problems).toEqual([]);
  });

  it('A5: no personal field of an internal event reaches the topic, not even free text (names, reasons)', () => {
    const leaks: string[] = [];
    for (const recorded of cases) {
      const groups = personalData.groups(recorded.type);
      const values = groups.flatMap((g) => g.fields.map((path) => valueAt(recorded.data, path))).flatMap((v) => (Array.isArray(v) ? v : [v]));
      const personal = values.filter((v): v is string => typeof v === 'string' && v.length > 3);
      const sent = JSON.stringify(toIntegrationMessages(recorded).map((m) => m.event));
      for (const value of personal) if (sent.includes(value)) leaks.push(`${recorded.type}: ${value}`);
    }
    expect(leaks).toEqual([]);
    expect(cases.filter((c) => personalData.groups(c.type).length > 0).length).toBeGreaterThan(5);
  });

  it('C7: setting the same grade again publishes nothing', () => {
    const data = { customerId: 'c-1', grade: 'A', previousGrade: 'A', reason: 'still ready to buy', by: 'rep-ana', at };
    const [same] = recordedEvents([{ streamId: 'customer-c-1', event: { type: 'customers.grade-set.v1', data } }]);
    expect(toIntegrationMessages(same!)).toEqual([]);
  });
});

describe('docs/asyncapi.yaml is the contract of rapport.customers.v1.dlq', () => {
  const dlq = channel(deadLetterTopic(CUSTOMERS_TOPIC));
  const [spec, ...others] = messagesOf(dlq);
  const expectDocumented = (letter: OutgoingMessage): void => {
    expect(others).toEqual([]);
    expect(letter.topic).toBe(dlq.address);
    expect(letter.event.type).toBe(spec!.name);
    expectValid(spec!.payload, letter.event.data, 'dead letter payload');
    const record = toBinaryRecord(letter);
    expectValid(spec!.headers, record.headers, 'dead letter headers');
    expectValid(keySchema(spec!), record.key, 'dead letter key');
  };

  it('ADR 4: a message no consumer can process is parked as a documented rapport.dead-letter.v1', async () => {
    const message = toIntegrationMessages(cases[0]!)[0]!;
    const parked: OutgoingMessage[] = [];
    const outcome = await deliverWithRetry(
      { topic: message.topic, partition: 2, offset: 41, key: message.key, event: message.event },
      { groupId: 'sales-gating', topics: [message.topic], handle: () => Promise.reject(new PoisonMessageError('owner unknown to this consumer')) },
      async (letters) => void parked.push(...letters),
    );
    expect(outcome).toBe('parked');
    expect(parked).toHaveLength(1);
    expectDocumented(parked[0]!);
    expect(parked[0]!.key).toBe(message.key);
  });

  it('ADR 4: a Kafka record that is not a CloudEvent is parked verbatim, with its headers, as documented', () => {
    const letter: RawDeadLetter = {
      originalTopic: CUSTOMERS_TOPIC,
      partition: 0,
      offset: 7,
      groupId: 'sales-gating',
      reason: 'PoisonMessageError: not a CloudEvent: missing header(s) ce_id',
      attempts: 1,
      failedAt: at,
      value: '{"hello":"world"}',
      valueEncoding: 'utf8',
      headers: { 'content-type': 'application/json' },
    };
    expectDocumented(deadLetterMessage(letter, '0', `sales-gating/${CUSTOMERS_TOPIC}/0/7`));
  });
});
