import type {
  AppendManyOptions,
  AppendManyResult,
  AppendOptions,
  AppendResult,
  CollectionSpec,
  Document,
  DomainEvent,
  EventStore,
  NewEvent,
  ProjectionCheckpoint,
  Query,
  ReadAllOptions,
  ReadModelStore,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Unsubscribe,
  WriteOp,
} from '@rapport/platform-eventsourcing';
import type { EngineConnection } from './engine-connection';

/** A subscription that begins once the engine is open; unsubscribing before that simply never begins it. */
function deferredSubscription<T>(connection: EngineConnection<T & { close(): Promise<void> }>, subscribe: (store: T) => Unsubscribe): Unsubscribe {
  let inner: Unsubscribe | undefined;
  let cancelled = false;
  const started = connection.whenOpen().then(
    (store) => {
      if (!cancelled) inner = subscribe(store);
    },
    () => undefined,
  );
  return async () => {
    cancelled = true;
    await started;
    await inner?.();
  };
}

/**
 * An event store whose engine may not have answered yet. Reads and writes fail fast with
 * EngineUnavailableError until it does; subscriptions wait for it (they are long-lived anyway).
 */
export class DeferredEventStore implements EventStore {
  constructor(private readonly connection: EngineConnection<EventStore>) {}

  append<E extends DomainEvent>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions): Promise<AppendResult> {
    return this.now((store) => store.append(streamId, events, options));
  }

  appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    return this.now((store) => store.appendMany(appends, options));
  }

  readStream<E extends DomainEvent = DomainEvent>(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent<E>[]> {
    return this.now((store) => store.readStream<E>(streamId, options));
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.now((store) => store.readAll(options));
  }

  findCommand(commandId: string): Promise<(AppendResult & { streamId: string }) | undefined> {
    return this.now((store) => store.findCommand(commandId));
  }

  headPosition(): Promise<number> {
    return this.now((store) => store.headPosition());
  }

  subscribeToAll(options: SubscribeOptions): Unsubscribe {
    return deferredSubscription(this.connection, (store) => store.subscribeToAll(options));
  }

  subscribeToStream(streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe {
    return deferredSubscription(this.connection, (store) => store.subscribeToStream(streamId, options));
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private async now<R>(use: (store: EventStore) => Promise<R>): Promise<R> {
    return use(this.connection.current());
  }
}

/** Read models whose engine may not have answered yet: fail fast until it does, except set-up (`ensureCollections`), which waits. */
export class DeferredReadModelStore implements ReadModelStore {
  constructor(private readonly connection: EngineConnection<ReadModelStore>) {}

  get<T extends Document>(collection: string, id: string): Promise<T | undefined> {
    return this.now((store) => store.get<T>(collection, id));
  }

  find<T extends Document>(collection: string, query?: Query): Promise<T[]> {
    return this.now((store) => store.find<T>(collection, query));
  }

  count(collection: string, query?: Query): Promise<number> {
    return this.now((store) => store.count(collection, query));
  }

  checkpoint(projection: string): Promise<ProjectionCheckpoint | undefined> {
    return this.now((store) => store.checkpoint(projection));
  }

  commit(projection: string, ops: readonly WriteOp[], checkpoint: ProjectionCheckpoint): Promise<void> {
    return this.now((store) => store.commit(projection, ops, checkpoint));
  }

  reset(projection: string, collections: readonly CollectionSpec[]): Promise<void> {
    return this.now((store) => store.reset(projection, collections));
  }

  async ensureCollections(collections: readonly CollectionSpec[]): Promise<void> {
    await (await this.connection.whenOpen()).ensureCollections(collections);
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private async now<R>(use: (store: ReadModelStore) => Promise<R>): Promise<R> {
    return use(this.connection.current());
  }
}
