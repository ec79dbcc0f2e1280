import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { open, seal } from './field-cipher';

/** One subject's row in the key store: its data key wrapped by the master key, or nothing once erased. */
export interface KeyRow {
  readonly subject: string;
  readonly wrapped: Buffer | null;
  readonly createdAt: string;
  readonly erasedAt: string | null;
}

/** A key-store row as both SQL repositories store it (the same columns in SQLite and PostgreSQL). */
export interface KeyTableRow {
  subject: string;
  wrapped: Buffer | null;
  created_at: string;
  erased_at: string | null;
}
export const keyRowOf = (r: KeyTableRow): KeyRow => ({ subject: r.subject, wrapped: r.wrapped, createdAt: r.created_at, erasedAt: r.erased_at });

/** Where wrapped keys live: kept apart from the events (its own SQLite file, its own PostgreSQL schema). ADR 0009. */
export interface KeyRepository {
  get(subject: string): Promise<KeyRow | undefined>;
  /** Inserts unless a row exists; answers the row that is stored (a concurrent writer may have won). */
  insertIfAbsent(row: KeyRow): Promise<KeyRow>;
  /** Overwrites the wrapped key with nothing and records when; a row is made if there was none. */
  markErased(subject: string, at: string): Promise<void>;
  erased(options: { readonly since?: string }): Promise<readonly KeyRow[]>;
  close(): Promise<void>;
}

/** A5: erasure as the use cases see it. */
export interface SubjectErasure {
  /** Destroys the subject's key: every field encrypted with it is unreadable from now on. Idempotent. */
  erase(subject: string, at: Date): Promise<{ readonly erasedAt: string; readonly keyDestroyed: boolean }>;
  erasedAt(subject: string): Promise<string | null>;
}

const WRAP_AAD = 'rapport data key v1';

/**
 * Per-subject data keys (AES-256), wrapped by a master key from configuration. The master key never
 * touches storage; a stolen key file without it is useless, and erasing a row is final (there is no
 * other copy of an unwrapped key outside this process's cache, which erasure clears).
 */
export class KeyVault implements SubjectErasure {
  private readonly cache = new Map<string, Buffer | null>();
  private readonly wrapKey: Buffer;
  private readonly pseudonymKey: Buffer;

  constructor(
    private readonly keys: KeyRepository,
    masterKey: Buffer,
    private readonly cacheSize = 10_000,
  ) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes (RAPPORT_MASTER_KEY, base64)');
    this.wrapKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'rapport key wrapping', 32));
    this.pseudonymKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'rapport stream pseudonyms', 32));
  }

  /** The subject's data key; made on first use when `create`. Null once the subject is erased; undefined if none. */
  async dataKey(subject: string, create: boolean): Promise<Buffer | null | undefined> {
    const cached = this.cache.get(subject);
    if (cached !== undefined) return cached;
    let row = await this.keys.get(subject);
    if (!row && !create) return undefined;
    if (!row) {
      const key = randomBytes(32);
      row = await this.keys.insertIfAbsent({ subject, wrapped: seal(this.wrapKey, key, `${WRAP_AAD}|${subject}`), createdAt: new Date().toISOString(), erasedAt: null });
    }
    const key = row.wrapped ? open(this.wrapKey, row.wrapped, `${WRAP_AAD}|${subject}`) : null;
    this.remember(subject, key);
    return key;
  }

  async erase(subject: string, at: Date): Promise<{ erasedAt: string; keyDestroyed: boolean }> {
    const before = await this.keys.get(subject);
    if (before?.erasedAt) {
      this.cache.set(subject, null);
      return { erasedAt: before.erasedAt, keyDestroyed: false };
    }
    await this.keys.markErased(subject, at.toISOString());
    this.cache.set(subject, null);
    return { erasedAt: at.toISOString(), keyDestroyed: before?.wrapped != null };
  }

  async erasedAt(subject: string): Promise<string | null> {
    return (await this.keys.get(subject))?.erasedAt ?? null;
  }

  /** A keyed, stable pseudonym of a personal stream-id part: equal inputs, equal pseudonyms; not reversible without the master key. */
  pseudonym(value: string): string {
    return createHmac('sha256', this.pseudonymKey).update(value, 'utf8').digest('base64url').slice(0, 32);
  }

  close(): Promise<void> {
    this.cache.clear();
    return this.keys.close();
  }

  private remember(subject: string, key: Buffer | null): void {
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(subject, key);
  }
}

/** Keys in memory: tests and `DATA_DIR=:memory:`. */
export class MemoryKeyRepository implements KeyRepository {
  private readonly rows = new Map<string, KeyRow>();
  async get(subject: string): Promise<KeyRow | undefined> {
    return this.rows.get(subject);
  }
  async insertIfAbsent(row: KeyRow): Promise<KeyRow> {
    const known = this.rows.get(row.subject);
    if (known) return known;
    this.rows.set(row.subject, row);
    return row;
  }
  async markErased(subject: string, at: string): Promise<void> {
    const known = this.rows.get(subject);
    this.rows.set(subject, { subject, wrapped: null, createdAt: known?.createdAt ?? at, erasedAt: known?.erasedAt ?? at });
  }
  async erased(options: { readonly since?: string }): Promise<readonly KeyRow[]> {
    return [...this.rows.values()].filter((r) => r.erasedAt !== null && (!options.since || r.erasedAt >= options.since));
  }
  async close(): Promise<void> {}
}
