import type * as Platformatic from '@platformatic/kafka';

/** The Kafka client module (`@platformatic/kafka`, see docs/adr/0007-kafka-client.md). Only this lib imports it. */
export type KafkaClientModule = typeof Platformatic;
export type KafkaConnectionOptions = Platformatic.ConnectionOptions;
export type ClientProducer = Platformatic.Producer<string, string, string, string>;
export type ClientConsumer = Platformatic.Consumer<Buffer, Buffer, Buffer, Buffer>;
export type ClientMessage = Platformatic.Message<Buffer, Buffer, Buffer, Buffer>;
export type ClientStream = Platformatic.MessagesStream<Buffer, Buffer, Buffer, Buffer>;
export type ClientAdmin = Platformatic.Admin;

let loaded: KafkaClientModule | undefined;

/**
 * Loads `@platformatic/kafka`, which ships as ES modules only.
 *
 * Node ≥ 20.19 loads ES modules with `require()`, which is what the compiled CommonJS does in production. Jest on
 * Node 20 does not: its own module registry parses the file as CommonJS and fails on `export`, and it patches
 * `require('node:module').createRequire` too. `process.getBuiltinModule` (Node ≥ 20.16) hands out Node's real
 * module loader, which Jest does not wrap, so the same line works in both. Side effect under Jest only: the
 * client's objects come from Node's main realm, so this lib passes headers as plain objects (a test-realm `Map` is
 * not `instanceof Map` there) and never tests the client's errors with `instanceof`.
 */
export function kafkaClient(): KafkaClientModule {
  if (!loaded) {
    const { createRequire } = process.getBuiltinModule('node:module');
    loaded = createRequire(__filename)('@platformatic/kafka') as KafkaClientModule;
  }
  return loaded;
}

/** `name: message` of anything thrown, including errors from another realm (see {@link kafkaClient}). */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { name, message, errors } = error as { name?: unknown; message?: unknown; errors?: unknown };
    const own = `${typeof name === 'string' ? name : 'Error'}: ${String(message)}`;
    // The client reports most failures as an AggregateError of the attempts: the first cause is the useful part.
    return Array.isArray(errors) && errors.length > 0 ? `${own} <- ${describeError(errors[errors.length - 1])}` : own;
  }
  return String(error);
}

/** Closes a consumer and its streams without waiting for the in-flight fetches (the callback form: the promise form
 * of `close(true)` is not in the client's typings). */
export function forceClose(client: ClientConsumer): Promise<void> {
  return new Promise((resolve, reject) => client.close(true, (error) => (error ? reject(error) : resolve())));
}
