import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemException, Public, RequestValidationError, Roles, type AuthenticatedRequest } from '@rapport/platform-nest';
import type { Request, Response } from 'express';
import { DASHBOARD_OPTIONS, type DashboardOptions } from '../dashboard.options';
import { LiveHub, type NumberedNotice } from './live-hub';
import { LAST_EVENT_ID, LiveStreamQuery, StreamTicketDto } from './live.dto';
import { bearerExpiry, StreamTickets } from './stream-tickets';

export const KEEP_ALIVE_MS = 15_000;
/** A client this far behind (unsent bytes) is cut off; it reconnects with Last-Event-ID and gets a resync. */
const MAX_BUFFERED_BYTES = 1 << 20;

const STREAM_FORMAT = [
  'A text/event-stream that stays open. Each notice says what changed, never what it is:',
  '`id: <epoch>-<n>`, `event: change`, `data: {"topic":"complaints","type":"rapport.complaints.resolution-confirmed.v1","customerId":"…","complaintId":"…"}`',
  '(topic is one of customers, complaints, feedback, sales-gating, scheduler; customerId and complaintId are opaque ids, present when the event has them).',
  '`event: resync` (`data: {}`) when the Last-Event-ID cannot be honoured (unknown, of an earlier server start, or too old): re-read everything.',
  `A comment line \`: keep-alive\` every ${KEEP_ALIVE_MS / 1_000} s. The server ends the stream when the signed-in token expires, and after one hour at most;`,
  'reconnect with a new ticket and the last id (lastEventId, or the Last-Event-ID header) to get what was missed.',
].join(' ');

/** One server-sent event as its fields (comment lines such as `: keep-alive` are not events). */
const EVENT_SCHEMA = {
  type: 'object',
  required: ['event', 'data'],
  properties: {
    id: { type: 'string', pattern: LAST_EVENT_ID.source, description: 'on change events: send it back as lastEventId / Last-Event-ID' },
    event: { type: 'string', enum: ['change', 'resync'] },
    data: {
      type: 'string',
      description: 'JSON. change: {"topic": customers|complaints|feedback|sales-gating|scheduler, "type": the CloudEvent type, "customerId"?, "complaintId"?}; resync: {}',
      example: '{"topic":"complaints","type":"rapport.complaints.resolution-confirmed.v1","customerId":"c-1","complaintId":"4f1c2a9e-1b7d-4c1e-9a55-2f0c7f3e8a10"}',
    },
  },
};

/** A public route gets no refusals from the platform's document completion: this one declares its own. */
const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

const frame = (n: NumberedNotice): string => `id: ${n.id}\nevent: change\ndata: ${JSON.stringify(n.notice)}\n\n`;

/**
 * The dashboard's live stream (issue 14): server-sent events telling open pages which query to read again.
 * EventSource cannot send a bearer token, so the app first trades it for a single-use ticket (ADR 0014).
 */
@ApiTags('dashboard')
@ApiExtraModels(StreamTicketDto)
@Controller('app/events')
export class LiveController {
  private readonly keepAliveMs: number;

  constructor(
    private readonly hub: LiveHub,
    private readonly tickets: StreamTickets,
    @Inject(DASHBOARD_OPTIONS) options: DashboardOptions,
  ) {
    this.keepAliveMs = (options.live !== false && options.live?.keepAliveMs) || KEEP_ALIVE_MS;
  }

  @Post('tickets')
  @HttpCode(200)
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'A single-use ticket (30 s) to open the live stream with: EventSource cannot send the bearer token' })
  @ApiOkResponse({ type: StreamTicketDto })
  @ApiForbiddenResponse({ description: 'not a rep, manager, auditor or admin' })
  @ApiTooManyRequestsResponse({ description: 'too many tickets waiting to be used on this server; retry in 30 s' })
  issue(@Req() request: Request & AuthenticatedRequest): StreamTicketDto {
    const issued = this.tickets.issue(request.principal!, bearerExpiry(request.headers.authorization));
    if (!issued) throw new ProblemException(429, 'too-many-stream-tickets', 'too many stream tickets are waiting to be used; retry in 30 s');
    return issued;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Live notices for the dashboard (server-sent events), opened with a ticket', description: STREAM_FORMAT })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last notice received; the notices after it are sent first', schema: { type: 'string', pattern: LAST_EVENT_ID.source } })
  @ApiOkResponse({ description: STREAM_FORMAT, content: { 'text/event-stream': { schema: EVENT_SCHEMA } } })
  @ApiBadRequestResponse({ description: 'the ticket, lastEventId or Last-Event-ID is malformed', content: PROBLEM })
  @ApiUnauthorizedResponse({ description: 'the ticket is unknown, used already or expired, or the token it was issued for has expired: ask for a new one', content: PROBLEM })
  stream(@Query() query: LiveStreamQuery, @Req() request: Request, @Res() response: Response): void {
    const header = request.headers['last-event-id'];
    if (header !== undefined && (typeof header !== 'string' || !LAST_EVENT_ID.test(header))) {
      throw new RequestValidationError([{ field: 'Last-Event-ID', messages: ['Last-Event-ID must be the id of a notice, e.g. 9f86d081-42'] }]);
    }
    const grant = this.tickets.redeem(query.ticket);
    if (!grant) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="rapport", error="invalid_token"');
      throw new ProblemException(401, 'stream-ticket-refused', 'the stream ticket is unknown, used already or expired: ask POST /app/events/tickets for a new one');
    }
    const lastEventId = header ?? query.lastEventId;

    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // Proxies (nginx) must pass each notice on at once, not buffer the answer.
    response.setHeader('X-Accel-Buffering', 'no');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.flushHeaders();

    let closed = false;
    const timers: { keepAlive?: NodeJS.Timeout; ending?: NodeJS.Timeout } = {};
    let unsubscribe = (): void => undefined;
    const close = (): void => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(timers.keepAlive);
      clearTimeout(timers.ending);
      response.end();
    };
    const write = (chunk: string): void => {
      if (closed) return;
      response.write(chunk);
      if (response.writableLength > MAX_BUFFERED_BYTES) close();
    };
    // Replay and subscription in one synchronous step: nothing pushed in between is lost or sent twice.
    const replay = lastEventId ? this.hub.since(lastEventId) : null;
    unsubscribe = this.hub.subscribe((n) => write(frame(n)));
    if (replay?.kind === 'resync') write('event: resync\ndata: {}\n\n');
    else if (replay) for (const n of replay.notices) write(frame(n));
    write(': connected\n\n');
    if (closed) return;
    timers.keepAlive = setInterval(() => write(': keep-alive\n\n'), this.keepAliveMs);
    timers.ending = setTimeout(close, Math.max(0, grant.endsAt - Date.now()));
    response.on('close', close);
  }
}
