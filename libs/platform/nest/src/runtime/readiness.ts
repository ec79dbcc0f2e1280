import type { ProjectionRunner } from '@rapport/platform-eventsourcing';

/** Something that may lag behind the event store: projections, relays, topic consumers. */
export interface ReadinessCheck {
  readonly name: string;
  isCaughtUp(): Promise<boolean>;
}

/**
 * The background parts of this process. `/ready` answers 200 only when every registered check has caught
 * up; projection runners are also kept by name (`<service>/<projection>`) for the rebuild endpoint.
 */
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];
  private readonly runners = new Map<string, ProjectionRunner>();

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  registerProjection(service: string, runner: ProjectionRunner): void {
    const name = `${service}/${runner.name}`;
    this.runners.set(name, runner);
    this.register({ name, isCaughtUp: () => runner.isCaughtUp() });
  }

  projection(name: string): ProjectionRunner | undefined {
    return this.runners.get(name);
  }

  projections(): [string, ProjectionRunner][] {
    return [...this.runners.entries()];
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await c.isCaughtUp().catch(() => false)] as const));
    return { ready: results.every(([, ok]) => ok), checks: Object.fromEntries(results) };
  }
}
