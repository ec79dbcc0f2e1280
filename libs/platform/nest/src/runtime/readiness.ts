/** Something that may lag behind the event store: projections, relays, topic consumers. */
export interface ReadinessCheck {
  readonly name: string;
  isCaughtUp(): Promise<boolean>;
}

/** `/ready` answers 200 only when every registered check has caught up. */
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await c.isCaughtUp().catch(() => false)] as const));
    return { ready: results.every(([, ok]) => ok), checks: Object.fromEntries(results) };
  }
}
