import { deadLetterMessage, type DeadLetter, type OutgoingMessage } from '@rapport/platform-messaging';
import { verbatim } from './cloud-events-binary';
import { describeError } from './kafka-client';

/** What a dead letter of an unreadable record carries besides {@link DeadLetter}: the record as it was. */
export interface RawDeadLetter extends DeadLetter {
  readonly value: string | null;
  readonly valueEncoding: 'utf8' | 'base64';
  readonly headers: Record<string, string>;
}

export interface UnreadableRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key?: Buffer | null;
  readonly value?: Buffer | null;
}

/**
 * The dead-letter message of a record that is not a valid CloudEvent: the same envelope as a handler's dead letter
 * (`rapport.dead-letter.v1`, id `<group>/<topic>/<partition>/<offset>`), with the raw value and headers kept.
 */
export function rawDeadLetter(record: UnreadableRecord, headers: Record<string, string>, groupId: string, error: unknown): OutgoingMessage {
  const offset = Number(record.offset);
  const letter: RawDeadLetter = {
    originalTopic: record.topic,
    partition: record.partition,
    offset,
    groupId,
    reason: describeError(error),
    attempts: 1,
    failedAt: new Date().toISOString(),
    ...verbatim(record.value),
    headers,
  };
  const key = record.key ? record.key.toString('utf8') : String(record.partition);
  return deadLetterMessage(letter, key, `${groupId}/${record.topic}/${record.partition}/${offset}`);
}
