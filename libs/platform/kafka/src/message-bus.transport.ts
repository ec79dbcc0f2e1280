import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, IncomingMessage, IntegrationEvent, MessageBus } from '@rapport/platform-messaging';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';

/**
 * A Nest transport over the {@link MessageBus} port, so `@EventPattern('rapport.customers.customer-registered.v1')`
 * handlers run unchanged on the in-process bus (embedded mode) and on Kafka (distributed mode). The pattern is the
 * CloudEvent `type`; the payload is the event's `data`; `@Ctx()` gives the whole message (event id for
 * de-duplication, subject, partition and offset).
 *
 * Delivery is the bus's: the offset is committed after the handler's promise or observable completed; a
 * handler error is retried with backoff, then parked on the dead-letter topic. Events of a type no handler
 * listens to are acknowledged and skipped (a topic carries every event type of its service).
 *
 * Independent of any adapter on purpose (it imports the port only); it lives here because distributed mode is
 * where Nest's own Kafka transport (kafkajs, no CloudEvents, no dead-letter topic) would otherwise be used.
 */
export interface MessageBusTransportOptions {
  readonly bus: MessageBus;
  /** The consumer group: one per service (or per read model). */
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
}

export const MESSAGE_BUS_TRANSPORT = Symbol('rapport-message-bus');

/** `@Ctx()` of a message-bus event handler. */
export class MessageBusContext extends BaseRpcContext<[IncomingMessage]> {
  getMessage(): IncomingMessage {
    return this.args[0];
  }

  getEvent(): IntegrationEvent {
    return this.args[0].event;
  }
}

export class MessageBusTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = MESSAGE_BUS_TRANSPORT;
  private consumer: Consumer | undefined;

  constructor(private readonly options: MessageBusTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.consumer = await this.options.bus.subscribe({
        groupId: this.options.groupId,
        topics: this.options.topics,
        maxAttempts: this.options.maxAttempts,
        retryDelayMs: this.options.retryDelayMs,
        handle: (message) => this.dispatch(message),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops consuming. The bus itself belongs to the application (publishers share it) and stays open. */
  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  on(): never {
    throw new Error('MessageBusTransport has no server events');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  private async dispatch(message: IncomingMessage): Promise<void> {
    const handler = this.getHandlerByPattern(message.event.type);
    if (!handler?.isEventHandler) return;
    try {
      const result: unknown = await handler(message.event.data, new MessageBusContext([message]));
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    } catch (error) {
      // Without MessageBusErrorFilter, Nest's default filter has replaced the error by { status, message }.
      if (error instanceof Error) throw error;
      const detail = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
      throw new Error(`${message.event.type} handler failed: ${detail}`);
    }
  }
}

/**
 * Lets a handler's error reach the bus unchanged, so a `PoisonMessageError` goes to the dead-letter topic at once
 * and the dead letter names the real reason. Register it on the microservice: `app.useGlobalFilters(new MessageBusErrorFilter())`.
 */
@Catch()
export class MessageBusErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
