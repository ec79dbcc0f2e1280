import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import type { IntegrationEvent, MessageBus } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DashboardModule } from '../dashboard.module';

/** One open text/event-stream, read frame by frame (a frame ends with a blank line). */
class Stream {
  readonly frames: string[] = [];
  private buffer = '';
  private readonly abort = new AbortController();
  ended = false;
  status = 0;
  contentType = '';

  static async open(url: string, headers: Record<string, string> = {}): Promise<Stream> {
    const stream = new Stream();
    const response = await fetch(url, { headers, signal: stream.abort.signal });
    stream.status = response.status;
    stream.contentType = response.headers.get('content-type') ?? '';
    if (response.ok && response.body) void stream.pump(response.body.getReader());
    else stream.ended = true;
    return stream;
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.frames.push(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
        }
      }
    } catch {
      /* aborted */
    }
    this.ended = true;
  }

  /** The change notices received so far: their ids and data. */
  get changes(): { id: string; data: Record<string, unknown> }[] {
    return this.frames
      .filter((f) => f.includes('event: change'))
      .map((f) => ({ id: /^id: (.+)$/m.exec(f)![1]!, data: JSON.parse(/^data: (.+)$/m.exec(f)![1]!) as Record<string, unknown> }));
  }

  async until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.abort.abort();
  }
}

const event = (type: string, data: Record<string, unknown>, time = new Date()): IntegrationEvent => ({
  specversion: '1.0',
  id: randomUUID(),
  source: '/rapport/complaints',
  type,
  time: time.toISOString(),
  datacontenttype: 'application/json',
  data,
});

describe('the dashboard\'s live stream: GET /app/events (server-sent events over the platform\'s bus)', () => {
  let app: INestApplication;
  let base: string;
  let bus: MessageBus;
  let tokens: TokenService;
  const streams: Stream[] = [];

  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', JWT_SECRET: 'dashboard-live-test-secret-0123456789ab' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ environment }), DashboardModule.forRoot({ live: { keepAliveMs: 300 } })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'dashboard live test', description: 'test', version: 'test' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    bus = await app.get<Storage>(STORAGE).bus();
    tokens = app.get(TokenService);
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(async () => {
    await app?.close();
  });

  const ticketFor = async (token: string): Promise<string> => {
    const response = await request(app.getHttpServer()).post('/app/events/tickets').set('authorization', `Bearer ${token}`).expect(200);
    expect(response.body.expiresInSeconds).toBe(30);
    return response.body.ticket as string;
  };
  const open = async (token: string, extra = '', headers: Record<string, string> = {}): Promise<Stream> => {
    const stream = await Stream.open(`${base}/app/events?ticket=${await ticketFor(token)}${extra}`, headers);
    streams.push(stream);
    await stream.until('the stream to be connected', () => stream.frames.includes(': connected'));
    return stream;
  };
  const manager = () => tokens.issue({ id: 'manager-max', roles: ['manager'] });

  it('K3: a complaint confirmed anywhere reaches the open SLA board as a notice, in the order the bus delivers', async () => {
    const stream = await open(manager());
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
    const complaintId = randomUUID();
    await bus.publish([
      { topic: COMPLAINTS_TOPIC, key: complaintId, event: event(ComplaintEventTypes.resolutionProposed, { complaintId, customerId: 'cust-1', ownerId: 'rep-ana', resolution: 'a new one ships today' }) },
      { topic: COMPLAINTS_TOPIC, key: complaintId, event: event(ComplaintEventTypes.confirmed, { complaintId, customerId: 'cust-1', ownerId: 'rep-ana', satisfaction: 5, comment: 'thank you' }) },
    ]);
    await stream.until('two notices', () => stream.changes.length >= 2);
    expect(stream.changes.map((c) => c.data)).toEqual([
      { topic: 'complaints', type: 'rapport.complaints.resolution-proposed.v1', customerId: 'cust-1', complaintId },
      { topic: 'complaints', type: 'rapport.complaints.resolution-confirmed.v1', customerId: 'cust-1', complaintId },
    ]);
  });

  it('A6: a notice names what changed and carries no personal data: the page reads that through the query API, where reads are logged', async () => {
    const stream = await open(manager());
    await bus.publish([
      { topic: CUSTOMERS_TOPIC, key: 'cust-2', event: { ...event('rapport.customers.customer-registered.v1', { customerId: 'cust-2', name: 'Ada Lovelace', phone: '+44 20 7946 0000', email: 'ada@example.com' }), source: '/rapport/customers' } },
    ]);
    await stream.until('the notice', () => stream.changes.length === 1);
    const frame = stream.frames.find((f) => f.includes('event: change'))!;
    expect(stream.changes[0]!.data).toEqual({ topic: 'customers', type: 'rapport.customers.customer-registered.v1', customerId: 'cust-2' });
    expect(frame).not.toMatch(/Ada|Lovelace|7946|example\.com/);
  });

  it('K3: a reconnecting client gets what it missed after its Last-Event-ID, and a resync when that id is not known here', async () => {
    const watcher = await open(manager());
    const first = await open(manager());
    const complaintId = randomUUID();
    await bus.publish([{ topic: COMPLAINTS_TOPIC, key: complaintId, event: event(ComplaintEventTypes.received, { complaintId, customerId: 'cust-3' }) }]);
    await first.until('the first notice', () => first.changes.length === 1);
    const seen = first.changes[0]!.id;
    first.close();
    await bus.publish([
      { topic: COMPLAINTS_TOPIC, key: complaintId, event: event(ComplaintEventTypes.acknowledged, { complaintId, customerId: 'cust-3' }) },
      { topic: COMPLAINTS_TOPIC, key: complaintId, event: event(ComplaintEventTypes.resolutionProposed, { complaintId, customerId: 'cust-3' }) },
    ]);
    // The hub has taken both (the watcher saw them) before the client comes back: they are only in its replay buffer now.
    await watcher.until('the hub to take both', () => watcher.changes.length === 3);

    const byHeader = await open(manager(), '', { 'Last-Event-ID': seen });
    expect(byHeader.changes.map((c) => c.data['type'])).toEqual(['rapport.complaints.complaint-acknowledged.v1', 'rapport.complaints.resolution-proposed.v1']);
    const byQuery = await open(manager(), `&lastEventId=${encodeURIComponent(seen)}`);
    expect(byQuery.changes.map((c) => c.id)).toEqual(watcher.changes.slice(1).map((c) => c.id));

    const stale = await open(manager(), '&lastEventId=00000000-1');
    expect(stale.frames[0]).toBe('event: resync\ndata: {}');
    expect(stale.changes).toEqual([]);
  });

  it('K3: the first catch-up of a topic is not news: an event older than a minute when it reaches the hub is not pushed', async () => {
    const stream = await open(manager());
    const old = randomUUID();
    const fresh = randomUUID();
    await bus.publish([
      { topic: COMPLAINTS_TOPIC, key: old, event: event(ComplaintEventTypes.received, { complaintId: old, customerId: 'cust-4' }, new Date(Date.now() - 10 * 60_000)) },
      { topic: COMPLAINTS_TOPIC, key: fresh, event: event(ComplaintEventTypes.received, { complaintId: fresh, customerId: 'cust-4' }) },
    ]);
    await stream.until('the fresh notice', () => stream.changes.length === 1);
    expect(stream.changes[0]!.data['complaintId']).toBe(fresh);
  });

  it('K3: the SLA board\'s stream stays open through quiet hours: a keep-alive comment line while nothing happens', async () => {
    const stream = await open(manager());
    await stream.until('a keep-alive comment', () => stream.frames.includes(': keep-alive'), 3_000);
  });

  it('SEC-14: a ticket opens one stream; used again, unknown or absent it is refused (401 / 400 problem+json), never a stream', async () => {
    const ticket = await ticketFor(manager());
    const opened = await Stream.open(`${base}/app/events?ticket=${ticket}`);
    streams.push(opened);
    expect(opened.status).toBe(200);
    const again = await request(app.getHttpServer()).get(`/app/events?ticket=${ticket}`).expect(401);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body.type).toBe('https://rapport.dev/problems/stream-ticket-refused');
    await request(app.getHttpServer()).get(`/app/events?ticket=${'A'.repeat(43)}`).expect(401);
    const missing = await request(app.getHttpServer()).get('/app/events').expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(app.getHttpServer()).get(`/app/events?ticket=${ticket}&lastEventId=${encodeURIComponent('<script>')}`).expect(400);
    const badHeader = await request(app.getHttpServer()).get(`/app/events?ticket=${await ticketFor(manager())}`).set('Last-Event-ID', 'yesterday').expect(400);
    expect(badHeader.body.errors).toEqual([{ field: 'Last-Event-ID', messages: [expect.stringContaining('id of a notice')] }]);
  });

  it('SEC-14: a ticket needs a signed-in rep, manager, auditor or admin; an integrator\'s credential gets none', async () => {
    await request(app.getHttpServer()).post('/app/events/tickets').expect(401);
    const integrator = tokens.issue({ id: 'helpdesk', roles: ['integrator'] });
    await request(app.getHttpServer()).post('/app/events/tickets').set('authorization', `Bearer ${integrator}`).expect(403);
    await ticketFor(tokens.issue({ id: 'auditor-ada', roles: ['auditor'] }));
  });

  it('SEC-14: the stream ends when the token it was opened with expires (the app then needs a valid token for a new ticket)', async () => {
    const shortLived = tokens.issue({ id: 'rep-ana', roles: ['rep'] }, '2s');
    const stream = await open(shortLived);
    await stream.until('the stream to end', () => stream.ended, 5_000);
  });

  it('OPS-5: the dashboard declares what it reads on the bus, in a group of its own, for the Kafka ACLs', async () => {
    const admin = tokens.issue({ id: 'admin-root', roles: ['admin'] });
    const access = (await request(app.getHttpServer()).get('/admin/bus-access').set('authorization', `Bearer ${admin}`).expect(200)).body as { service: string }[];
    expect(access.find((a) => a.service === 'dashboard')).toEqual({
      service: 'dashboard',
      writes: [],
      reads: ['rapport.complaints.v1', 'rapport.customers.v1', 'rapport.feedback.v1', 'rapport.sales-gating.v1', 'rapport.scheduler.v1'],
      groups: ['dashboard-live'],
    });
  });

  it('documents both operations in OpenAPI: the stream\'s media type, its notices and its refusals', async () => {
    const docs = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    const stream = docs.paths['/app/events'].get;
    expect(Object.keys(stream.responses['200'].content)).toEqual(['text/event-stream']);
    expect(stream.responses['200'].content['text/event-stream'].schema.properties.event.enum).toEqual(['change', 'resync']);
    expect(stream.responses['200'].description).toMatch(/event: change.*resync.*keep-alive/s);
    expect(Object.keys(stream.responses).sort()).toEqual(['200', '400', '401']);
    expect(stream.responses['401'].content['application/problem+json']).toBeDefined();
    expect(stream.parameters.map((p: { name: string; required?: boolean }) => `${p.name}:${p.required === true}`).sort()).toEqual(['Last-Event-ID:false', 'lastEventId:false', 'ticket:true']);
    const ticket = docs.paths['/app/events/tickets'].post;
    expect(ticket.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/StreamTicketDto');
    expect(Object.keys(ticket.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
  });
});
