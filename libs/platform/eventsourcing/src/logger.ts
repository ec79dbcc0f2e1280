/**
 * The logging port of the platform's core. Nest's `Logger` satisfies it structurally, so a Nest service
 * passes its own logger (which the structured pino logger sits behind); core code never imports a framework.
 */
export interface PlatformLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const rank = (level: string | undefined): number => {
  const index = LEVELS.indexOf((level ?? 'info') as (typeof LEVELS)[number]);
  return index < 0 ? LEVELS.indexOf('info') : index;
};

/**
 * For code that runs outside Nest (tools, benchmarks, tests): one JSON line per message on stderr, in the
 * same shape as the service logs, honouring LOG_LEVEL so test runs stay quiet.
 */
export function standaloneLogger(context: string): PlatformLogger {
  const write = (level: 'info' | 'warn' | 'error', msg: string, stack?: string): void => {
    if (rank(level) < rank(process.env['LOG_LEVEL'])) return;
    const line = { level, time: new Date().toISOString(), context, msg, ...(stack ? { stack } : {}) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
  return {
    log: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message, stack) => write('error', message, stack),
  };
}

let factory: (context: string) => PlatformLogger = standaloneLogger;

/**
 * Where platform code logs when no logger was passed in: the standalone JSON logger until a process
 * installs its own (a Nest service installs the pino logger at start-up, so every line goes one way).
 */
export function setPlatformLoggerFactory(create: (context: string) => PlatformLogger): void {
  factory = create;
}

/** A logger for `context` that follows the installed factory, also when it is installed later. */
export function platformLogger(context: string): PlatformLogger {
  return {
    log: (message) => factory(context).log(message),
    warn: (message) => factory(context).warn(message),
    error: (message, stack) => factory(context).error(message, stack),
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function errorStack(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
