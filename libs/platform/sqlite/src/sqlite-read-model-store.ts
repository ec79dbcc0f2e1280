import type {
  CollectionSpec,
  Document,
  FieldCondition,
  ProjectionCheckpoint,
  Query,
  ReadModelStore,
  Scalar,
  WriteOp,
} from '@rapport/platform-eventsourcing';
import { openSqlite, StatementCache, type OpenSqliteOptions, type SqliteDatabase } from './open-database';
import { GroupCommit } from './group-commit';

const NAME = /^[a-z][a-z0-9_]*$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names end up in SQL text; they come from code, never from users, and are checked anyway. */
function checked(pattern: RegExp, name: string, what: string): string {
  if (!pattern.test(name)) throw new Error(`invalid ${what} name: ${name}`);
  return name;
}

const table = (collection: string): string => `rm_${checked(NAME, collection, 'collection')}`;
const field = (name: string): string => `json_extract(doc, '$.${checked(FIELD, name, 'field')}')`;
/** SQLite's JSON functions read booleans as 1 and 0. */
const bindable = (value: Scalar): string | number | null => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

/**
 * Read models as JSON documents in SQLite tables, one table per collection. A batch of writes and the
 * projection's checkpoint commit in one transaction, so the read model always equals its checkpoint.
 *
 * Group commit: the batches committed in one event-loop turn (every projection woken by the same append)
 * share one transaction and one fsync, each in its own savepoint, so one that fails is undone alone.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly statements: StatementCache;
  private readonly group: GroupCommit<{ projection: string; ops: readonly WriteOp[]; checkpoint: ProjectionCheckpoint }, void>;

  static open(path: string, options: OpenSqliteOptions = {}): SqliteReadModelStore {
    return new SqliteReadModelStore(openSqlite(path, options));
  }

  constructor(readonly db: SqliteDatabase) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS rm_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL) WITHOUT ROWID',
    );
    this.statements = new StatementCache(db);
    this.group = new GroupCommit(db, ({ projection, ops, checkpoint }) => {
      const stored = this.readCheckpoint(projection);
      // A batch at or below the stored position was applied already (at-least-once delivery): skip it.
      if (stored && stored.version === checkpoint.version && stored.position >= checkpoint.position) return;
      for (const op of ops) {
        if (op.kind === 'put') {
          this.statements
            .get(`INSERT INTO ${table(op.collection)} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`)
            .run(op.doc.id, JSON.stringify(op.doc));
        } else {
          this.statements.get(`DELETE FROM ${table(op.collection)} WHERE id = ?`).run(op.id);
        }
      }
      this.statements
        .get(
          'INSERT INTO rm_checkpoints (projection, position, version) VALUES (?, ?, ?) ' +
            'ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version',
        )
        .run(projection, checkpoint.position, checkpoint.version);
    });
  }

  async ensureCollections(collections: readonly CollectionSpec[]): Promise<void> {
    for (const spec of collections) {
      const name = table(spec.name);
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${name} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`);
      for (const fields of spec.indexes ?? []) {
        const indexName = `ix_${name}_${fields.map((f) => checked(FIELD, f, 'field')).join('_')}`;
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${indexName} ON ${name} (${fields.map(field).join(', ')})`);
      }
    }
  }

  async get<T extends Document>(collection: string, id: string): Promise<T | undefined> {
    const row = this.statements.get(`SELECT doc FROM ${table(collection)} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async find<T extends Document>(collection: string, query: Query = {}): Promise<T[]> {
    const { where, params } = whereClause(query);
    const order = (query.orderBy ?? []).map((o) => `${field(o.field)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`);
    const sql =
      `SELECT doc FROM ${table(collection)}${where} ORDER BY ${[...order, 'id ASC'].join(', ')}` +
      ` LIMIT ${Math.max(-1, Math.floor(query.limit ?? -1))} OFFSET ${Math.max(0, Math.floor(query.offset ?? 0))}`;
    const rows = this.statements.get(sql).all(...params) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as T);
  }

  async count(collection: string, query: Query = {}): Promise<number> {
    const { where, params } = whereClause(query);
    const row = this.statements.get(`SELECT COUNT(*) AS n FROM ${table(collection)}${where}`).get(...params) as { n: number };
    return row.n;
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint | undefined> {
    return this.readCheckpoint(projection);
  }

  commit(projection: string, ops: readonly WriteOp[], checkpoint: ProjectionCheckpoint): Promise<void> {
    return this.group.submit({ projection, ops, checkpoint });
  }

  async reset(projection: string, collections: readonly CollectionSpec[]): Promise<void> {
    // Batches asked for before the reset commit before it.
    this.group.flush();
    await this.ensureCollections(collections);
    this.db.transaction(() => {
      for (const spec of collections) this.db.exec(`DELETE FROM ${table(spec.name)}`);
      this.statements.get('DELETE FROM rm_checkpoints WHERE projection = ?').run(projection);
    })();
  }

  async close(): Promise<void> {
    this.group.flush();
    if (this.db.open) this.db.close();
  }

  private readCheckpoint(projection: string): ProjectionCheckpoint | undefined {
    return this.statements.get('SELECT position, version FROM rm_checkpoints WHERE projection = ?').get(projection) as
      | ProjectionCheckpoint
      | undefined;
  }
}

function whereClause(query: Query): { where: string; params: (string | number | null)[] } {
  const params: (string | number | null)[] = [];
  const group = (conditions: Readonly<Record<string, FieldCondition>>): string =>
    Object.entries(conditions)
      .map(([name, condition]) => conditionSql(field(name), condition, params))
      .join(' AND ') || '1';
  const parts: string[] = [];
  if (query.where) parts.push(group(query.where));
  if (query.anyOf) parts.push(`(${query.anyOf.map((g) => `(${group(g)})`).join(' OR ') || '0'})`);
  return { where: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

function conditionSql(expr: string, condition: FieldCondition, params: (string | number | null)[]): string {
  if (condition === null) return `${expr} IS NULL`;
  if (typeof condition !== 'object') {
    params.push(bindable(condition));
    return `${expr} = ?`;
  }
  if ('in' in condition) {
    if (condition.in.length === 0) return '0';
    params.push(...condition.in.map(bindable));
    return `${expr} IN (${condition.in.map(() => '?').join(', ')})`;
  }
  if ('contains' in condition) {
    params.push(condition.contains.toLowerCase());
    return `instr(lower(${expr}), ?) > 0`;
  }
  const comparisons: string[] = [];
  for (const [op, sql] of [['gt', '>'], ['gte', '>='], ['lt', '<'], ['lte', '<=']] as const) {
    const value = condition[op];
    if (value !== undefined) {
      params.push(bindable(value));
      comparisons.push(`${expr} ${sql} ?`);
    }
  }
  return comparisons.join(' AND ') || '1';
}
