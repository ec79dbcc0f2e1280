import '@rapport/customers-domain';
import '@rapport/directory-domain';
import { AUDIT_SERVICE, customerAsOf, ReadLog, type CustomerAsOf } from '@rapport/audit-app';
import {
  ChainWitness,
  collectHistory,
  exportWriter,
  newSigningKeys,
  privateKeyOf,
  publicKeyOf,
  verifyCheckpoint,
  verifyStore as verifyStoreChain,
  verifyExport,
  verifyText,
  signText,
  type AuditEntry,
  type HistoryFilter,
  type VerifyResult,
} from '@rapport/platform-audit';
import type { EventStore } from '@rapport/platform-eventsourcing';
import { ConfigurationError, ConfiguredStorage, loadEnvironment, type RapportEnvironment } from '@rapport/platform-nest';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// The imports of the domains above declare their personal fields (A5), so history and exports read them opened.

export const AUDIT_USAGE = `The auditor's tools (A1–A7), offline, on this installation's DATA_DIR.

Usage: npm run rapport -- <command> [options]

  history <customerId>          one customer's history across every service, in order (A1, A2)
  as-of <customerId> --at <iso> her card (owner), gate and its reasons, complaints and NPS as they stood then (A3),
                                each with the position in its service's store it stands at; --json for all fields
  export <customerId>|--all     JSON Lines or CSV with a chained digest (A7): --format jsonl|csv, --out <file>,
                                --sign-key <pem> signs the digest
  verify <export-file>          checks an export's chain and digest; --public-key <pem> checks its signature
  verify --store <service>      checks a service's stored events against its witness (A4) and signed checkpoints
  witness [--sign-key <pem>]    brings every service's chain witness up to date and signs a checkpoint (A4)
  keys --out <prefix>           makes an Ed25519 signing key pair (<prefix>.key, <prefix>.pub)

Who reads (history, as-of): --reader <id>   A6: these commands read personal data, so each run is recorded
  in the audit's read log (GET /api/v1/audit/reads) before it answers: who (--reader, else os:<login name>),
  when, which command, which customer. Name yourself as the directory knows you.

Filters (history, export): --from <iso> --to <iso> --service <a,b> --type <t,prefix.> --actor <id>
  --services <a,b>  which stores (default: every event store under DATA_DIR)
  --json            history as JSON instead of a table
Progress goes to stderr; results to stdout (or --out).
`;

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      at: { type: 'string' },
      to: { type: 'string' },
      service: { type: 'string' },
      type: { type: 'string' },
      actor: { type: 'string' },
      reader: { type: 'string' },
      services: { type: 'string' },
      format: { type: 'string', default: 'jsonl' },
      out: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      store: { type: 'string' },
      witness: { type: 'string' },
      'public-key': { type: 'string' },
      'sign-key': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

// Read models, the bus, the key store and the services' own logs of personal reads (`<service>-reads`, A6).
const NOT_EVENT_STORES = /(\.read|^bus|^keys|-reads)\.sqlite$/;
const list = (value: string | undefined): string[] | undefined => value?.split(',').map((v) => v.trim()).filter(Boolean);
const iso = (value: string | undefined, name: string): string | undefined => {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new ConfigurationError(`--${name} ${value}: not a date (write 2026-03-03 or 2026-03-03T09:00:00Z)`);
  return at.toISOString();
};

/** Event stores of an embedded installation: every `<service>.sqlite` of DATA_DIR that is not a read model, the bus or the keys. */
export function servicesIn(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((f) => f.endsWith('.sqlite') && !NOT_EVENT_STORES.test(f))
    .map((f) => f.slice(0, -'.sqlite'.length))
    .sort();
}

const progressLine = (log: (line: string) => void) => (p: { service: string; position: number; head: number }) => log(`${p.service}: ${p.position}/${p.head}`);

function table(entries: readonly AuditEntry[]): string {
  return entries
    .map((e) => [e.at, e.service.padEnd(10), e.type.padEnd(44), `${e.actor.kind ?? '?'}:${e.actor.id}`.padEnd(22), (e.via ?? '-').padEnd(6), e.reason ?? '-', `corr=${e.correlationId}`, `cause=${e.causationId}`, e.erasedFields.length ? `erased=${e.erasedFields.join('+')}` : ''].join('  ').trimEnd())
    .join('\n');
}

const describe = (r: VerifyResult): string => (r.ok ? `OK: ${r.checked} verified, head ${r.head}` : `FAILED (${r.problem!.kind}) at ${r.problem!.at}: ${r.problem!.message}`);

/** The audit CLI, free of process globals so a spec can run it. `log` receives progress lines. */
export async function runAuditCommand(argv: readonly string[], env: NodeJS.ProcessEnv, log: (line: string) => void = () => undefined): Promise<CommandResult> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${error instanceof Error ? error.message : String(error)}\n\n${AUDIT_USAGE}` };
  }
  const { values, positionals } = parsed;
  const [command, target] = positionals;
  if (values.help || !command) return { code: values.help ? 0 : 2, stdout: values.help ? AUDIT_USAGE : '', stderr: values.help ? '' : AUDIT_USAGE };
  try {
    const environment = loadEnvironment(env, { engines: false });
    switch (command) {
      case 'history':
      case 'export':
        return await historyOrExport(command, target, values, environment, log);
      case 'as-of':
        return await asOf(target, values, environment);
      case 'verify':
        return values.store ? await verifyStore(values.store, values.witness, values['public-key'], environment, log) : verifyFile(target, values['public-key'], log);
      case 'witness':
        return await witness(values, environment, log);
      case 'keys': {
        if (!values.out) return { code: 2, stdout: '', stderr: 'keys: --out <prefix> is required\n' };
        const keys = newSigningKeys();
        writeFileSync(`${values.out}.key`, keys.privatePem, { mode: 0o600 });
        writeFileSync(`${values.out}.pub`, keys.publicPem);
        return { code: 0, stdout: `${values.out}.key (keep it with the installation)\n${values.out}.pub (give it to auditors)\n`, stderr: '' };
      }
      default:
        return { code: 2, stdout: '', stderr: `unknown command ${command}\n\n${AUDIT_USAGE}` };
    }
  } catch (error) {
    if (error instanceof ConfigurationError) return { code: 1, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
}

type Values = ReturnType<typeof parse>['values'];

async function historyOrExport(command: 'history' | 'export', target: string | undefined, values: Values, env: RapportEnvironment, log: (line: string) => void): Promise<CommandResult> {
  if (!target && !(command === 'export' && values.all)) return { code: 2, stdout: '', stderr: `${command}: name a customer id${command === 'export' ? ' or pass --all' : ''}\n` };
  if (values.format !== 'jsonl' && values.format !== 'csv') return { code: 2, stdout: '', stderr: '--format must be jsonl or csv\n' };
  const services = list(values.services) ?? servicesIn(env.DATA_DIR);
  const filter: HistoryFilter = {
    ...(target ? { subject: target.toLowerCase() } : {}),
    ...(values.from ? { from: iso(values.from, 'from')! } : {}),
    ...(values.to ? { to: iso(values.to, 'to')! } : {}),
    ...(list(values.service) ? { services: list(values.service)! } : {}),
    ...(list(values.type) ? { types: list(values.type)! } : {}),
    ...(values.actor ? { actor: values.actor } : {}),
  };
  const storage = new ConfiguredStorage(env, 'rapport-audit');
  try {
    const stores = await Promise.all(services.map(async (service) => ({ service, store: await storage.eventStore(service) })));
    const entries = await collectHistory(stores, filter, progressLine(log));
    log(`${entries.length} entries from ${services.join(', ') || 'no store'}`);
    if (command === 'history') {
      await recordRead(storage, values, 'history', target!.toLowerCase(), filterQuery(values));
      return { code: 0, stdout: `${values.json ? JSON.stringify(entries, null, 2) : table(entries)}\n`, stderr: '' };
    }
    const writer = exportWriter(values.format);
    const signKey = values['sign-key'] ? privateKeyOf(readFileSync(values['sign-key'], 'utf8')) : undefined;
    const sign = signKey ? (message: string) => signText(message, signKey) : undefined;
    const lines = [...(writer.header ? [writer.header] : []), ...entries.map((e) => writer.add(e)), writer.finish(filter, new Date().toISOString(), sign)];
    const text = `${lines.join('\n')}\n`;
    if (values.out) {
      writeFileSync(values.out, text);
      return { code: 0, stdout: `${values.out}: ${entries.length} entries\n`, stderr: '' };
    }
    return { code: 0, stdout: text, stderr: '' };
  } finally {
    await storage.close();
  }
}

/**
 * A6: the person running the command, as recorded: `--reader <id>` (how the directory knows them), else the
 * operating-system login as `os:<name>` — so a read is never unrecorded, and never passes as a directory id it is not.
 */
export function readerOf(values: { readonly reader?: string | undefined }): string {
  const given = values.reader?.trim();
  if (given) return given;
  let login: string | undefined;
  try {
    login = userInfo().username;
  } catch {
    login = process.env['USER'] ?? process.env['LOGNAME'];
  }
  return `os:${login || 'unknown'}`;
}

const filterQuery = (values: Values): Record<string, string> =>
  Object.fromEntries((['from', 'to', 'service', 'type', 'actor'] as const).filter((k) => values[k] !== undefined).map((k) => [k, String(values[k])]));

/**
 * A6: a history or as-of read of a customer is recorded in the audit's read log — the one the HTTP reads go to, so
 * `GET /api/v1/audit/reads?reader=…` finds it — before the answer is printed; a failure to record is the command's.
 */
async function recordRead(storage: ConfiguredStorage, values: Values, command: 'history' | 'as-of', customerId: string, query: Record<string, string>): Promise<void> {
  const log = new ReadLog(await storage.eventStore(AUDIT_SERVICE));
  await log.record({
    service: AUDIT_SERVICE,
    readerId: readerOf(values),
    readerRoles: [],
    at: new Date().toISOString(),
    method: 'CLI',
    route: `rapport ${command} <customerId>`,
    path: `rapport ${command} ${customerId}`,
    query,
    customerIds: [customerId],
    status: 0,
    correlationId: `cli-${randomUUID()}`,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A3 in words: one line per part, each with the store position it stands at. */
function asOfText(a: CustomerAsOf): string {
  const at = (p: { service: string; position: number; nextPosition: number | null }) => `${p.service} @ ${p.position}${p.nextPosition === null ? '' : `, next ${p.nextPosition}`}`;
  const card = a.card.card;
  const decision = a.gate.gate?.decision;
  return [
    `${a.customerId} as of ${a.asOf}`,
    `card (${at(a.card)}): ${card ? `owner ${card.ownerId} since ${card.ownerSince}, ${card.status}, stage ${card.stage ?? '-'}, tier ${card.tier ?? '-'}, grade ${card.grade ?? '-'}` : 'not registered yet'}`,
    `gate (${at(a.gate)}): ${decision ? `${decision.status} (policy ${decision.policyVersion}, decided ${decision.decidedAt})` : 'no decision yet'}`,
    ...(decision?.reasons ?? []).map((r) => `  ${r.rule} ${r.code}: ${r.text} [${r.eventIds.join(', ')}]`),
    `complaints (${at(a.complaints)}): ${a.complaints.complaints.length}`,
    ...a.complaints.complaints.map((c) => `  ${c.reference} ${c.category}/${c.severity}: ${c.open ? 'open' : 'closed'}, ${c.status}, owner ${c.ownerId}${c.breached ? ', breached' : ''}`),
    `nps (${at(a.nps)}): ${a.nps.category ?? 'no answer yet'}`,
    ...a.nps.answers.map((n) => `  ${n.answeredAt} ${n.score} ${n.category}${n.categories.length ? ` (${n.categories.join(', ')})` : ''}`),
  ].join('\n');
}

async function asOf(target: string | undefined, values: Values, env: RapportEnvironment): Promise<CommandResult> {
  if (!target || !UUID.test(target)) return { code: 2, stdout: '', stderr: 'as-of: name a customer id (a UUID)\n' };
  if (!values.at) return { code: 2, stdout: '', stderr: 'as-of: --at <iso> is required\n' };
  const at = new Date(iso(values.at, 'at')!);
  if (at.getTime() > Date.now()) return { code: 2, stdout: '', stderr: `as-of: ${values.at} is in the future: nothing stands there yet\n` };
  const storage = new ConfiguredStorage(env, 'rapport-audit');
  try {
    const answer = await customerAsOf((service) => storage.eventStore(service), target.toLowerCase(), at);
    await recordRead(storage, values, 'as-of', target.toLowerCase(), { at: at.toISOString() });
    return { code: 0, stdout: `${values.json ? JSON.stringify(answer, null, 2) : asOfText(answer)}\n`, stderr: '' };
  } finally {
    await storage.close();
  }
}

function verifyFile(file: string | undefined, publicKey: string | undefined, log: (line: string) => void): CommandResult {
  if (!file) return { code: 2, stdout: '', stderr: 'verify: name an export file, or --store <service>\n' };
  const key = publicKey ? publicKeyOf(readFileSync(publicKey, 'utf8')) : undefined;
  const result = verifyExport(readFileSync(file, 'utf8'), {
    progress: (n) => log(`${file}: ${n} lines`),
    ...(key ? { verifySignature: (message: string, signature: string) => verifyText(message, signature, key) } : {}),
  });
  return { code: result.ok ? 0 : 3, stdout: `${file} (${result.format}): ${describe(result)}\n`, stderr: '' };
}

/** The store as stored: the adapter itself, not the decrypting decorator (A4 chains the sealed bytes). */
function rawStore(service: string, env: RapportEnvironment): EventStore {
  if (env.eventStoreEngine !== 'sqlite') throw new ConfigurationError('verify --store and witness read embedded SQLite stores; distributed stores are verified from their exports and checkpoints');
  const file = join(env.DATA_DIR, `${service}.sqlite`);
  if (!existsSync(file)) throw new ConfigurationError(`no event store ${file}`);
  return SqliteEventStore.open(file);
}

const witnessFile = (service: string, env: RapportEnvironment, given?: string): string => given ?? join(env.DATA_DIR, `${service}.chain.jsonl`);

async function verifyStore(service: string, witnessPath: string | undefined, publicKey: string | undefined, env: RapportEnvironment, log: (line: string) => void): Promise<CommandResult> {
  const path = witnessFile(service, env, witnessPath);
  if (!existsSync(path)) return { code: 2, stdout: '', stderr: `no witness ${path}: run \`npm run rapport -- witness\` first (and keep its file apart)\n` };
  const { links, checkpoints } = new ChainWitness(path).read();
  const key = publicKey ? publicKeyOf(readFileSync(publicKey, 'utf8')) : undefined;
  const out: string[] = [];
  for (const c of checkpoints) {
    const signed = key ? verifyCheckpoint(c, key) : undefined;
    const at = links.find((l) => l.position === c.position);
    if (signed === false) return { code: 3, stdout: `checkpoint at position ${c.position} (${c.at}): signature does not verify\n`, stderr: '' };
    if (!at || at.global !== c.head || links.indexOf(at) + 1 !== c.count) return { code: 3, stdout: `the witness disagrees with the checkpoint signed at ${c.at} for position ${c.position}: the witness was rewritten\n`, stderr: '' };
    out.push(`checkpoint ${c.at} at position ${c.position}: ${signed ? 'signature OK' : 'unsigned check (no --public-key)'}`);
  }
  const store = rawStore(service, env);
  try {
    const result = await verifyStoreChain(store, links, (position, head) => log(`${service}: verified ${position}/${head}`));
    out.push(`${service}: ${describe(result)}`);
    return { code: result.ok ? 0 : 3, stdout: `${out.join('\n')}\n`, stderr: '' };
  } finally {
    await store.close();
  }
}

async function witness(values: Values, env: RapportEnvironment, log: (line: string) => void): Promise<CommandResult> {
  const key = values['sign-key'] ? privateKeyOf(readFileSync(values['sign-key'], 'utf8')) : undefined;
  const out: string[] = [];
  for (const service of list(values.services) ?? servicesIn(env.DATA_DIR)) {
    const store = rawStore(service, env);
    try {
      const w = new ChainWitness(witnessFile(service, env));
      const added = await w.update(store, (position, head) => log(`${service}: ${position}/${head}`));
      const checkpoint = key ? w.checkpoint(service, key, new Date()) : undefined;
      out.push(`${service}: ${added} new event(s) witnessed${checkpoint ? `, checkpoint signed at position ${checkpoint.position}: ${checkpoint.head}` : ''}`);
    } finally {
      await store.close();
    }
  }
  return { code: 0, stdout: `${out.join('\n')}\n`, stderr: '' };
}
