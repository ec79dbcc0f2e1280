import type { LoggerService } from '@nestjs/common';
import { setPlatformLoggerFactory, type PlatformLogger } from '@rapport/platform-eventsourcing';
import { logFields } from '@rapport/platform-observability';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';

export interface RootLoggerOptions {
  /** Named on every line (`service`). */
  readonly service?: string;
  /** Default: LOG_LEVEL, else 'info'. Tests set 'warn' or 'silent'. */
  readonly level?: string;
  /** Default: stdout. Tests pass a stream to read the lines back. */
  readonly destination?: DestinationStream;
}

/** Credentials never reach a log line, whatever a caller logs. */
const REDACT = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'headers.authorization', 'authorization', 'token', 'password'];

/**
 * The process's one logger: JSON lines on stdout with ISO time, level name, `context`, and the trace and
 * correlation ids of whatever work wrote the line (see `logFields`). See docs/adr/0008-logging.md.
 */
export function createRootLogger(options: RootLoggerOptions = {}): Pino {
  return pino(
    {
      level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
      base: options.service ? { service: options.service } : {},
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin: () => ({ ...logFields() }),
    },
    options.destination,
  );
}

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's `Logger` routed to pino: every `new Logger('ctx').log(...)` in every service becomes a JSON line.
 * Nest passes the context as the last string argument and, for errors, the stack before it.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly root: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') fields['context'] = rest.pop();
    const detail = rest[0];
    if (detail instanceof Error) fields['err'] = detail;
    else if (typeof detail === 'string' && level === 'error') fields['stack'] = detail;
    if (message instanceof Error) this.root[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.root[level]({ ...fields, ...(message as object) });
    else this.root[level](fields, String(message));
  }
}

/** Platform code that logs outside Nest (processors, buses) writes through the same root logger. */
export function platformLoggerOf(root: Pino): (context: string) => PlatformLogger {
  return (context) => {
    const child = root.child({ context });
    return {
      log: (message) => child.info(message),
      warn: (message) => child.warn(message),
      error: (message, stack) => child.error(stack ? { stack } : {}, message),
    };
  };
}

let installed: { root: Pino; service: PinoLoggerService } | undefined;

/**
 * Makes pino the logger of this process: Nest's `Logger` (through the service returned, which the app
 * must be created with) and the platform's own logger. Idempotent: the first call's options win.
 */
export function installRootLogger(options: RootLoggerOptions = {}): PinoLoggerService {
  if (!installed) {
    const root = createRootLogger(options);
    installed = { root, service: new PinoLoggerService(root) };
    setPlatformLoggerFactory(platformLoggerOf(root));
  }
  return installed.service;
}

/** The installed root logger (installing a default one if needed), e.g. for pino-http. */
export function rootLogger(): Pino {
  installRootLogger();
  return installed!.root;
}
