import type { FieldCondition, Query, Scalar } from '@rapport/platform-eventsourcing';
import type { mongo } from 'mongoose';

/**
 * The port's queries in MongoDB filter language, with the answers of the SQLite store (its
 * `json_extract` semantics), not MongoDB's own where the two differ:
 * - `null` matches null and missing fields (FerretDB 1.24 does not match missing for `{f: null}`, so the
 *   filter says both explicitly);
 * - `in` ignores null members (SQL `x IN (NULL, …)` is never true for NULL);
 * - a range with a null bound matches nothing (SQL comparisons with NULL are never true);
 * - `contains` folds case like SQLite's `lower()`: ASCII letters only (see {@link containsPattern});
 * - ordering: null and missing first ascending, last descending, ties by id — as SQLite.
 * Conditions are meant for scalar fields of one type each (what projections write); mixed-type fields
 * compare by type in MongoDB and by SQLite's storage classes in SQLite.
 */

type Filter = mongo.Filter<mongo.Document>;

const NAME = /^[a-z][a-z0-9_]*$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names come from code, never from users; checked anyway, as in the SQLite store. */
export const collectionName = (collection: string): string => {
  if (!NAME.test(collection)) throw new Error(`invalid collection name: ${collection}`);
  return `rm_${collection}`;
};

export const fieldName = (name: string): string => {
  if (!FIELD.test(name) || name === '_id' || name === '_rm') throw new Error(`invalid field name: ${name}`);
  return name;
};

/** A filter no document satisfies (`$or: []` is an error in MongoDB; `$in: []` is not). */
export const NEVER: Filter = { _id: { $in: [] } };

const isNull = (field: string): Filter => ({ $or: [{ [field]: null }, { [field]: { $exists: false } }] });

function condition(field: string, c: FieldCondition): Filter {
  if (c === null) return isNull(field);
  if (typeof c !== 'object') return { [field]: c };
  if ('in' in c) {
    const values = c.in.filter((v): v is Exclude<Scalar, null> => v !== null);
    return values.length ? { [field]: { $in: values } } : NEVER;
  }
  if ('contains' in c) return { [field]: { $regex: containsPattern(c.contains) } };
  const range: Record<string, Scalar> = {};
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    const bound = c[op];
    if (bound === undefined) continue;
    if (bound === null) return NEVER;
    range[`$${op}`] = bound;
  }
  return Object.keys(range).length ? { [field]: range } : {};
}

function group(conditions: Readonly<Record<string, FieldCondition>>): Filter {
  const parts = Object.entries(conditions).map(([name, c]) => condition(fieldName(name), c));
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0]! : { $and: parts };
}

export function toFilter(query: Query): Filter {
  const parts: Filter[] = [];
  if (query.where) parts.push(group(query.where));
  if (query.anyOf) parts.push(query.anyOf.length ? { $or: query.anyOf.map(group) } : NEVER);
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0]! : { $and: parts };
}

export function toSort(query: Query): mongo.Sort {
  const sort: Record<string, 1 | -1> = {};
  for (const o of query.orderBy ?? []) sort[fieldName(o.field)] ??= o.direction === 'desc' ? -1 : 1;
  sort['_id'] = 1;
  return sort;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/;

/**
 * SQLite's `instr(lower(field), lower(needle))` as a regular expression. SQLite's `lower()` folds ASCII
 * letters only, while the needle is lowered by JavaScript (all of Unicode); so after lowering the needle
 * each ASCII letter matches either case and every other character matches only itself. A regex `i` flag
 * would fold non-ASCII letters too (`ä` matching `Ä`) and disagree with the embedded store.
 */
export function containsPattern(needle: string): string {
  let pattern = '';
  for (const ch of needle.toLowerCase()) {
    if (ch >= 'a' && ch <= 'z') pattern += `[${ch}${ch.toUpperCase()}]`;
    else pattern += REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch;
  }
  return pattern;
}
