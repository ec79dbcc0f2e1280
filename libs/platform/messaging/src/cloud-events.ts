import { CloudEvent, ValidationError } from 'cloudevents';
import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type IntegrationEvent, type OutgoingMessage } from './message-bus';

/**
 * Builds the CloudEvent for an internal event. The CloudEvent id is the internal event id, so a
 * re-published event (relay restart) carries the same id and consumers drop the copy.
 */
export function integrationEventOf<T>(
  source: string,
  type: string,
  subject: string,
  data: T,
  recorded: RecordedEvent,
): IntegrationEvent<T> {
  const meta = recorded.metadata;
  return {
    specversion: '1.0',
    id: meta.eventId,
    source,
    type,
    subject,
    time: meta.recordedAt,
    datacontenttype: 'application/json',
    data,
    correlationid: meta.correlationId,
    causationid: meta.causationId,
    actorid: meta.actor.id,
    ...(meta.traceparent ? { traceparent: meta.traceparent } : {}),
    ...(meta.tracestate ? { tracestate: meta.tracestate } : {}),
  };
}

/**
 * A service's publisher for one topic, typed by its contract's payload map (`{ [type]: Payload }`): the type
 * string decides the payload, so a payload published under the wrong type does not compile. The subject is
 * also the partition key, so one subject's events keep their order.
 */
export const topicPublisher =
  <Payloads>(topic: string, source: string) =>
  <T extends keyof Payloads & string>(recorded: RecordedEvent, type: T, subject: string, data: Payloads[T]): OutgoingMessage[] => [
    { topic, key: subject, event: integrationEventOf(source, type, subject, data, recorded) },
  ];

/**
 * Validates an incoming object as a CloudEvents 1.0 event with the SDK's strict checks.
 * @throws PoisonMessageError naming what is wrong, so the message is dead-lettered with that reason.
 */
export function parseIntegrationEvent(candidate: unknown): IntegrationEvent {
  if (typeof candidate !== 'object' || candidate === null) throw new PoisonMessageError('not a CloudEvent: value is not an object');
  const attributes = candidate as Record<string, unknown>;
  if (attributes['specversion'] !== '1.0') throw new PoisonMessageError(`unsupported specversion: ${String(attributes['specversion'])}`);
  // The SDK would invent a missing id; but the id is what consumers de-duplicate on, so it must be the sender's.
  for (const required of ['id', 'source', 'type'] as const) {
    if (typeof attributes[required] !== 'string' || attributes[required] === '') {
      throw new PoisonMessageError(`invalid CloudEvent: required attribute "${required}" is missing`);
    }
  }
  try {
    const event = new CloudEvent(attributes as never, true);
    return JSON.parse(JSON.stringify(event)) as IntegrationEvent;
  } catch (error) {
    const detail = error instanceof ValidationError ? `${error.message}: ${JSON.stringify(error.errors ?? [])}` : String(error);
    throw new PoisonMessageError(`invalid CloudEvent: ${detail}`);
  }
}
