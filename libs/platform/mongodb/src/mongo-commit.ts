import type { Document, ProjectionCheckpoint, WriteOp } from '@rapport/platform-eventsourcing';
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import { collectionName } from './mongo-query';

/**
 * How a batch of read-model writes and its checkpoint commit together on an engine without
 * multi-document transactions (FerretDB 1.x; MongoDB without a replica set):
 *
 *  1. If the checkpoint already covers the batch (same version, position at or above), skip it: an
 *     at-least-once redelivery never rolls a read model back.
 *  2. Commit point: one single-document write records the batch (its position, version and ops) as
 *     `pending` on the projection's checkpoint document, on condition that no other batch is pending
 *     and the checkpoint is still the one just read. Single-document writes are atomic, so from here
 *     on the batch counts as committed, exactly like a COMMIT record in a write-ahead log.
 *  3. Apply the ops. Each is idempotent: a put replaces the whole document, a delete deletes; every
 *     document carries a stamp `_rm` (projection, version, position of the batch that wrote it) and a
 *     write is skipped when the document already holds a stamp of this projection and version at or
 *     above the batch — a replayed batch does not rewrite what it wrote.
 *  4. Move the checkpoint to the batch and remove `pending` (checkpoint written last).
 *
 * A crash anywhere after 2 leaves `pending` behind; the next reader of the checkpoint (the projection
 * runner reads it before anything else) replays step 3 and finishes step 4: roll-forward recovery.
 * Why not simply "stamped idempotent writes, checkpoint last" without step 2? A projection reads its
 * own documents to compute the next state (a counter, a customer card). After a crash half-way through
 * a batch, the redelivered batch is often longer (events arrived meanwhile), so it would read documents
 * that already contain part of it and apply those events twice; its later position passes any stamp
 * guard. With the journal the documents are always either before or after a whole batch when the
 * projection reads them, which is what the SQLite transaction gives: the same observable result.
 * What differs: another process querying *during* step 3 can see part of a batch (never a torn
 * document); SQLite readers see all or nothing.
 */

export type StoredOp =
  | { readonly k: 'put'; readonly c: string; readonly id: string; readonly doc: Document }
  | { readonly k: 'delete'; readonly c: string; readonly id: string };

interface Pending {
  readonly position: number;
  readonly version: number;
  /** Inline ops; absent when they were too large and went to `rm_journal` in `chunks` pieces. */
  readonly ops?: StoredOp[];
  readonly chunks?: number;
}

export interface CheckpointDoc {
  _id: string;
  position?: number;
  version?: number;
  pending?: Pending;
  /** Collections being cleared by a reset that has not finished. */
  resetting?: string[];
}

interface JournalChunk {
  _id: string;
  projection: string;
  position: number;
  seq: number;
  ops: StoredOp[];
}

/** Inline limit for a batch's ops in the checkpoint document (BSON documents stop at 16 MiB). */
const CHUNK_BYTES = 4 << 20;
const DUPLICATE_KEY = 11000;

export class ConcurrentCommitError extends Error {
  override readonly name = 'ConcurrentCommitError';
  constructor(projection: string) {
    super(`projection ${projection}: another process committed or is committing a batch; retry`);
  }
}

export function checkpointModel(connection: Connection): Model<CheckpointDoc> {
  const schema = new Schema<CheckpointDoc>(
    {
      _id: { type: String, required: true },
      position: Number,
      version: Number,
      pending: Schema.Types.Mixed,
      resetting: { type: [String], default: undefined },
    },
    { collection: 'rm_checkpoints', versionKey: false, minimize: false, autoIndex: false, autoCreate: false },
  );
  return connection.models['ReadModelCheckpoint'] ?? connection.model<CheckpointDoc>('ReadModelCheckpoint', schema);
}

/** Read models are JSON documents: what SQLite stores (undefined dropped, dates as strings). */
export const toStoredOps = (ops: readonly WriteOp[]): StoredOp[] =>
  ops.map((op) =>
    op.kind === 'put'
      ? { k: 'put', c: op.collection, id: op.doc.id, doc: JSON.parse(JSON.stringify(op.doc)) as Document }
      : { k: 'delete', c: op.collection, id: op.id },
  );

export const committed = (doc: CheckpointDoc | null): ProjectionCheckpoint | undefined =>
  doc && doc.position !== undefined && doc.version !== undefined ? { position: doc.position, version: doc.version } : undefined;

export class CommitLog {
  constructor(
    private readonly db: mongo.Db,
    private readonly checkpoints: Model<CheckpointDoc>,
  ) {}

  private get journal(): mongo.Collection<JournalChunk> {
    return this.db.collection<JournalChunk>('rm_journal');
  }

  /** Steps 2–4 for a batch that step 1 let through; `stored` is the checkpoint read just before. */
  async commit(projection: string, ops: StoredOp[], checkpoint: ProjectionCheckpoint, stored: ProjectionCheckpoint | undefined): Promise<void> {
    const pending = await this.stage(projection, ops, checkpoint);
    try {
      await this.checkpoints.updateOne(
        { _id: projection, pending: { $exists: false }, resetting: { $exists: false }, position: stored ? stored.position : { $exists: false } },
        { $set: { pending } },
        { upsert: true },
      );
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw new ConcurrentCommitError(projection);
      throw error;
    }
    await this.apply(projection, ops, checkpoint);
    await this.finish(projection, pending);
  }

  /** Finishes whatever a crashed commit or reset left; answers the committed checkpoint. */
  async recover(doc: CheckpointDoc | null): Promise<ProjectionCheckpoint | undefined> {
    if (!doc) return undefined;
    if (doc.resetting) {
      await this.finishReset(doc._id, doc.resetting);
      return undefined;
    }
    if (!doc.pending) return committed(doc);
    const { position, version } = doc.pending;
    const ops = doc.pending.ops ?? (await this.journal.find({ projection: doc._id, position }).sort({ seq: 1 }).toArray()).flatMap((c) => c.ops);
    await this.apply(doc._id, ops, { position, version });
    await this.finish(doc._id, doc.pending);
    return { position, version };
  }

  /** Two steps as well: mark, clear, then drop the checkpoint; a crash in between is finished by recover. */
  async reset(projection: string, collections: readonly string[]): Promise<void> {
    await this.checkpoints.updateOne({ _id: projection }, { $set: { resetting: [...collections] }, $unset: { pending: 1 } }, { upsert: true });
    await this.finishReset(projection, collections);
  }

  private async finishReset(projection: string, collections: readonly string[]): Promise<void> {
    for (const name of collections) await this.db.collection(collectionName(name)).deleteMany({});
    await this.journal.deleteMany({ projection });
    await this.checkpoints.deleteOne({ _id: projection });
  }

  /** Small batches travel inside the commit point; large ones are written to the journal first. */
  private async stage(projection: string, ops: StoredOp[], checkpoint: ProjectionCheckpoint): Promise<Pending> {
    const { position, version } = checkpoint;
    if (JSON.stringify(ops).length <= CHUNK_BYTES) return { position, version, ops };
    const chunks: StoredOp[][] = [[]];
    let size = 0;
    for (const op of ops) {
      const opSize = JSON.stringify(op).length;
      if (size + opSize > CHUNK_BYTES && chunks[chunks.length - 1]!.length) {
        chunks.push([]);
        size = 0;
      }
      chunks[chunks.length - 1]!.push(op);
      size += opSize;
    }
    // Leftovers of an earlier attempt at this position are replaced: their marker was never written.
    await this.journal.deleteMany({ projection, position });
    await this.journal.insertMany(chunks.map((chunkOps, seq) => ({ _id: `${projection}/${position}/${seq}`, projection, position, seq, ops: chunkOps })));
    return { position, version, chunks: chunks.length };
  }

  private async apply(projection: string, ops: readonly StoredOp[], checkpoint: ProjectionCheckpoint): Promise<void> {
    const byCollection = new Map<string, StoredOp[]>();
    for (const op of ops) byCollection.set(op.c, [...(byCollection.get(op.c) ?? []), op]);
    for (const [name, group] of byCollection) {
      const collection = this.db.collection<{ _id: string; _rm?: Stamp }>(collectionName(name));
      const stamps = new Map(
        (await collection.find({ _id: { $in: group.map((op) => op.id) } }, { projection: { _rm: 1 } }).toArray()).map((d) => [d._id, d._rm]),
      );
      const stamp: Stamp = { projection, version: checkpoint.version, position: checkpoint.position };
      const writes = group
        .filter((op) => isOlder(stamps.get(op.id), stamp))
        .map((op): mongo.AnyBulkWriteOperation<{ _id: string; _rm?: Stamp }> =>
          op.k === 'put'
            ? { replaceOne: { filter: { _id: op.id }, replacement: { ...op.doc, _rm: stamp }, upsert: true } }
            : { deleteOne: { filter: { _id: op.id } } },
        );
      // Ordered: FerretDB 1.24 stops an unordered batch at its first error anyway.
      if (writes.length) await collection.bulkWrite(writes, { ordered: true });
    }
  }

  private async finish(projection: string, pending: Pending): Promise<void> {
    await this.checkpoints.updateOne(
      { _id: projection, 'pending.position': pending.position, 'pending.version': pending.version },
      { $set: { position: pending.position, version: pending.version }, $unset: { pending: 1 } },
    );
    if (pending.chunks) await this.journal.deleteMany({ projection, position: pending.position });
  }
}

interface Stamp {
  readonly projection: string;
  readonly version: number;
  readonly position: number;
}

/** A document not yet written by this batch or a later one of the same projection version. */
const isOlder = (existing: Stamp | undefined, batch: Stamp): boolean =>
  !existing || existing.projection !== batch.projection || existing.version !== batch.version || existing.position < batch.position;
