import { withMessageSpan } from '@rapport/platform-observability';
import { deadLetterTopic, PoisonMessageError, type ConsumerOptions, type DeadLetter, type IncomingMessage, type OutgoingMessage } from './message-bus';

const consumeAttributes = (message: IncomingMessage, groupId: string): Record<string, string | number> => ({
  'messaging.destination.name': message.topic,
  'messaging.consumer.group.name': groupId,
  'messaging.message.id': message.event.id,
  'messaging.kafka.offset': message.offset,
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
 * Runs the handler with exponential backoff. A {@link PoisonMessageError} or the last failed attempt parks
 * the message on the dead-letter topic with the reason, so one bad message never blocks its partition.
 * Resolves only when the message was handled or parked: the caller may then commit its offset.
 */
export async function deliverWithRetry(
  message: IncomingMessage,
  options: ConsumerOptions,
  publishDeadLetter: (messages: readonly OutgoingMessage[]) => Promise<void>,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 5;
  let delay = options.retryDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      await withMessageSpan(`consume ${message.topic}`, message.event, consumeAttributes(message, options.groupId), () => options.handle(message));
      return;
    } catch (error) {
      const poison = error instanceof PoisonMessageError;
      if (!poison && attempt < maxAttempts) {
        await sleep(delay);
        delay *= 2;
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
      return;
    }
  }
}
