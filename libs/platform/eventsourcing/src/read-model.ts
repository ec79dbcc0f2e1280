/**
 * The read-model port. Projections write through it and queries read through it, so the same
 * projection code runs on embedded SQLite and on MongoDB; the projection conformance suite proves parity.
 * Deliberately small (get, find, count, batched commit): what both engines do well and FerretDB supports.
 */

export type Scalar = string | number | boolean | null;

export type FieldCondition =
  | Scalar
  | { readonly in: readonly Scalar[] }
  | { readonly gt?: Scalar; readonly gte?: Scalar; readonly lt?: Scalar; readonly lte?: Scalar }
  /** Case-insensitive substring match, for search boxes. */
  | { readonly contains: string };

export interface Query {
  /** Top-level fields; all conditions must hold. */
  readonly where?: Readonly<Record<string, FieldCondition>>;
  /** Any one of these groups must hold (each group: all of its conditions). Combined with `where` by AND. */
  readonly anyOf?: readonly Readonly<Record<string, FieldCondition>>[];
  readonly orderBy?: readonly { readonly field: string; readonly direction?: 'asc' | 'desc' }[];
  readonly limit?: number;
  readonly offset?: number;
}

export interface Document {
  readonly id: string;
}

export type WriteOp =
  | { readonly kind: 'put'; readonly collection: string; readonly doc: Document }
  | { readonly kind: 'delete'; readonly collection: string; readonly id: string };

export interface ProjectionCheckpoint {
  /** Global position of the last event the projection applied. */
  readonly position: number;
  /** The projection's code version: a different one means rebuild. */
  readonly version: number;
}

export interface CollectionSpec {
  readonly name: string;
  /** Fields queried together; each inner list becomes one index. */
  readonly indexes?: readonly (readonly string[])[];
}

export interface ReadModelStore {
  get<T extends Document>(collection: string, id: string): Promise<T | undefined>;
  find<T extends Document>(collection: string, query?: Query): Promise<T[]>;
  count(collection: string, query?: Query): Promise<number>;
  checkpoint(projection: string): Promise<ProjectionCheckpoint | undefined>;
  /**
   * Writes the documents and the new checkpoint together. SQLite: one transaction. Engines without
   * multi-document transactions make each write idempotent and guard it with the position instead.
   */
  commit(projection: string, ops: readonly WriteOp[], checkpoint: ProjectionCheckpoint): Promise<void>;
  /** Drops the projection's documents and checkpoint, for a rebuild from zero. */
  reset(projection: string, collections: readonly CollectionSpec[]): Promise<void>;
  ensureCollections(collections: readonly CollectionSpec[]): Promise<void>;
  close(): Promise<void>;
}
