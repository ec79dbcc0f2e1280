import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as the OTLP/HTTP JSON exporter sends it, with the service that sent it. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly links: readonly { traceId: string; spanId: string }[];
}

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: (Omit<ReceivedSpan, 'service' | 'links' | 'parentSpanId'> & { parentSpanId?: string; links?: { traceId: string; spanId: string }[] })[] }[];
  }[];
}

/** A collector of the test's own: `POST /v1/traces` (OTLP/HTTP, JSON encoding), every span kept in memory. */
export async function startOtlpReceiver(): Promise<{ endpoint: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const payload = JSON.parse(body || '{}') as OtlpExport;
      for (const resource of payload.resourceSpans ?? []) {
        const service = resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) spans.push({ ...span, service, parentSpanId: span.parentSpanId ?? '', links: span.links ?? [] });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, spans, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** The spans of one trace as an indented tree, children in start order (as received). */
export function spanTree(spans: readonly ReceivedSpan[], traceId: string): string {
  const inTrace = spans.filter((s) => s.traceId === traceId);
  const ids = new Set(inTrace.map((s) => s.spanId));
  const lines: string[] = [];
  const walk = (span: ReceivedSpan, depth: number): void => {
    lines.push(`${'  '.repeat(depth)}${span.service}: ${span.name} [${KINDS[span.kind] ?? span.kind}]`);
    for (const child of inTrace.filter((s) => s.parentSpanId === span.spanId)) walk(child, depth + 1);
  };
  for (const root of inTrace.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId))) walk(root, 0);
  return lines.join('\n');
}
