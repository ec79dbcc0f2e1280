import { parseArgs } from 'node:util';
import { DomainError, type CommandContext, type RecordedEvent, ALWAYS_OPEN, WEEKDAYS, addBusinessTime, businessTimeBetween, isWithinBusinessHours, type OpeningInterval, type Weekday, type WeeklyHours } from '@rapport/platform-eventsourcing';
import { PERSON_ROLES, calendarOf, type PersonRole } from '@rapport/directory-domain';
import type { DirectoryCommands } from '../directory-commands';
import { PEOPLE, TEAMS, type PersonRow, type TeamRow } from '../read-models/directory.projection';

export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export const DIRECTORY_CLI_HELP = `Usage: npm run directory -- <command> [options]   (embedded mode: the stores under DATA_DIR)

People (D1, D2)
  people [--team T] [--inactive]                        list people
  add-person <id> --name N --roles rep[,manager…] [--team T] [--manager M] [--email E]
  update-person <id> [--name N] [--roles …] [--team T|--no-team] [--manager M|--no-manager] [--email E]
  deactivate <id> --reason R                            D2: their customers become reassignable at once
  reactivate <id> --reason R
Teams (D1)
  teams                                                 list teams with their calendars
  define-team <id> --name N [--time-zone Europe/Berlin] [--hours "mon-fri 09:00-17:00; sat 10:00-13:00"] [--holidays 2026-12-25,2026-12-26]
                                                        without --hours the team is open around the clock
Business calendar (K3 clocks run on it)
  business-time <team> --from ISO --to ISO              business time between two instants
  add-business-hours <team> --at ISO --hours N          the instant N business hours after --at
Roles: ${PERSON_ROLES.join(', ')}.  --help prints this.
`;

const OPTIONS = {
  name: { type: 'string' },
  roles: { type: 'string' },
  team: { type: 'string' },
  'no-team': { type: 'boolean' },
  manager: { type: 'string' },
  'no-manager': { type: 'boolean' },
  email: { type: 'string' },
  reason: { type: 'string' },
  inactive: { type: 'boolean' },
  'time-zone': { type: 'string' },
  hours: { type: 'string' },
  holidays: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  at: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

const required = (value: string | undefined, flag: string): string => {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${flag} is required`);
  return value.trim();
};

const rolesOf = (raw: string): PersonRole[] => {
  const roles = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(PERSON_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new UsageError(`unknown role(s): ${unknown.join(', ')}`);
  return roles as PersonRole[];
};

const instantOf = (raw: string | undefined, flag: string): Date => {
  const at = new Date(required(raw, flag));
  if (Number.isNaN(at.getTime())) throw new UsageError(`--${flag} must be an ISO instant, e.g. 2026-03-27T15:00:00Z`);
  return at;
};

/** `mon-fri 09:00-17:00; sat 10:00-13:00` → weekly hours; days not named are closed. */
export function parseHours(raw: string): WeeklyHours {
  const hours: Record<Weekday, OpeningInterval[]> = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
  const order: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  for (const segment of raw.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [days, ...ranges] = segment.split(/\s+/);
    const span = /^([a-z]{3})(?:-([a-z]{3}))?$/.exec(days!.toLowerCase());
    const from = span && order.indexOf(span[1] as Weekday);
    const to = span && order.indexOf((span[2] ?? span[1]) as Weekday);
    if (from === null || to === null || from < 0 || to < from || ranges.length === 0) throw new UsageError(`cannot read hours "${segment}": write e.g. "mon-fri 09:00-17:00"`);
    for (const range of ranges) {
      const [start, end] = range.split('-');
      if (!start || !end) throw new UsageError(`cannot read the interval "${range}": write e.g. 09:00-17:00`);
      for (const day of order.slice(from, to + 1)) hours[day].push({ from: start, to: end });
    }
  }
  return hours;
}

const formatHours = (hours: WeeklyHours): string =>
  WEEKDAYS.map((d) => `${d} ${hours[d].length === 0 ? 'closed' : hours[d].map((i) => `${i.from}-${i.to}`).join(',')}`).join('; ');

/**
 * The directory's command line for embedded mode: each sub-command maps onto one directory command or query.
 * Returns what to print and the exit code, so it is tested without a process.
 */
export async function runDirectoryCli(argv: readonly string[], commands: DirectoryCommands, context: CommandContext): Promise<CliResult> {
  const out: string[] = [];
  try {
    const { values: o, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    const [command, id] = positionals;
    if (o.help || command === undefined || command === 'help') return { stdout: DIRECTORY_CLI_HELP, stderr: '', code: 0 };
    const store = commands.host.readModels;
    const needId = (): string => {
      if (!id) throw new UsageError(`${command} needs an id: ${command} <id>`);
      return id;
    };
    const done = async (events: readonly RecordedEvent[]): Promise<void> => {
      await commands.settled(events);
      out.push(events.length === 0 ? 'nothing changed' : events.map((e) => `recorded ${e.type}`).join('\n'));
    };
    switch (command) {
      case 'people': {
        const where = { ...(o.team ? { teamId: o.team } : {}), ...(o.inactive ? { active: false } : {}) };
        for (const p of await store.find<PersonRow>(PEOPLE, { where, orderBy: [{ field: 'id' }], limit: 10_000 })) {
          out.push(`${p.personId.padEnd(16)} ${p.active ? 'active  ' : 'INACTIVE'} ${p.roles.join(',').padEnd(14)} team=${p.teamId ?? '-'} manager=${p.managerId ?? '-'}  ${p.name}`);
        }
        break;
      }
      case 'add-person':
        await done((await commands.registerPerson({ personId: needId(), name: required(o.name, 'name'), email: o.email ?? null, roles: rolesOf(required(o.roles, 'roles')), teamId: o.team ?? null, managerId: o.manager ?? null, externalId: null }, context)).events);
        break;
      case 'update-person': {
        const changes = {
          ...(o.name ? { name: o.name } : {}),
          ...(o.email ? { email: o.email } : {}),
          ...(o.roles ? { roles: rolesOf(o.roles) } : {}),
          ...(o.team ? { teamId: o.team } : o['no-team'] ? { teamId: null } : {}),
          ...(o.manager ? { managerId: o.manager } : o['no-manager'] ? { managerId: null } : {}),
        };
        await done((await commands.updatePerson(needId(), changes, context)).events);
        break;
      }
      case 'deactivate':
      case 'reactivate': {
        const reason = required(o.reason, 'reason');
        await done((await commands.setActive(needId(), command === 'reactivate', reason, { ...context, reason })).events);
        break;
      }
      case 'teams':
        for (const t of await store.find<TeamRow>(TEAMS, { orderBy: [{ field: 'id' }], limit: 10_000 })) {
          out.push(`${t.teamId.padEnd(16)} ${t.timeZone.padEnd(20)} ${formatHours(t.hours)}${t.holidays.length ? `  holidays: ${t.holidays.join(',')}` : ''}  ${t.name}`);
        }
        break;
      case 'define-team': {
        const team = {
          teamId: needId(),
          name: required(o.name, 'name'),
          timeZone: o['time-zone'] ?? 'UTC',
          hours: o.hours ? parseHours(o.hours) : ALWAYS_OPEN.hours,
          holidays: (o.holidays ?? '').split(',').map((h) => h.trim()).filter(Boolean),
        };
        await done((await commands.defineTeam(team, context)).events);
        break;
      }
      case 'business-time':
      case 'add-business-hours': {
        const team = await commands.team(needId());
        if (team.status === 'undefined') throw new UsageError(`no team ${id}`);
        const calendar = calendarOf(team);
        if (command === 'business-time') {
          const ms = businessTimeBetween(calendar, instantOf(o.from, 'from'), instantOf(o.to, 'to'));
          out.push(`${(ms / 3_600_000).toFixed(2)} business hours (${ms / 60_000} minutes) in ${calendar.timeZone}`);
        } else {
          const at = instantOf(o.at, 'at');
          const hours = Number(required(o.hours, 'hours'));
          if (!Number.isFinite(hours) || hours < 0) throw new UsageError('--hours must be a number of hours, zero or more');
          out.push(`${addBusinessTime(calendar, at, hours * 3_600_000).toISOString()} (--at is ${isWithinBusinessHours(calendar, at) ? 'inside' : 'outside'} business hours)`);
        }
        break;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
    return { stdout: out.length ? `${out.join('\n')}\n` : '', stderr: '', code: 0 };
  } catch (error) {
    if (error instanceof DomainError) return { stdout: '', stderr: `refused${error.rule ? ` (${error.rule})` : ''}: ${error.message}\n`, code: 1 };
    if (error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) return { stdout: '', stderr: `${(error as Error).message}\n\n${DIRECTORY_CLI_HELP}`, code: 2 };
    throw error;
  }
}
