import type {
  CollectionSpec,
  Document,
  ProjectionCheckpoint,
  Query,
  ReadModelStore,
  WriteOp,
} from '@rapport/platform-eventsourcing';
import mongoose, { type Connection, type Model, type mongo } from 'mongoose';
import { checkpointModel, CommitLog, toStoredOps, type CheckpointDoc } from './mongo-commit';
import { collectionName, fieldName, toFilter, toSort } from './mongo-query';

export interface MongoReadModelStoreOptions {
  /** Database holding this service's read models (default `rapport_read_models`). */
  readonly dbName?: string;
  readonly serverSelectionTimeoutMS?: number;
}

/** What readers never see: MongoDB's `_id` (equal to `id`) and the write stamp. */
const HIDDEN = { _id: 0, _rm: 0 } as const;

/**
 * Read models as MongoDB documents, one collection `rm_<name>` per read-model collection, `_id` = `id`.
 * Runs on MongoDB and on FerretDB 1.24 (no transactions, no change streams): it uses CRUD, indexes,
 * upserts and plain queries only. Batches commit with their checkpoint through the roll-forward
 * protocol of {@link CommitLog}; queries answer exactly what the SQLite store answers (mongo-query.ts).
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly db: mongo.Db;
  private readonly checkpoints: Model<CheckpointDoc>;
  private readonly log: CommitLog;
  /** Roll-forward of whatever a crashed process (or a failed commit of ours) left, before serving. */
  private recovery: Promise<void> | undefined;

  static async open(url: string, options: MongoReadModelStoreOptions = {}): Promise<MongoReadModelStore> {
    const connection = await mongoose
      .createConnection(url, {
        dbName: options.dbName ?? 'rapport_read_models',
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
        autoIndex: false,
        autoCreate: false,
      })
      .asPromise();
    return new MongoReadModelStore(connection);
  }

  constructor(readonly connection: Connection) {
    if (!connection.db) throw new Error('MongoReadModelStore needs an open connection');
    this.db = connection.db;
    this.checkpoints = checkpointModel(connection);
    this.log = new CommitLog(this.db, this.checkpoints);
  }

  async ensureCollections(collections: readonly CollectionSpec[]): Promise<void> {
    for (const spec of collections) {
      const collection = this.db.collection(collectionName(spec.name));
      for (const fields of spec.indexes ?? []) {
        await collection.createIndex(Object.fromEntries(fields.map((f) => [fieldName(f), 1])));
      }
    }
  }

  async get<T extends Document>(collection: string, id: string): Promise<T | undefined> {
    await this.recovered();
    const doc = await this.db.collection<{ _id: string }>(collectionName(collection)).findOne({ _id: id }, { projection: HIDDEN });
    return (doc ?? undefined) as T | undefined;
  }

  async find<T extends Document>(collection: string, query: Query = {}): Promise<T[]> {
    await this.recovered();
    // SQLite: LIMIT 0 is no rows, a negative LIMIT is no limit. MongoDB: limit(0) is no limit.
    const limit = query.limit === undefined ? -1 : Math.floor(query.limit);
    if (limit === 0) return [];
    let cursor = this.db
      .collection(collectionName(collection))
      .find(toFilter(query), { projection: HIDDEN, sort: toSort(query) })
      .skip(Math.max(0, Math.floor(query.offset ?? 0)));
    if (limit > 0) cursor = cursor.limit(limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async count(collection: string, query: Query = {}): Promise<number> {
    await this.recovered();
    return this.db.collection(collectionName(collection)).countDocuments(toFilter(query));
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint | undefined> {
    await this.recovered();
    return this.log.recover(await this.checkpoints.findById(projection).lean());
  }

  async commit(projection: string, ops: readonly WriteOp[], checkpoint: ProjectionCheckpoint): Promise<void> {
    const stored = await this.checkpoint(projection);
    // A batch at or below the stored position was applied already (at-least-once delivery): skip it.
    if (stored && stored.version === checkpoint.version && stored.position >= checkpoint.position) return;
    try {
      await this.log.commit(projection, toStoredOps(ops), checkpoint, stored);
    } catch (error) {
      // The batch may have passed its commit point: finish it before anyone reads again.
      this.recovery = undefined;
      throw error;
    }
  }

  async reset(projection: string, collections: readonly CollectionSpec[]): Promise<void> {
    await this.ensureCollections(collections);
    await this.log.reset(projection, collections.map((c) => c.name));
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Once per store, and again after a failed commit: finish every pending batch and reset. */
  private recovered(): Promise<void> {
    this.recovery ??= (async () => {
      const unfinished = await this.checkpoints.find({ $or: [{ pending: { $exists: true } }, { resetting: { $exists: true } }] }).lean();
      for (const doc of unfinished) await this.log.recover(doc);
    })().catch((error: unknown) => {
      this.recovery = undefined;
      throw error;
    });
    return this.recovery;
  }
}
