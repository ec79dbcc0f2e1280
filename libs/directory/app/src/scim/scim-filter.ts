import { ScimError } from './scim.schemas';

export interface EqualityFilter {
  readonly attribute: string;
  readonly value: string | boolean;
}

const EQ = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+(?:"((?:[^"\\]|\\.)*)"|(true|false))\s*$/i;

/**
 * The filters identity providers send to find a resource before creating it (RFC 7644 §3.4.2.2):
 * `<attribute> eq "<value>"` on the attributes given. Anything else is refused as `invalidFilter`
 * rather than answered wrongly.
 */
export function parseEqualityFilter(filter: string | undefined, attributes: readonly string[]): EqualityFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const m = EQ.exec(filter);
  const attribute = m && attributes.find((a) => a.toLowerCase() === m[1]!.toLowerCase());
  if (!m || !attribute) {
    throw new ScimError(400, `unsupported filter ${JSON.stringify(filter)}: use one of ${attributes.map((a) => `${a} eq "…"`).join(', ')}`, 'invalidFilter');
  }
  const value = m[3] !== undefined ? m[3].toLowerCase() === 'true' : m[2]!.replace(/\\(.)/g, '$1');
  return { attribute, value };
}
