import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';
import { toBinaryRecord } from '@rapport/platform-kafka';
import type { OutgoingMessage } from '@rapport/platform-messaging';

/**
 * docs/asyncapi.yaml read as a contract by each service's AsyncAPI spec: channels by address, messages with
 * every `$ref` followed, and a strict Ajv check (a misspelt keyword, or a `required` field missing from
 * `properties`, fails too). `expectDocumented` holds one published message — through the real Kafka binding —
 * to what the document says of its topic, type, content type, payload, key and headers.
 */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

export interface MessageDoc {
  readonly name: string;
  readonly summary?: string;
  readonly contentType: string;
  readonly headers: Json;
  readonly payload: Json;
  readonly correlationId?: Json;
  readonly bindings: Json;
}

export interface ChannelDoc {
  readonly address: string;
  readonly messages: JsonObject;
}

export const isJsonObject = (node: Json | undefined): node is JsonObject => typeof node === 'object' && node !== null && !Array.isArray(node);

export interface AsyncApiDocument {
  readonly doc: JsonObject;
  /** Follows local `$ref`s (JSON pointers into the document). */
  deref(node: Json): Json;
  /** The schema with every reference replaced by its target, so Ajv needs no knowledge of AsyncAPI. */
  inline(node: Json): Json;
  /** The one channel at this address (fails the test when there is none, or more than one). */
  channel(address: string): ChannelDoc;
  messagesOf(channel: ChannelDoc): MessageDoc[];
  /** The Kafka message key's schema (message bindings may be a reference to components). */
  keySchema(message: MessageDoc): Json;
  expectValid(schema: Json, value: unknown, what: string): void;
  /** The message is one the document lists on its topic, and its payload, key and headers are valid. */
  expectDocumented(message: OutgoingMessage): void;
}

const WORKSPACE_DOCUMENT = join(__dirname, '../../../../docs/asyncapi.yaml');

export function asyncApiDocument(file: string = WORKSPACE_DOCUMENT): AsyncApiDocument {
  const doc = load(readFileSync(file, 'utf8')) as JsonObject;
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);

  const deref = (node: Json): Json => {
    if (!isJsonObject(node) || typeof node['$ref'] !== 'string') return node;
    const ref = node['$ref'];
    if (!ref.startsWith('#/')) throw new Error(`only local references are expected: ${ref}`);
    const keys = ref.slice(2).split('/').map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
    const target = keys.reduce<Json | undefined>((at, key) => (isJsonObject(at) ? at[key] : undefined), doc);
    if (target === undefined) throw new Error(`unresolved $ref: ${ref}`);
    return deref(target);
  };
  const inline = (node: Json): Json => {
    const resolved = deref(node);
    if (Array.isArray(resolved)) return resolved.map(inline);
    return isJsonObject(resolved) ? Object.fromEntries(Object.entries(resolved).map(([key, value]) => [key, inline(value)])) : resolved;
  };
  const channel = (address: string): ChannelDoc => {
    const found = Object.values(doc['channels'] as JsonObject).map(deref).filter((c) => isJsonObject(c) && c['address'] === address);
    expect(found).toHaveLength(1);
    return found[0] as unknown as ChannelDoc;
  };
  const messagesOf = (c: ChannelDoc): MessageDoc[] => Object.values(c.messages).map((m) => deref(m) as unknown as MessageDoc);
  const keySchema = (m: MessageDoc): Json => (deref(m.bindings) as { readonly kafka: { readonly key: Json } }).kafka.key;
  const expectValid = (schema: Json, value: unknown, what: string): void => {
    const validate = ajv.compile(inline(schema) as AnySchema);
    validate(value);
    expect({ what, value, errors: validate.errors ?? [] }).toEqual({ what, value, errors: [] });
  };
  const expectDocumented = (message: OutgoingMessage): void => {
    const specs = messagesOf(channel(message.topic)).filter((m) => m.name === message.event.type);
    expect({ topic: message.topic, type: message.event.type, documented: specs.length }).toEqual({ topic: message.topic, type: message.event.type, documented: 1 });
    const spec = specs[0]!;
    expect(message.event.datacontenttype).toBe(spec.contentType);
    expectValid(spec.payload, message.event.data, `${spec.name} payload`);
    const record = toBinaryRecord(message);
    expectValid(keySchema(spec), record.key, `${spec.name} key`);
    expectValid(spec.headers, record.headers, `${spec.name} headers`);
  };
  return { doc, deref, inline, channel, messagesOf, keySchema, expectValid, expectDocumented };
}
