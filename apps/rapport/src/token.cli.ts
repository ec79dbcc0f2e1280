import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { apiKeysOf, jwtSecretOf, loadEnvironment, ROLES, TokenService, type Role } from '@rapport/platform-nest';

/**
 * Prints a bearer token signed with this installation's secret:
 *   npm run token -- --sub rep-ana --roles rep --team east --manager manager-max
 */
const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'rep-ana' },
    roles: { type: 'string', default: 'rep' },
    team: { type: 'string' },
    manager: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});
const roles = values.roles.split(',') as Role[];
const unknown = roles.filter((role) => !ROLES.includes(role));
if (unknown.length > 0) {
  console.error(`unknown role(s): ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  process.exit(2);
}
const environment = loadEnvironment();
const tokens = new TokenService(jwtSecretOf(environment), apiKeysOf(environment));
console.log(
  tokens.issue(
    { id: values.sub, roles, ...(values.team ? { team: values.team } : {}), ...(values.manager ? { managerId: values.manager } : {}) },
    values.ttl as `${number}h`,
  ),
);
