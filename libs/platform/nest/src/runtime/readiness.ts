import type { ProcessorLag, ProjectionRunner } from '@rapport/platform-eventsourcing';

/** Something that may lag behind its source: projections, relays, reactors, topic consumers. */
export interface ReadinessCheck {
  readonly name: string;
  isCaughtUp(): Promise<boolean>;
  /** Processors over the event store also say by how much (events and seconds behind). */
  lag?(): Promise<ProcessorLag>;
}

/** What `/ready` answers: the overall verdict, each check's verdict, and the lag of each processor. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, boolean>;
  readonly processors: readonly ({ readonly name: string } & ProcessorLag)[];
}

/**
 * The background parts of this process. `/ready` answers 200 only when every registered check has caught
 * up; projection runners are also kept by name (`<service>/<projection>`) for the rebuild endpoint.
 */
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];
  private readonly runners = new Map<string, ProjectionRunner>();

  static withChecks(checks: readonly ReadinessCheck[]): ReadinessRegistry {
    const registry = new ReadinessRegistry();
    for (const check of checks) registry.register(check);
    return registry;
  }

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  /** A processor (reactor, relay) by name: readiness and lag both come from `lag()`. */
  registerProcessor(name: string, processor: { lag(): Promise<ProcessorLag> }): void {
    this.register({ name, isCaughtUp: async () => (await processor.lag()).caughtUp, lag: () => processor.lag() });
  }

  registerProjection(service: string, runner: ProjectionRunner): void {
    const name = `${service}/${runner.name}`;
    this.runners.set(name, runner);
    this.registerProcessor(name, runner);
  }

  projection(name: string): ProjectionRunner | undefined {
    return this.runners.get(name);
  }

  projections(): [string, ProjectionRunner][] {
    return [...this.runners.entries()];
  }

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async (check) => {
        if (!check.lag) return { name: check.name, ok: await check.isCaughtUp().catch(() => false) };
        const lag = await check.lag().catch(() => undefined);
        return { name: check.name, ok: lag?.caughtUp ?? false, lag };
      }),
    );
    return {
      ready: results.every((r) => r.ok),
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok])),
      processors: results.flatMap((r) => (r.lag ? [{ name: r.name, ...r.lag }] : [])),
    };
  }
}
