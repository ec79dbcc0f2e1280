import { topicPublisher } from '@rapport/platform-messaging';
import { recordedEvents } from '@rapport/platform-testing';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerPayloadsV1 } from '@rapport/customers-contracts';
import { emptyCard, type ContactKeyEvent, type CustomerEvent } from '@rapport/customers-domain';
import { toIntegrationMessages } from './customers.integration';

const at = '2026-03-03T09:00:00.000Z';
const contact: CustomerEvent = {
  type: 'customers.contact-logged.v1',
  data: {
    customerId: 'c-1',
    contactId: 'k-1',
    channel: 'call',
    direction: 'outbound',
    outcome: 'not-now',
    notes: 'private: her husband is ill',
    nextStep: 'call in spring',
    nextStepAt: '2026-04-01T09:00:00.000Z',
    occurredAt: at,
    byOwner: true,
    by: 'rep-ana',
    at,
  },
};
const registered: CustomerEvent = {
  type: 'customers.customer-registered.v1',
  data: { customerId: 'c-1', name: 'Mia Wong', phone: '+14155550100', email: 'mia@example.com', ownerId: 'rep-ana', registeredAt: at },
};
const refused: ContactKeyEvent = {
  type: 'customers.duplicate-registration-refused.v1',
  data: { key: 'phone:+14155550100', existingCustomerId: 'c-1', attempt: { customerId: 'c-2', name: 'Mia', phone: '+14155550100', email: null, source: 'api' }, by: 'rep-ben', at },
};
const card: CustomerEvent = { type: 'customers.card-updated.v1', data: { customerId: 'c-1', changes: { familyNotes: 'two kids' }, by: 'rep-ana', at } };

describe('integration events on rapport.customers.v1', () => {
  const [reg, con, ref, upd] = recordedEvents([registered, contact, refused, card].map((event) => ({ streamId: 'customer-c-1', event })));

  it('are CloudEvents with a versioned type, the customer as subject and partition key, and the internal event id as id', () => {
    const [message] = toIntegrationMessages(reg!);
    expect(message).toEqual({
      topic: CUSTOMERS_TOPIC,
      key: 'c-1',
      event: expect.objectContaining({
        specversion: '1.0',
        id: reg!.metadata.eventId,
        source: CUSTOMERS_SOURCE,
        type: 'rapport.customers.customer-registered.v1',
        subject: 'c-1',
        time: reg!.metadata.recordedAt,
        actorid: 'user-test',
        data: { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'customer c-1', registeredAt: at },
      }),
    });
    expect(Object.values(CustomerEventTypes).every((type) => /^rapport\.customers\.[a-z-]+\.v1$/.test(type))).toBe(true);
  });

  it('C5: a logged contact is published without its notes or next-step text (personal data stays in the service)', () => {
    const [message] = toIntegrationMessages(con!);
    expect(message!.event.type).toBe(CustomerEventTypes.contactLogged);
    expect(JSON.stringify(message)).not.toMatch(/husband|spring/);
    expect(message!.event.data).toMatchObject({ outcome: 'not-now', nextStepAt: '2026-04-01T09:00:00.000Z', byOwner: true });
  });

  it('C1, C9: refusals and card edits stay internal', () => {
    expect(toIntegrationMessages(ref!)).toEqual([]);
    expect(toIntegrationMessages(upd!)).toEqual([]);
  });

  it('C2: an unmerge is published with its own payload, naming the restored record and the merge undone', () => {
    const [undone] = recordedEvents([
      { streamId: 'customer-c-1', event: { type: 'customers.merge-undone.v1', data: { customerId: 'c-1', mergedCustomerId: 'c-2', mergeId: 'm-1', cardRestored: emptyCard('Mia Wong'), lifetimePoints: 0, by: 'manager-max', reason: 'namesakes', at } } satisfies CustomerEvent },
    ]);
    const [message] = toIntegrationMessages(undone!);
    expect(message!.event.type).toBe(CustomerEventTypes.unmerged);
    expect(message!.event.data).toEqual({ survivorId: 'c-1', restoredId: 'c-2', mergeId: 'm-1', unmergedAt: at });
  });

  it('the type decides the payload: a payload published under another type does not compile', () => {
    const publish = topicPublisher<CustomerPayloadsV1>(CUSTOMERS_TOPIC, CUSTOMERS_SOURCE);
    const merged = { survivorId: 'c-1', mergedId: 'c-2', mergeId: 'm-1', mergedAt: at };
    // `npm run typecheck` fails if either line below compiles: each pairs a type with another type's payload.
    // @ts-expect-error a merge payload is not an unmerge payload
    publish(reg!, CustomerEventTypes.unmerged, 'c-1', merged);
    // @ts-expect-error a registration payload needs its display name
    publish(reg!, CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', registeredAt: at });
    expect(publish(reg!, CustomerEventTypes.merged, 'c-1', merged)[0]!.event.data).toEqual(merged);
  });
});
