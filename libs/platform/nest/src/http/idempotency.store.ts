import type { ReadModelStore } from '@rapport/platform-eventsourcing';
import { randomUUID } from 'node:crypto';

export const IDEMPOTENCY_KEYS = 'idempotency_keys';

/** What a finished request answered, replayed as it was to every repeat of its key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly location?: string;
}

interface KeyRecord {
  readonly id: string;
  /** Hash of what the request asked for (path and body): the same key may only ever mean this. */
  readonly fingerprint: string;
  readonly state: 'in-flight' | 'done' | 'free';
  /** The process running it, and a nonce telling which of two racing reservations won. */
  readonly holder: string;
  readonly nonce: string;
  readonly since: string;
  readonly response?: StoredResponse;
}

export type Begin =
  | { readonly kind: 'execute'; readonly position: number }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-flight' };

export interface IdempotencyStoreOptions {
  /** Only this process uses the store (embedded SQLite): a reservation of an earlier process died with it. */
  readonly singleProcess: boolean;
  /** How long another live process's reservation is respected before it counts as abandoned. */
  readonly leaseMs?: number;
}

/**
 * Idempotency keys (IETF draft-ietf-httpapi-idempotency-key-header) on any ReadModelStore, so it works on
 * embedded SQLite and on MongoDB alike. Each key has its own checkpoint, used as a compare-and-set: a
 * reservation commits at the next position, and the nonce read back says whose commit won — two processes
 * racing on one key never both execute. Records are kept (no expiry): a key bound to a body stays bound,
 * so re-sending it with another body is refused even long after.
 */
export class IdempotencyStore {
  private readonly instance = randomUUID();
  private readonly leaseMs: number;

  private constructor(
    private readonly store: ReadModelStore,
    private readonly options: IdempotencyStoreOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  static async open(store: ReadModelStore, options: IdempotencyStoreOptions): Promise<IdempotencyStore> {
    await store.ensureCollections([{ name: IDEMPOTENCY_KEYS }]);
    return new IdempotencyStore(store, options);
  }

  async begin(id: string, fingerprint: string, now: Date): Promise<Begin> {
    const record = await this.store.get<KeyRecord>(IDEMPOTENCY_KEYS, id);
    const seen = record && this.verdict(record, fingerprint, now);
    if (seen) return seen;
    const position = ((await this.store.checkpoint(checkpointOf(id)))?.position ?? 0) + 1;
    const nonce = randomUUID();
    const doc: KeyRecord = { id, fingerprint, state: 'in-flight', holder: this.instance, nonce, since: now.toISOString() };
    try {
      await this.store.commit(checkpointOf(id), [{ kind: 'put', collection: IDEMPOTENCY_KEYS, doc }], { position, version: 1 });
    } catch {
      // Another process committed this position first: what it wrote decides below.
    }
    const after = await this.store.get<KeyRecord>(IDEMPOTENCY_KEYS, id);
    if (after?.nonce === nonce) return { kind: 'execute', position };
    return (after && this.verdict(after, fingerprint, now)) ?? { kind: 'in-flight' };
  }

  finish(id: string, position: number, response: StoredResponse): Promise<void> {
    return this.settle(id, position, 'done', response);
  }

  /** A request that failed binds nothing: the key may be sent again, with this body or a corrected one. */
  release(id: string, position: number): Promise<void> {
    return this.settle(id, position, 'free');
  }

  private async settle(id: string, position: number, state: 'done' | 'free', response?: StoredResponse): Promise<void> {
    const record = await this.store.get<KeyRecord>(IDEMPOTENCY_KEYS, id);
    if (!record) return;
    const doc: KeyRecord = { ...record, state, ...(response ? { response } : {}) };
    await this.store.commit(checkpointOf(id), [{ kind: 'put', collection: IDEMPOTENCY_KEYS, doc }], { position: position + 1, version: 1 });
  }

  /** What an existing record means for a request, or undefined when the request may reserve the key. */
  private verdict(record: KeyRecord, fingerprint: string, now: Date): Begin | undefined {
    if (record.state === 'free') return undefined;
    if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (record.state === 'done') return { kind: 'replay', response: record.response! };
    return this.abandoned(record, now) ? undefined : { kind: 'in-flight' };
  }

  private abandoned(record: KeyRecord, now: Date): boolean {
    if (record.holder === this.instance) return false;
    return this.options.singleProcess || now.getTime() - Date.parse(record.since) > this.leaseMs;
  }
}

const checkpointOf = (id: string): string => `idempotency:${id}`;
