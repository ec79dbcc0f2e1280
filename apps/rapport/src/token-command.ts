import { parseArgs } from 'node:util';
import { ConfigurationError, jwtSecretOf, loadEnvironment, ROLES, TokenService, type Lifetime, type RapportEnvironment, type Role } from '@rapport/platform-nest';

/** Development tokens are short-lived: a leaked one is useless by tomorrow. */
export const MAX_LIFETIME_HOURS = 24;

const USAGE = `Prints a development bearer token, signed with this installation's secret.

Usage: npm run token -- [options]

  --sub <id>            who the token speaks for (default: rep-ana)
  --roles <r,r>         comma-separated, of: ${ROLES.join(', ')} (default: rep)
  --team <team>         the person's team
  --manager <id>        the person's manager
  --ttl <lifetime>      how long it is valid: 90s, 30m, 12h, 1d; at most ${MAX_LIFETIME_HOURS}h (default: 12h)
  --allow-distributed   issue one although RAPPORT_MODE=distributed (people there sign in through OIDC)
  -h, --help            show this text

Reads only JWT_SECRET, DATA_DIR and RAPPORT_MODE. Without JWT_SECRET the secret is the one kept in
DATA_DIR/.jwt-secret: a server started with another DATA_DIR (or JWT_SECRET) refuses the token.
`;

export interface CommandResult {
  readonly code: number;
  /** The token alone, so `$(npm run -s token)` captures it. */
  readonly stdout: string;
  readonly stderr: string;
}

const fail = (message: string, code = 2): CommandResult => ({ code, stdout: '', stderr: `${message}\n` });

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** `12h` → seconds, or a message saying what is wrong. */
function lifetimeSeconds(ttl: string): number | string {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match) return `--ttl ${ttl}: write a number and a unit, e.g. 30m, 12h or 1d`;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds <= 0) return `--ttl ${ttl}: a token must live a little while`;
  if (seconds > MAX_LIFETIME_HOURS * 3_600) return `--ttl ${ttl}: development tokens live at most ${MAX_LIFETIME_HOURS}h; ask for a new one when it expires`;
  return seconds;
}

const parseOptions = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    options: {
      sub: { type: 'string', default: 'rep-ana' },
      roles: { type: 'string', default: 'rep' },
      team: { type: 'string' },
      manager: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
      'allow-distributed': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
type Options = ReturnType<typeof parseOptions>;

/** The token CLI, free of process globals so a spec can run it. */
export function runTokenCommand(argv: readonly string[], env: NodeJS.ProcessEnv): CommandResult {
  let values: Options;
  try {
    values = parseOptions(argv);
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) return { code: 0, stdout: USAGE, stderr: '' };

  const roles = values.roles.split(',').map((role) => role.trim()) as Role[];
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length > 0) return fail(`unknown role(s): ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  const seconds = lifetimeSeconds(values.ttl);
  if (typeof seconds === 'string') return fail(seconds);

  let environment: RapportEnvironment;
  let secret: string;
  try {
    environment = loadEnvironment(env, { engines: false });
    if (environment.RAPPORT_MODE === 'distributed' && !values['allow-distributed']) {
      return fail(
        'RAPPORT_MODE=distributed: people sign in through the identity provider (OIDC_ISSUER), and a development token signed with ' +
          'the shared JWT_SECRET would be accepted by every service. Pass --allow-distributed if that is really what you want.',
      );
    }
    if (environment.DATA_DIR === ':memory:' && !environment.JWT_SECRET) return fail('DATA_DIR=:memory: keeps no secret, so no server would accept the token; set DATA_DIR or JWT_SECRET');
    secret = jwtSecretOf(environment);
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message, 1);
    throw error;
  }

  const token = new TokenService(secret).issue(
    { id: values.sub, roles, ...(values.team ? { team: values.team } : {}), ...(values.manager ? { managerId: values.manager } : {}) },
    `${seconds}s` as Lifetime,
  );
  const signedWith = environment.JWT_SECRET ? 'JWT_SECRET' : `the secret in ${environment.DATA_DIR}/.jwt-secret`;
  const expires = new Date(Date.now() + seconds * 1_000).toISOString();
  return { code: 0, stdout: `${token}\n`, stderr: `token for ${values.sub} (${roles.join(', ')}), valid until ${expires}, signed with ${signedWith}\n` };
}
