import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling one request, command or event should carry. */
export interface LogContext {
  readonly correlationId?: string;
  /** The message or event being handled, when it is not a request. */
  readonly causationId?: string;
  /** W3C trace context carried by the event or message, for lines written outside an active span. */
  readonly traceparent?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` visible to every log line it writes, across awaits. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, work);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
