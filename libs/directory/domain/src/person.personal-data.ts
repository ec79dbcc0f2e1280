import { declarePersonalData } from '@rapport/platform-eventsourcing';
import type { PersonEvent } from './person.events';

/**
 * A5: a person's own data in the directory's events, encrypted by the platform with the person's key (subject
 * `personId`): the name and e-mail, the IdP's id, and the free-text reason of a deactivation (it may say why
 * someone left). Roles, team and manager are how the organisation is built, not about the person. Every event
 * type is listed, so a new one does not compile until someone decides what in it is personal.
 */
export const personPersonalData: Record<PersonEvent['type'], readonly { readonly subject: string; readonly fields: readonly string[] }[]> = declarePersonalData({
  'directory.person-registered.v1': [{ subject: 'personId', fields: ['name', 'email', 'externalId'] }],
  'directory.person-updated.v1': [{ subject: 'personId', fields: ['name', 'email', 'externalId'] }],
  'directory.person-deactivated.v1': [{ subject: 'personId', fields: ['reason'] }],
  'directory.person-reactivated.v1': [{ subject: 'personId', fields: ['reason'] }],
});
