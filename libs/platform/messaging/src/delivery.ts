import { sleep } from '@rapport/platform-eventsourcing';
import { withMessageSpan } from '@rapport/platform-observability';
import { deadLetterTopic, PoisonMessageError, type ConsumerOptions, type DeadLetter, type IncomingMessage, type OutgoingMessage } from './message-bus';

const consumeAttributes = (message: IncomingMessage, groupId: string): Record<string, string | number> => ({
  'messaging.destination.name': message.topic,
  'messaging.consumer.group.name': groupId,
  'messaging.message.id': message.event.id,
  'messaging.kafka.offset': message.offset,
});

const MAX_RETRY_DELAY_MS = 30_000;

/** What became of a message: the caller commits its offset for `handled` and `parked`, never for `abandoned`. */
export type DeliveryOutcome = 'handled' | 'parked' | 'abandoned';

/** The dead-letter record of a message no handler could process, as a CloudEvent of its own. */
export function deadLetterMessage(letter: DeadLetter, key: string, id: string): OutgoingMessage {
  return {
    topic: deadLetterTopic(letter.originalTopic),
    key,
    event: {
      specversion: '1.0',
      id,
      source: `/rapport/consumers/${letter.groupId}`,
      type: 'rapport.dead-letter.v1',
      subject: `${letter.originalTopic}/${letter.partition}/${letter.offset}`,
      time: letter.failedAt,
      datacontenttype: 'application/json',
      data: letter,
    },
  };
}

/**
 * Runs the handler with exponential backoff (capped at 30 s). A {@link PoisonMessageError} or the last failed
 * attempt parks the message on the dead-letter topic with the reason, so one bad message never blocks its
 * partition. A stop (the signal) during the backoff abandons the message uncommitted: it is redelivered later.
 */
export async function deliverWithRetry(
  message: IncomingMessage,
  options: ConsumerOptions,
  publishDeadLetter: (messages: readonly OutgoingMessage[]) => Promise<void>,
  signal?: AbortSignal,
): Promise<DeliveryOutcome> {
  const maxAttempts = options.maxAttempts ?? 5;
  let delay = options.retryDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      await withMessageSpan(`consume ${message.topic}`, message.event, consumeAttributes(message, options.groupId), () => options.handle(message));
      return 'handled';
    } catch (error) {
      const poison = error instanceof PoisonMessageError;
      if (!poison && attempt < maxAttempts) {
        await sleep(delay, signal);
        if (signal?.aborted) return 'abandoned';
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
        continue;
      }
      const letter: DeadLetter = {
        originalTopic: message.topic,
        partition: message.partition,
        offset: message.offset,
        groupId: options.groupId,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        attempts: attempt,
        failedAt: new Date().toISOString(),
        value: message.event,
      };
      await publishDeadLetter([deadLetterMessage(letter, message.key, `${options.groupId}/${message.topic}/${message.partition}/${message.offset}`)]);
      return 'parked';
    }
  }
}
