import type { CollectionSpec, Document, ProjectionCheckpoint, Query, ReadModelStore, WriteOp } from '@rapport/platform-eventsourcing';

/**
 * A checkpoint store in memory for processor tests, so the processor suite depends on no read-model engine.
 * Documents are kept by id only (no queries); `failNextCommit` stands for a process killed between a
 * handler's effects and its checkpoint.
 */
export class MemoryCheckpoints implements ReadModelStore {
  private readonly checkpoints = new Map<string, ProjectionCheckpoint>();
  private readonly docs = new Map<string, Document>();
  private failures = 0;

  /** The next `count` commits throw before writing anything. */
  failNextCommit(count = 1): void {
    this.failures = count;
  }

  async get<T extends Document>(collection: string, id: string): Promise<T | undefined> {
    return this.docs.get(`${collection}/${id}`) as T | undefined;
  }

  async find<T extends Document>(collection: string, _query?: Query): Promise<T[]> {
    return [...this.docs.entries()].filter(([key]) => key.startsWith(`${collection}/`)).map(([, doc]) => doc as T);
  }

  async count(collection: string, query?: Query): Promise<number> {
    return (await this.find(collection, query)).length;
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint | undefined> {
    return this.checkpoints.get(projection);
  }

  async commit(projection: string, ops: readonly WriteOp[], checkpoint: ProjectionCheckpoint): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('process killed before the checkpoint was written');
    }
    for (const op of ops) {
      if (op.kind === 'put') this.docs.set(`${op.collection}/${op.doc.id}`, op.doc);
      else this.docs.delete(`${op.collection}/${op.id}`);
    }
    this.checkpoints.set(projection, checkpoint);
  }

  async reset(projection: string, collections: readonly CollectionSpec[]): Promise<void> {
    this.checkpoints.delete(projection);
    for (const { name } of collections) for (const key of [...this.docs.keys()]) if (key.startsWith(`${name}/`)) this.docs.delete(key);
  }

  async ensureCollections(): Promise<void> {}

  async close(): Promise<void> {}
}
