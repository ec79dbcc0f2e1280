import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueryValuesRedactor, withoutQueryValues } from './query-redaction';

describe('query values never leave the process (A5)', () => {
  it('A5: a URL keeps its path and the names of its query parameters, not their values', () => {
    expect(withoutQueryValues('/api/v1/customers?q=zelda.quill%40example.com&limit=5')).toBe('/api/v1/customers?q=…&limit=…');
    expect(withoutQueryValues('/api/v1/customers/7f1c')).toBe('/api/v1/customers/7f1c');
  });

  it('A5: HTTP spans are exported with the query values of http.target, http.url, url.full and url.query replaced', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new QueryValuesRedactor(), new SimpleSpanProcessor(exporter)] });
    const span = provider.getTracer('t').startSpan('GET', {
      attributes: {
        'http.target': '/api/v1/customers?q=Zelda+Quill',
        'http.url': 'http://localhost:3000/api/v1/customers?q=Zelda+Quill',
        'url.full': 'http://localhost:3000/api/v1/customers?q=Zelda+Quill&limit=5',
        'url.query': 'q=Zelda+Quill&limit=5',
        'http.method': 'GET',
      },
    });
    span.end();
    const [exported] = exporter.getFinishedSpans();
    expect(exported!.attributes).toEqual({
      'http.target': '/api/v1/customers?q=…',
      'http.url': 'http://localhost:3000/api/v1/customers?q=…',
      'url.full': 'http://localhost:3000/api/v1/customers?q=…&limit=…',
      'url.query': 'q=…&limit=…',
      'http.method': 'GET',
    });
    expect(JSON.stringify(exported!.attributes)).not.toMatch(/zelda/i);
  });
});
