import { projectionSpec, recordedEvents } from '@rapport/platform-testing';
import type { ContactKeyEvent, CustomerEvent } from '@rapport/customers-domain';
import { CUSTOMER_CARDS, POSSIBLE_DUPLICATES, REGISTRATION_REFUSALS, REP_LOADS, type CustomerCard, type PossibleDuplicateGroup, type RegistrationRefusal, type RepLoad } from './customer-card.model';
import { customerCardProjection } from './customer-card.projection';

const at = (day: number): string => new Date(Date.UTC(2026, 0, 5 + day, 9)).toISOString();
const registered = (customerId: string, ownerId: string): CustomerEvent => ({
  type: 'customers.customer-registered.v1',
  data: { customerId, name: customerId, phone: null, email: `${customerId}@example.com`, ownerId, registeredAt: at(0) },
});

describe('customer card projection', () => {
  it('A5: an erased customer leaves her possible-duplicate group (keyed by name and company), her namesake stays alone in it', async () => {
    const namesake = (customerId: string): CustomerEvent => ({
      type: 'customers.customer-registered.v1',
      data: { customerId, name: 'Li Na', phone: null, email: `${customerId}@example.com`, ownerId: 'rep-ana', registeredAt: at(0), company: 'Acme GmbH' },
    });
    const erased: CustomerEvent = { type: 'customers.customer-erased.v1', data: { customerId: 'c-1', basis: 'data-subject-request', releasedKeys: 1, by: 'admin-root', at: at(5) } };
    await projectionSpec(
      customerCardProjection,
      recordedEvents([
        { streamId: 'customer-c-1', event: namesake('c-1') },
        { streamId: 'customer-c-2', event: namesake('c-2') },
        { streamId: 'customer-c-1', event: erased },
      ]),
      async (readModels) => {
        const groups = await readModels.find<PossibleDuplicateGroup>(POSSIBLE_DUPLICATES);
        expect(groups.map(({ customerIds, size }) => ({ customerIds, size }))).toEqual([{ customerIds: ['c-2'], size: 1 }]);
        expect(JSON.stringify(await readModels.get<CustomerCard>(CUSTOMER_CARDS, 'c-1'))).not.toContain('Li Na');
      },
    );
  });

  it('C1: the duplicates list names the owner the existing customer had when the attempt was refused', async () => {
    const refused: ContactKeyEvent = {
      type: 'customers.duplicate-registration-refused.v1',
      data: { key: 'email:c-1@example.com', existingCustomerId: 'c-1', attempt: { customerId: 'c-9', name: 'Copy', phone: null, email: 'c-1@example.com', source: 'import', importId: 'i-1', row: 7 }, by: 'rep-ben', at: at(1) },
    };
    const transferred: CustomerEvent = { type: 'customers.ownership-transferred.v1', data: { customerId: 'c-1', fromOwnerId: 'rep-ana', toOwnerId: 'rep-cy', reason: 'x', by: 'manager-max', at: at(2) } };
    await projectionSpec(
      customerCardProjection,
      recordedEvents([
        { streamId: 'customer-c-1', event: registered('c-1', 'rep-ana') },
        { streamId: 'contact-key-email:c-1@example.com', event: refused },
        { streamId: 'customer-c-1', event: transferred },
      ]),
      async (readModels) => {
        const [refusal] = await readModels.find<RegistrationRefusal>(REGISTRATION_REFUSALS);
        expect(refusal).toMatchObject({ existingCustomerId: 'c-1', existingOwnerId: 'rep-ana', attemptedBy: 'rep-ben', matchedOn: 'email', source: 'import' });
        expect(await readModels.get<CustomerCard>(CUSTOMER_CARDS, 'c-1')).toMatchObject({ ownerId: 'rep-cy', ownerAssignment: 'transfer', reclaimBasisAt: at(2), members: '|rep-cy|' });
      },
    );
  });

  it('A5: erasing the existing customer drops her contact key and the matching attempt\'s contact data from the refused attempts, without a rebuild', async () => {
    const refused: ContactKeyEvent = {
      type: 'customers.duplicate-registration-refused.v1',
      data: { key: 'phone:+8613800138000', existingCustomerId: 'c-1', attempt: { customerId: 'c-9', name: 'Copy', phone: '+8613800138000', email: null, source: 'api' }, by: 'rep-ben', at: at(1) },
    };
    const other: ContactKeyEvent = {
      type: 'customers.duplicate-registration-refused.v1',
      data: { key: 'email:c-2@example.com', existingCustomerId: 'c-2', attempt: { customerId: 'c-8', name: 'Other', phone: null, email: 'c-2@example.com', source: 'api' }, by: 'rep-ben', at: at(2) },
    };
    const erased: CustomerEvent = { type: 'customers.customer-erased.v1', data: { customerId: 'c-1', basis: 'data-subject-request', releasedKeys: 1, by: 'admin-root', at: at(5) } };
    await projectionSpec(
      customerCardProjection,
      recordedEvents([
        { streamId: 'customer-c-1', event: registered('c-1', 'rep-ana') },
        { streamId: 'customer-c-2', event: registered('c-2', 'rep-ana') },
        { streamId: 'contact-key-phone:+8613800138000', event: refused },
        { streamId: 'contact-key-email:c-2@example.com', event: other },
        { streamId: 'customer-c-1', event: erased },
      ]),
      async (readModels) => {
        const refusals = await readModels.find<RegistrationRefusal>(REGISTRATION_REFUSALS, { orderBy: [{ field: 'attemptedAt', direction: 'asc' }] });
        expect(refusals.map((r) => [r.existingCustomerId, r.key])).toEqual([
          ['c-1', null],
          ['c-2', 'email:c-2@example.com'],
        ]);
        expect(JSON.stringify(refusals[0])).not.toContain('8613800138000');
        expect(refusals[0]).toMatchObject({ attemptedBy: 'rep-ben', source: 'api', attempt: { customerId: 'c-9', name: '', phone: null, email: null } });
      },
    );
  });

  it('C4: each rep\'s load counts the active customers they own, through transfers and merges', async () => {
    const merged: CustomerEvent = { type: 'customers.customer-merged-into.v1', data: { customerId: 'c-2', survivorId: 'c-1', mergeId: 'm-1', reason: 'dup', by: 'manager-max', at: at(3) } };
    const reclaimed: CustomerEvent = {
      type: 'customers.customer-reclaimed.v1',
      data: { customerId: 'c-3', fromOwnerId: 'rep-ana', toOwnerId: 'rep-cy', assignment: 'round-robin', reason: 'neglect', lastOwnerContactAt: at(0), by: 'manager-max', at: at(95), policyVersion: 'p' },
    };
    await projectionSpec(
      customerCardProjection,
      recordedEvents([
        { streamId: 'customer-c-1', event: registered('c-1', 'rep-ana') },
        { streamId: 'customer-c-2', event: registered('c-2', 'rep-ben') },
        { streamId: 'customer-c-3', event: registered('c-3', 'rep-ana') },
        { streamId: 'customer-c-2', event: merged },
        { streamId: 'customer-c-3', event: reclaimed },
      ]),
      async (readModels) => {
        const loads = await readModels.find<RepLoad>(REP_LOADS, { orderBy: [{ field: 'id' }] });
        expect(loads).toEqual([
          { id: 'rep-ana', owned: 1 },
          { id: 'rep-ben', owned: 0 },
          { id: 'rep-cy', owned: 1 },
        ]);
        expect(await readModels.get('auto_assignments', 'rep-cy')).toEqual({ id: 'rep-cy', lastAssignedAt: at(95), lastAssignedSeq: expect.any(Number) });
      },
    );
  });
});
