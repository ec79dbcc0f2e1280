import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { nameBasedUuid } from '@rapport/platform-eventsourcing';
import { BusConsumer } from '@rapport/platform-nest';
import { PoisonMessageError, type IncomingMessage, type IntegrationEvent, type MessageBus, type OutgoingMessage } from '@rapport/platform-messaging';
import {
  SALES_GATING_CHECK_REPLIES_TOPIC,
  SALES_GATING_CHECKS_TOPIC,
  SALES_GATING_SOURCE,
  SalesGatingCheckTypes,
  type CheckAnsweredV1,
  type CheckRequestedV1,
} from '@rapport/sales-gating-contracts';
import type { GatePolicy, PitchAnswer } from '@rapport/sales-gating-domain';
import type { GateCommands } from '../gate-commands';
import { ID_PATTERN } from '../http/gate-access';
import type { SalesGatingQueries } from '../sales-gating-queries';
import { replyOf } from './check-replies';

const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/** A request that is not one (wrong fields, ids) is dead-lettered with the reason: no retry can fix it. */
export function checkRequestOf(data: unknown): CheckRequestedV1 {
  if (typeof data !== 'object' || data === null) throw new PoisonMessageError('check request: data is not an object');
  const d = data as Record<string, unknown>;
  const allowed = new Set(['requestId', 'customerId', 'repId', 'product', 'customerAsked']);
  const extra = Object.keys(d).filter((k) => !allowed.has(k));
  if (extra.length > 0) throw new PoisonMessageError(`check request: unknown fields ${extra.join(', ')}`);
  if (typeof d['requestId'] !== 'string' || d['requestId'].length < 1 || d['requestId'].length > 200) throw new PoisonMessageError('check request: requestId');
  if (!isId(d['customerId']) || !isId(d['repId'])) throw new PoisonMessageError('check request: customerId and repId must be ids');
  const product = d['product'];
  if (product !== undefined && product !== null && (typeof product !== 'string' || product.length < 1 || product.length > 100)) throw new PoisonMessageError('check request: product');
  if (d['customerAsked'] !== undefined && typeof d['customerAsked'] !== 'boolean') throw new PoisonMessageError('check request: customerAsked');
  return {
    requestId: d['requestId'],
    customerId: d['customerId'],
    repId: d['repId'],
    product: typeof product === 'string' ? product : null,
    customerAsked: d['customerAsked'] === true,
  };
}

/**
 * The check as request/reply on the bus, for dialers and outside CRMs: the question on
 * `rapport.sales-gating.checks.v1`, the answer (with the request id) on `rapport.sales-gating.check-replies.v1`.
 * The reply's id is derived from the request's, so a redelivered request answers with the same id (consumers drop it).
 */
export class ChecksConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    private readonly bus: MessageBus,
    private readonly queries: SalesGatingQueries,
    private readonly commands: GateCommands,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'sales-gating-checks', topics: [SALES_GATING_CHECKS_TOPIC], handle: (m) => this.handle(m) }, 'sales-gating');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    if (message.event.type !== SalesGatingCheckTypes.checkRequested) return;
    const request = checkRequestOf(message.event.data);
    const policy = await this.commands.currentPolicy();
    const [answer] = await this.queries.check([request], policy);
    const answeredAt = this.queries.now().toISOString();
    const data: CheckAnsweredV1 = { requestId: request.requestId, ...replyOfTopic(request, answer!, policy, answeredAt) };
    await this.bus.publish([checkAnsweredMessage(message.event, data)]);
  }
}

/** The answer on the replies topic; its id is derived from the request's, so a redelivered request answers with the same id. */
export function checkAnsweredMessage(request: IntegrationEvent, data: CheckAnsweredV1): OutgoingMessage {
  return {
    topic: SALES_GATING_CHECK_REPLIES_TOPIC,
    key: data.customerId,
    event: {
      specversion: '1.0',
      id: nameBasedUuid(`check-answer/${request.id}`),
      source: SALES_GATING_SOURCE,
      type: SalesGatingCheckTypes.checkAnswered,
      subject: data.customerId,
      time: data.answeredAt,
      datacontenttype: 'application/json',
      data,
      correlationid: request.correlationid ?? request.id,
      causationid: request.id,
      actorid: 'sales-gating/checks',
    },
  };
}

/** On the bus the asker is a system (a dialer): the full answer, without counts or quotes (kept small). */
export function replyOfTopic(request: CheckRequestedV1, answer: PitchAnswer, policy: GatePolicy, answeredAt: string): Omit<CheckAnsweredV1, 'requestId'> {
  const { counts: _counts, lastQuotes: _quotes, ...reply } = replyOf(request.customerId, request.repId, answer, policy, answeredAt, null);
  return reply;
}
