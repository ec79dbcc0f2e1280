import { toDomainEvent, type Decider, type DomainEvent, type EventStore } from '@rapport/platform-eventsourcing';

/**
 * Folded states of recently used streams, kept with the version they were folded to: a load reads only the
 * events appended since (timer and cadence streams grow all year). A stale entry costs nothing but a longer
 * tail, never a wrong decision: every append still expects the version its decision was made on.
 */
export class StreamStateCache<E extends DomainEvent, S> {
  private readonly entries = new Map<string, { readonly version: number; readonly state: S }>();

  constructor(
    private readonly events: EventStore,
    private readonly decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
    private readonly capacity = 50_000,
  ) {}

  async load(streamId: string): Promise<{ state: S; version: number }> {
    const cached = this.entries.get(streamId);
    const tail = await this.events.readStream<E>(streamId, cached ? { fromVersion: cached.version + 1 } : {});
    let state = cached?.state ?? this.decider.initialState();
    for (const event of tail) state = this.decider.evolve(state, toDomainEvent(event));
    const loaded = { state, version: (cached?.version ?? 0) + tail.length };
    this.remember(streamId, loaded);
    return loaded;
  }

  private remember(streamId: string, entry: { readonly version: number; readonly state: S }): void {
    // Re-inserting keeps the Map in least-recently-used order; the oldest go first.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
