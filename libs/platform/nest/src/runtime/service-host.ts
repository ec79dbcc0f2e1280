import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ProjectionRunner, sleep, type EventStore, type Projection, type ReadModelStore } from '@rapport/platform-eventsourcing';
import { deadLetterTopic, OutboxRelay, TopicProjectionRunner, type MessageBus, type OutboxRelayOptions, type TopicProjection, type TopicSpec } from '@rapport/platform-messaging';
import type { ReadinessRegistry } from './readiness';
import { declareBusAccess } from '../kafka-access/kafka-access';

/**
 * Starts a background part. The first attempt is awaited (embedded engines start at once, as before); if it
 * fails — a network engine not answering since start-up fails fast — it is retried in the background with
 * backoff until it starts or the signal aborts, and the caller goes on: the process answers /health and /ready.
 */
export async function startWithRetry(what: string, start: () => Promise<void>, signal: AbortSignal, logger: Pick<Logger, 'warn'>): Promise<{ readonly retrying: Promise<void> }> {
  const attempt = async (): Promise<boolean> => {
    try {
      await start();
      return true;
    } catch (error) {
      logger.warn(`${what}: not started (${error instanceof Error ? error.message : String(error)}); retrying`);
      return false;
    }
  };
  if (await attempt()) return { retrying: Promise.resolve() };
  const retrying = (async () => {
    for (let delay = 500; !signal.aborted; delay = Math.min(delay * 2, 15_000)) {
      await sleep(delay, signal);
      if (!signal.aborted && (await attempt())) return;
    }
  })();
  return { retrying };
}

export interface ServiceParts {
  readonly service: string;
  readonly projections?: readonly Projection[];
  /** The relay to the service's own topics, which the service creates (with their dead-letter topics). */
  readonly relay?: Omit<OutboxRelayOptions, 'name'> & { readonly topics: readonly TopicSpec[] };
  readonly topicProjections?: readonly TopicProjection[];
}

/**
 * Runs a service's background parts — projections of its own events, the outbox relay to its topic,
 * read models fed from other services' topics — for as long as the application runs.
 */
export class ServiceHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runners: ReadonlyMap<string, ProjectionRunner>;
  private readonly relay: OutboxRelay | undefined;
  private readonly topicRunners: readonly TopicProjectionRunner[];
  private readonly topics: readonly TopicSpec[];
  private readonly service: string;
  private readonly logger = new Logger('service-host');
  private readonly stopping = new AbortController();
  private connecting: Promise<void> | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    readonly events: EventStore,
    readonly readModels: ReadModelStore,
    readonly bus: MessageBus,
    readiness: ReadinessRegistry,
    parts: ServiceParts,
  ) {
    this.service = parts.service;
    this.runners = new Map(
      (parts.projections ?? []).map((p) => [p.name, new ProjectionRunner(events, readModels, p, { logger: new Logger(`${parts.service}/${p.name}`) })]),
    );
    for (const runner of this.runners.values()) readiness.registerProjection(parts.service, runner);
    this.relay = parts.relay && new OutboxRelay(events, readModels, bus, { name: parts.service, logger: new Logger(`${parts.service}/relay`), ...parts.relay });
    if (this.relay) readiness.registerProcessor(`${parts.service}/relay`, this.relay);
    this.topicRunners = (parts.topicProjections ?? []).map((p) => new TopicProjectionRunner(bus, readModels, p));
    this.topics = (parts.relay?.topics ?? []).flatMap((topic) => [topic, { ...topic, name: deadLetterTopic(topic.name) }]);
    declareBusAccess(parts.service, {
      writes: (parts.relay?.topics ?? []).map((t) => t.name),
      reads: (parts.topicProjections ?? []).flatMap((p) => p.topics),
      groups: (parts.topicProjections ?? []).map((p) => p.name),
    });
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`no projection ${name}`);
    return runner;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Topic-fed read models exist (empty) from the start, so the service answers reads of them before the bus is
    // reachable. Not awaited: on SQLite the tables are made at once; a network engine's set-up waits for the engine,
    // and /health must answer meanwhile (a missing collection reads empty there anyway).
    for (const runner of this.topicRunners) void runner.prepare().catch(() => undefined);
    const start = async (): Promise<void> => {
      for (const runner of this.runners.values()) await runner.start();
    };
    this.starting = (await startWithRetry(`${this.service} projections`, start, this.stopping.signal, this.logger)).retrying;
    this.connecting = this.connectToBus();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await this.connecting;
    for (const runner of this.topicRunners) await runner.stop();
    await this.relay?.stop();
    for (const runner of this.runners.values()) await runner.stop();
  }

  /**
   * The service answers commands even while the broker is away: its event store is the outbox, so the
   * relay simply starts (and catches up) once the topics can be created. Until then `/ready` says no.
   */
  private async connectToBus(): Promise<void> {
    for (let delay = 500; !this.stopping.signal.aborted; delay = Math.min(delay * 2, 15_000)) {
      try {
        if (this.topics.length > 0) await this.bus.ensureTopics(this.topics);
        await this.relay?.start();
        for (const runner of this.topicRunners) await runner.start();
        return;
      } catch (error) {
        this.logger.warn(`${this.service}: message bus not reachable, retrying in ${delay} ms (${error instanceof Error ? error.message : String(error)})`);
        await sleep(delay, this.stopping.signal);
      }
    }
  }
}
