import type { Principal } from '@rapport/platform-nest';

/** The people of a fresh embedded install, so a new user can call the API at once. */
export const DEV_PRINCIPALS: readonly Omit<Principal, 'kind'>[] = [
  { id: 'rep-ana', roles: ['rep'], team: 'east', managerId: 'manager-max' },
  { id: 'rep-ben', roles: ['rep'], team: 'east', managerId: 'manager-max' },
  { id: 'manager-max', roles: ['manager'], team: 'east' },
  { id: 'auditor-ada', roles: ['auditor'] },
  { id: 'admin-root', roles: ['admin', 'manager'] },
];
