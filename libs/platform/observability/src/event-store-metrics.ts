import type {
  AppendManyOptions,
  AppendManyResult,
  AppendOptions,
  AppendResult,
  DomainEvent,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Unsubscribe,
} from '@rapport/platform-eventsourcing';
import { Histogram } from 'prom-client';
import { metricsRegistry } from './metrics';

/** Whose store it is and on which engine (`sqlite`, `postgres`, `kurrentdb`): the labels of its series. */
export interface EventStoreLabels {
  readonly service: string;
  readonly store: string;
}

/** Time of one append call as the service sees it (field encryption included), successful or not. */
export const appendSeconds = new Histogram({
  name: 'rapport_event_store_append_seconds',
  help: 'Duration of event-store appends as the service sees them (field encryption included), per service, engine and operation (append: one stream; append_many: a multi-stream decision)',
  labelNames: ['service', 'store', 'operation'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/**
 * A service's event store with its appends timed into `rapport_event_store_append_seconds`. It also names the
 * service a store belongs to, so the commands handled on it are counted under that service
 * (`rapport_commands_total`, see {@link eventStoreLabels}). Everything else passes straight through.
 */
export class MeasuredEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    readonly labels: EventStoreLabels,
  ) {}

  async append<E extends DomainEvent>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions): Promise<AppendResult> {
    const done = appendSeconds.startTimer({ ...this.labels, operation: 'append' });
    try {
      return await this.inner.append(streamId, events, options);
    } finally {
      done();
    }
  }

  async appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    const done = appendSeconds.startTimer({ ...this.labels, operation: 'append_many' });
    try {
      return await this.inner.appendMany(appends, options);
    } finally {
      done();
    }
  }

  readStream<E extends DomainEvent = DomainEvent>(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent<E>[]> {
    return this.inner.readStream<E>(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  findCommand(commandId: string): Promise<(AppendResult & { streamId: string }) | undefined> {
    return this.inner.findCommand(commandId);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Unsubscribe {
    return this.inner.subscribeToAll(options);
  }

  subscribeToStream(streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe {
    return this.inner.subscribeToStream(streamId, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The service and engine of a store, when the runtime measured it (stores a test builds by hand have none). */
export const eventStoreLabels = (store: EventStore): EventStoreLabels | undefined => (store instanceof MeasuredEventStore ? store.labels : undefined);
