import type { AppendSignal } from '@rapport/platform-eventsourcing';
import { Client } from 'pg';

/**
 * One dedicated connection per store that LISTENs on the schema's channel and wakes the store's
 * subscription loops when another process commits an append. It is an accelerator only: the loops
 * poll anyway, so a lost connection (reconnected with a back-off) costs latency, never events.
 */
export class NotifyListener {
  private client: Client | undefined;
  private closed = false;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly signal: AppendSignal,
    private readonly applicationName?: string,
  ) {}

  /** Idempotent; never throws (a failure schedules a retry). */
  start(): void {
    if (this.closed || this.client || this.connecting) return;
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, ...(this.applicationName ? { application_name: this.applicationName } : {}) });
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.retryLater();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.signal.notify());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.closed) {
        await client.end();
        return;
      }
      // No wake-up here for what committed while connecting: the loops' polling covers that, and a
      // spurious wake-up would also cut short a failed handler's retry delay (startPollingLoop waits
      // for the same signal in both cases).
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
      this.retryLater();
    }
  }

  private retryLater(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.start(), 1_000);
    this.retryTimer.unref();
  }
}
