/**
 * A5: personal data is declared on the event types, and the platform encrypts it — never a service by hand.
 *
 * Each context declares, next to its events, which fields of which event types are personal data and whose
 * (the data subject: a customer, a person). The event-store decorator (`EncryptingEventStore`,
 * @rapport/platform-audit) encrypts those fields with the subject's own key on append and decrypts them on
 * read; erasing the subject destroys the key, after which the fields read as `null` and the event's
 * metadata lists them in `erasedFields`.
 */

/** Personal fields of one event type that belong to one subject. */
export interface PersonalFieldGroup {
  /** Dotted path to the subject's id in the event data. Default: `customerId`. */
  readonly subject?: string;
  /** Dotted paths of the personal fields (`name`, `changes.phone`, `attempt.email`). Absent or null values stay as they are. */
  readonly fields: readonly string[];
}

/** Event type → its personal fields: a plain list (subject `customerId`) or groups with their own subjects. */
export type PersonalDataDeclaration = Readonly<Record<string, readonly string[] | readonly PersonalFieldGroup[]>>;

/**
 * Stream ids that are themselves personal data (`contact-key-phone:+14155550100`): the part after the prefix
 * is replaced in the store by a keyed pseudonym, so the same key still finds the same stream.
 */
export interface PseudonymousStreams {
  readonly pseudonymousStreamPrefixes: readonly string[];
}

const groupsOf = (entry: readonly string[] | readonly PersonalFieldGroup[]): readonly PersonalFieldGroup[] =>
  entry.length > 0 && typeof entry[0] === 'string' ? [{ fields: entry as readonly string[] }] : (entry as readonly PersonalFieldGroup[]);

/** Every declaration of the process. The decorator looks types up at each append and read, so load order does not matter. */
export class PersonalDataRegistry {
  private readonly byType = new Map<string, readonly PersonalFieldGroup[]>();
  private readonly prefixes = new Set<string>();

  declare(declaration: PersonalDataDeclaration, streams?: PseudonymousStreams): void {
    for (const [type, entry] of Object.entries(declaration)) {
      const groups = groupsOf(entry);
      const known = this.byType.get(type);
      if (known && JSON.stringify(known) !== JSON.stringify(groups)) throw new Error(`personal fields of ${type} are declared twice, differently`);
      this.byType.set(type, groups);
    }
    for (const prefix of streams?.pseudonymousStreamPrefixes ?? []) this.prefixes.add(prefix);
  }

  groups(type: string): readonly PersonalFieldGroup[] {
    return this.byType.get(type) ?? [];
  }

  /** The declared prefix a stream id starts with, if its id is personal data. */
  pseudonymousPrefixOf(streamId: string): string | undefined {
    for (const prefix of this.prefixes) if (streamId.startsWith(prefix)) return prefix;
    return undefined;
  }

  types(): readonly string[] {
    return [...this.byType.keys()];
  }
}

/** The process-wide registry every context declares into and the platform reads. */
export const personalData = new PersonalDataRegistry();

/** Declares a context's personal fields (call it at module level, next to the events) and returns the declaration. */
export function declarePersonalData<D extends PersonalDataDeclaration>(declaration: D, streams?: PseudonymousStreams): D {
  personalData.declare(declaration, streams);
  return declaration;
}

export function valueAt(data: unknown, path: string): unknown {
  let at: unknown = data;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * A copy of `data` with the value at each present path replaced by `replace(path, value)` (objects on the
 * way are copied, never mutated). Paths whose value is absent or null are left alone.
 */
export async function replaceAt(
  data: unknown,
  paths: readonly string[],
  replace: (path: string, value: unknown) => Promise<unknown>,
): Promise<unknown> {
  let out = data;
  for (const path of paths) {
    const value = valueAt(out, path);
    if (value === undefined || value === null) continue;
    out = setAt(out, path.split('.'), await replace(path, value));
  }
  return out;
}

function setAt(data: unknown, keys: readonly string[], value: unknown): unknown {
  const [key, ...rest] = keys;
  const obj = data as Record<string, unknown>;
  return { ...obj, [key!]: rest.length === 0 ? value : setAt(obj[key!], rest, value) };
}
