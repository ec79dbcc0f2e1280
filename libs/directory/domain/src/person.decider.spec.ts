import { deciderSpec } from '@rapport/platform-testing';
import type { PersonProfile, PersonEvent } from './person.events';
import { personDecider, type PersonCommand } from './person.decider';

const T0 = new Date('2026-01-05T09:00:00.000Z');
const admin = { actor: { id: 'admin-root', roles: ['admin'] }, now: T0 };
const at = T0.toISOString();
const ana: PersonProfile = { personId: 'rep-ana', name: 'Ana Alves', email: 'ana@example.com', roles: ['rep'], teamId: 'east', managerId: 'manager-max', externalId: null };
const registered: PersonEvent = { type: 'directory.person-registered.v1', data: { ...ana, by: 'admin-root', at } };
const deactivated: PersonEvent = { type: 'directory.person-deactivated.v1', data: { personId: 'rep-ana', reason: 'left the company', by: 'admin-root', at } };
const facts = { manager: 'active', teamDefined: true } as const;
type Body = PersonCommand extends infer C ? (C extends PersonCommand ? Omit<C, 'actor' | 'now'> : never) : never;
const cmd = (c: Body): PersonCommand => ({ ...admin, ...c }) as PersonCommand;

describe('person decider (D1, D2)', () => {
  const spec = deciderSpec(personDecider);

  it('D1: a person is registered active with roles, team and manager', () => {
    spec.given([]).when(cmd({ type: 'register-person', person: ana, facts })).then([registered]);
    spec.given([]).when(cmd({ type: 'register-person', person: ana, facts })).thenState((s) => expect(s).toMatchObject({ status: 'active', teamId: 'east', managerId: 'manager-max' }));
  });

  it('D1: one record per person: registering an existing id is a conflict', () => {
    spec.given([registered]).when(cmd({ type: 'register-person', person: ana, facts })).thenThrows({ rule: 'D1', kind: 'conflict', code: 'person-exists' });
  });

  it('D1: the manager must be an active person of the directory, and not the person themself', () => {
    spec.given([]).when(cmd({ type: 'register-person', person: ana, facts: { ...facts, manager: 'inactive' } })).thenThrows({ rule: 'D1', code: 'manager-not-active' });
    spec.given([]).when(cmd({ type: 'register-person', person: ana, facts: { ...facts, manager: 'unknown' } })).thenThrows({ rule: 'D1', code: 'manager-not-active' });
    spec.given([]).when(cmd({ type: 'register-person', person: { ...ana, managerId: 'rep-ana' }, facts })).thenThrows({ rule: 'D1', code: 'own-manager' });
  });

  it('D1: the team must be defined', () => {
    spec.given([]).when(cmd({ type: 'register-person', person: ana, facts: { manager: 'active', teamDefined: false } })).thenThrows({ rule: 'D1', code: 'unknown-team' });
    spec.given([]).when(cmd({ type: 'register-person', person: { ...ana, teamId: null, managerId: null }, facts: {} })).thenState((s) => expect(s.status).toBe('active'));
  });

  it('D1: an update records the full person and which fields changed; the same values change nothing', () => {
    spec
      .given([registered])
      .when(cmd({ type: 'update-person', changes: { roles: ['rep', 'manager'], name: 'Ana Alves' }, facts: {} }))
      .then([{ type: 'directory.person-updated.v1', data: { ...ana, roles: ['rep', 'manager'], changed: ['roles'], active: true, by: 'admin-root', at } }]);
    spec.given([registered]).when(cmd({ type: 'update-person', changes: { name: 'Ana Alves' }, facts: {} })).then([]);
    spec.given([]).when(cmd({ type: 'update-person', changes: { name: 'X' }, facts: {} })).thenThrows({ kind: 'not_found' });
  });

  it('D1: only a changed manager is re-checked, so a manager who left later does not block editing a name', () => {
    spec.given([registered]).when(cmd({ type: 'update-person', changes: { name: 'Ana A.' }, facts: { manager: 'inactive' } })).thenState((s) => expect(s).toMatchObject({ name: 'Ana A.' }));
    spec.given([registered]).when(cmd({ type: 'update-person', changes: { managerId: 'manager-moe' }, facts: { manager: 'unknown' } })).thenThrows({ rule: 'D1', code: 'manager-not-active' });
  });

  it('D2: deactivating a person records why; repeating it changes nothing (the identity provider repeats itself)', () => {
    spec.given([registered]).when(cmd({ type: 'deactivate-person', reason: 'left the company' })).then([deactivated]);
    spec.given([registered, deactivated]).when(cmd({ type: 'deactivate-person', reason: 'again' })).then([]);
    spec.given([registered, deactivated]).when(cmd({ type: 'deactivate-person', reason: 'again' })).thenState((s) => expect(s.status).toBe('inactive'));
  });

  it('D2: a deactivated person can be reactivated; reactivating an active one changes nothing', () => {
    spec
      .given([registered, deactivated])
      .when(cmd({ type: 'reactivate-person', reason: 'came back' }))
      .then([{ type: 'directory.person-reactivated.v1', data: { personId: 'rep-ana', reason: 'came back', by: 'admin-root', at } }]);
    spec.given([registered]).when(cmd({ type: 'reactivate-person', reason: 'x' })).then([]);
    spec.given([]).when(cmd({ type: 'deactivate-person', reason: 'x' })).thenThrows({ kind: 'not_found' });
  });
});
