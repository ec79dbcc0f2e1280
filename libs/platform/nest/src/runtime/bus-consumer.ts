import { Logger } from '@nestjs/common';
import { sleep } from '@rapport/platform-eventsourcing';
import { deadLetterTopic, type Consumer, type ConsumerOptions, type MessageBus } from '@rapport/platform-messaging';
import { declareBusAccess } from '../kafka-access/kafka-access';

/**
 * A consumer group on the bus that joins once the bus can be reached — the service answers meanwhile, like
 * ServiceHost's relay — and leaves on stop. Before joining it makes sure the topics it reads and their dead-letter
 * topics exist (a refused message is parked there with its reason; inboxes such as a timer topic have no other
 * service that would create them). Delivery is at least once: handlers are idempotent by CloudEvent id.
 */
export class BusConsumer {
  private consumer: Consumer | undefined;
  private readonly stopping = new AbortController();
  private joining: Promise<void> | undefined;
  private readonly logger: Logger;

  /** @param service names the consuming service in the log lines (`<service>/<group>`). */
  constructor(
    private readonly bus: MessageBus,
    private readonly options: ConsumerOptions,
    service: string,
  ) {
    this.logger = new Logger(`${service}/${options.groupId}`);
    declareBusAccess(service, { reads: options.topics, groups: [options.groupId] });
  }

  start(): void {
    this.joining ??= this.join();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.joining;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  private async join(): Promise<void> {
    for (let delay = 500; !this.stopping.signal.aborted; delay = Math.min(delay * 2, 15_000)) {
      try {
        await this.bus.ensureTopics(this.options.topics.flatMap((name) => [{ name }, { name: deadLetterTopic(name) }]));
        this.consumer = await this.bus.subscribe(this.options);
        return;
      } catch (error) {
        this.logger.warn(`message bus not reachable, retrying in ${delay} ms (${error instanceof Error ? error.message : String(error)})`);
        await sleep(delay, this.stopping.signal);
      }
    }
  }
}
