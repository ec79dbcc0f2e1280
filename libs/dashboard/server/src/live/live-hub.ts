import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import type { IncomingMessage, MessageBus } from '@rapport/platform-messaging';
import { BusConsumer, declareBusAccess } from '@rapport/platform-nest';
import { randomBytes } from 'node:crypto';
import { LIVE_TOPICS, noticeOf, type LiveNotice } from './live-notice';

/** A notice with its place in this hub's sequence (the SSE `id`, `<epoch>-<seq>`). */
export interface NumberedNotice {
  readonly id: string;
  readonly notice: LiveNotice;
}

export type NoticeListener = (notice: NumberedNotice) => void;

/** What a reconnecting client gets: the notices it missed, or `resync` when they are no longer known here. */
export type Replay = { readonly kind: 'replay'; readonly notices: readonly NumberedNotice[] } | { readonly kind: 'resync' };

export interface LiveHubOptions {
  /** The consumer group: one per dashboard instance that serves the stream (ADR 0014). */
  readonly groupId: string;
  /** Notices kept for reconnecting clients (Last-Event-ID). */
  readonly replaySize: number;
  /**
   * A message whose event is older than this when it reaches the hub is not news: the group's first catch-up on a
   * long topic (or a restart after a long stop) is not pushed to anyone. Clients re-read on (re)connect anyway.
   */
  readonly staleAfterMs: number;
}

export const LIVE_HUB_DEFAULTS: LiveHubOptions = { groupId: 'dashboard-live', replaySize: 1_000, staleAfterMs: 60_000 };

/**
 * Follows the services' integration topics on the platform's bus (in-process in embedded mode, Kafka in
 * distributed mode) and fans "what changed" notices out to the open streams. Holds the last notices so a client
 * that reconnects with Last-Event-ID misses nothing; the epoch in each id tells a restarted hub's ids apart.
 */
export class LiveHub implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('dashboard/live');
  private readonly epoch = randomBytes(4).toString('hex');
  private readonly recent: NumberedNotice[] = [];
  private readonly listeners = new Set<NoticeListener>();
  private sequence = 0;
  private consumer: BusConsumer | undefined;
  private stopped = false;
  private readonly options: LiveHubOptions;

  constructor(
    private readonly bus: () => Promise<MessageBus>,
    private readonly clock: Clock,
    options: Partial<LiveHubOptions> = {},
  ) {
    this.options = { ...LIVE_HUB_DEFAULTS, ...options };
    // Declared now, not when the bus answers: `/admin/bus-access` (the Kafka ACLs, OPS-5) must list it from the start.
    declareBusAccess('dashboard', { reads: Object.values(LIVE_TOPICS), groups: [this.options.groupId] });
  }

  onApplicationBootstrap(): void {
    // The process answers meanwhile: the bus may be a broker that is not up yet (BusConsumer retries).
    void this.bus().then(
      (bus) => {
        if (this.stopped) return;
        this.consumer = new BusConsumer(bus, { groupId: this.options.groupId, topics: Object.values(LIVE_TOPICS), handle: async (m) => this.take(m) }, 'dashboard');
        this.consumer.start();
      },
      (error: unknown) => this.logger.error(`no message bus: the live stream stays quiet and pages poll (${error instanceof Error ? error.message : String(error)})`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.listeners.clear();
    await this.consumer?.stop();
  }

  /** One message from a followed topic; never throws (a notice is a hint, nothing to retry or dead-letter). */
  take(message: Pick<IncomingMessage, 'topic' | 'event'>): void {
    const at = Date.parse(message.event.time);
    if (Number.isFinite(at) && this.clock.now().getTime() - at > this.options.staleAfterMs) return;
    const notice = noticeOf(message);
    if (notice) this.push(notice);
  }

  push(notice: LiveNotice): NumberedNotice {
    const numbered = { id: `${this.epoch}-${++this.sequence}`, notice };
    this.recent.push(numbered);
    if (this.recent.length > this.options.replaySize) this.recent.splice(0, this.recent.length - this.options.replaySize);
    for (const listener of [...this.listeners]) {
      try {
        listener(numbered);
      } catch (error) {
        this.logger.warn(`a stream failed to take a notice: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return numbered;
  }

  subscribe(listener: NoticeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What a client that last saw `lastEventId` missed; `resync` if that id is of another epoch or fell out of the buffer. */
  since(lastEventId: string): Replay {
    const match = /^([0-9a-f]{8})-(\d{1,15})$/.exec(lastEventId);
    if (!match || match[1] !== this.epoch) return { kind: 'resync' };
    const seen = Number(match[2]);
    if (seen > this.sequence) return { kind: 'resync' };
    const oldest = this.recent[0] ? Number(this.recent[0].id.split('-')[1]) : this.sequence + 1;
    // The next one after `seen` must still be here, or something was dropped in between.
    if (seen + 1 < oldest) return { kind: 'resync' };
    return { kind: 'replay', notices: this.recent.filter((n) => Number(n.id.split('-')[1]) > seen) };
  }

  get openStreams(): number {
    return this.listeners.size;
  }
}
