import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * The path and the names of its query parameters, never their values: a search sends a name, a phone or an
 * email there (`?q=…`), and neither a log line nor a trace may keep what erasure destroys (A5). Paths carry
 * opaque ids only.
 */
export function withoutQueryValues(url: string): string;
export function withoutQueryValues(url: string | undefined): string | undefined;
export function withoutQueryValues(url: string | undefined): string | undefined {
  const at = url?.indexOf('?') ?? -1;
  if (url === undefined || at < 0) return url;
  return `${url.slice(0, at)}?${queryNames(url.slice(at + 1))}`;
}

const queryNames = (query: string): string =>
  query
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=…`)
    .join('&');

/** Attributes of the HTTP instrumentation (old and new semantic conventions) that may carry a query string. */
const WITH_QUERY = ['http.target', 'http.url', 'url.full'] as const;

/**
 * Rewrites, as each span starts, the attributes that carry a query string, so only parameter names reach the
 * exporter. The HTTP instrumentation sets them when it starts its span; a span processor runs right then.
 */
export class QueryValuesRedactor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    const attributes = span.attributes;
    for (const name of WITH_QUERY) {
      const value = attributes[name];
      if (typeof value === 'string' && value.includes('?')) span.setAttribute(name, withoutQueryValues(value));
    }
    const query = attributes['url.query'];
    if (typeof query === 'string' && query !== '') span.setAttribute('url.query', queryNames(query));
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
