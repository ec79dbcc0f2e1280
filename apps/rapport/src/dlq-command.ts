import { parseArgs } from 'node:util';
import { deadLetterTopic, type DeadLetter, type IncomingMessage, type IntegrationEvent, type OutgoingMessage } from '@rapport/platform-messaging';

/** Where dead letters live: the in-process bus (embedded) or Kafka (distributed). */
export interface DeadLetterLog {
  read(topic: string): Promise<IncomingMessage[]>;
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  ensureTopic(topic: string): Promise<void>;
  close(): Promise<void>;
}

/** Records of replays, one topic per dead-letter topic: Kafka records cannot be edited, so a replay is marked beside it. */
export const replaysTopic = (topic: string): string => `${deadLetterTopic(topic)}-replays`;
const REPLAYED = 'rapport.dead-letter-replayed.v1';

export const DLQ_USAGE = `Lists, shows and replays dead letters (messages a consumer could not handle).

Usage: npm run dlq -- <command> [options]

  list [--topic <t>]...      every dead letter of the topics' dead-letter topics, with its state
  show <letter id>           the letter: reason, attempts, group, the original event
  replay <letter id>         publishes the original event again to its topic; consumers skip it if they had
                             handled it (they de-duplicate by CloudEvent id); recorded, so a second replay is
                             a no-op unless --again
  --topic <t>                topics to look at (default: every service topic)
  -h, --help

Reads RAPPORT_MODE, DATA_DIR (embedded: DATA_DIR/bus.sqlite) or KAFKA_BROKERS and the KAFKA_SASL_*/KAFKA_TLS settings.
`;

export interface DlqResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Letter {
  readonly id: string;
  readonly message: IncomingMessage;
  readonly letter: DeadLetter;
  readonly replayedAt: string | undefined;
}

const isEvent = (value: unknown): value is IntegrationEvent =>
  typeof value === 'object' && value !== null && (value as Partial<IntegrationEvent>).specversion === '1.0' && typeof (value as Partial<IntegrationEvent>).id === 'string';

async function lettersOf(log: DeadLetterLog, topic: string): Promise<Letter[]> {
  const replays = new Map<string, string>();
  for (const record of await log.read(replaysTopic(topic))) {
    const data = record.event.data as { letterId?: string; replayedAt?: string };
    if (record.event.type === REPLAYED && data.letterId) replays.set(data.letterId, data.replayedAt ?? record.event.time);
  }
  return (await log.read(deadLetterTopic(topic))).map((message) => ({
    id: message.event.id,
    message,
    letter: message.event.data as DeadLetter,
    replayedAt: replays.get(message.event.id),
  }));
}

async function find(log: DeadLetterLog, topics: readonly string[], id: string): Promise<Letter | undefined> {
  for (const topic of topics) {
    const found = (await lettersOf(log, topic)).find((letter) => letter.id === id);
    if (found) return found;
  }
  return undefined;
}

const line = (l: Letter): string =>
  `${l.id}\t${l.letter.failedAt}\t${l.replayedAt ? `replayed ${l.replayedAt}` : 'parked'}\t${l.letter.attempts} attempt(s)\t${l.letter.reason}`;

/** The dlq CLI, free of process globals: `open` gives the log, `now` the time of a replay record. */
export async function runDlqCommand(argv: readonly string[], open: () => Promise<DeadLetterLog>, defaultTopics: readonly string[], now: () => Date): Promise<DlqResult> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${error instanceof Error ? error.message : String(error)}\n\n${DLQ_USAGE}` };
  }
  const { values, positionals } = parsed;
  const [command, id] = positionals;
  if (values.help || !command) return { code: values.help ? 0 : 2, stdout: values.help ? DLQ_USAGE : '', stderr: values.help ? '' : DLQ_USAGE };
  const topics = values.topic && values.topic.length > 0 ? values.topic : defaultTopics;
  const log = await open();
  try {
    switch (command) {
      case 'list': {
        const letters = (await Promise.all(topics.map((topic) => lettersOf(log, topic)))).flat();
        return { code: 0, stdout: letters.map(line).join('\n') + (letters.length ? '\n' : ''), stderr: `${letters.length} dead letter(s) on ${topics.map(deadLetterTopic).join(', ')}\n` };
      }
      case 'show': {
        const letter = id ? await find(log, topics, id) : undefined;
        if (!letter) return { code: 1, stdout: '', stderr: `no dead letter ${id ?? '(give its id)'}\n` };
        return { code: 0, stdout: `${JSON.stringify({ id: letter.id, state: letter.replayedAt ? 'replayed' : 'parked', replayedAt: letter.replayedAt, ...letter.letter }, null, 2)}\n`, stderr: '' };
      }
      case 'replay':
        return await replay(log, topics, id, values.again === true, now);
      default:
        return { code: 2, stdout: '', stderr: `unknown command ${command}\n\n${DLQ_USAGE}` };
    }
  } finally {
    await log.close();
  }
}

async function replay(log: DeadLetterLog, topics: readonly string[], id: string | undefined, again: boolean, now: () => Date): Promise<DlqResult> {
  const letter = id ? await find(log, topics, id) : undefined;
  if (!letter) return { code: 1, stdout: '', stderr: `no dead letter ${id ?? '(give its id)'}\n` };
  if (letter.replayedAt && !again) return { code: 0, stdout: '', stderr: `${letter.id} was replayed at ${letter.replayedAt}; nothing done (--again to publish it once more)\n` };
  // A record that was never a CloudEvent cannot be put back as one; it stays for a person to read.
  if (!isEvent(letter.letter.value)) return { code: 1, stdout: '', stderr: `${letter.id}: the original record is not a CloudEvent (raw dead letter); it cannot be replayed\n` };
  const original = letter.letter.value;
  // The same CloudEvent id: a consumer that had handled it after all skips it by its processed-marker.
  await log.publish([{ topic: letter.letter.originalTopic, key: letter.message.key, event: original }]);
  const at = now().toISOString();
  const replays = replaysTopic(letter.letter.originalTopic);
  await log.ensureTopic(replays);
  await log.publish([{
    topic: replays,
    key: letter.id,
    event: { specversion: '1.0', id: `${letter.id}@${at}`, source: '/rapport/dlq', type: REPLAYED, subject: letter.id, time: at, datacontenttype: 'application/json', data: { letterId: letter.id, eventId: original.id, replayedAt: at } },
  }]);
  return { code: 0, stdout: `${letter.id}\n`, stderr: `replayed ${original.type} ${original.id} to ${letter.letter.originalTopic}\n` };
}

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { topic: { type: 'string', multiple: true }, again: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
