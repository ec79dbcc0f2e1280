import { DomainError, fold, type Decider, type DomainEvent } from '@rapport/platform-eventsourcing';

export interface ExpectedRefusal {
  readonly rule?: string;
  readonly code?: string;
  readonly kind?: DomainError['kind'];
}

/**
 * Given-When-Then for deciders: `spec(decider).given([events]).when(command).then([events])`, or
 * `.thenThrows({ rule: 'C3' })`. It runs the pure functions only, so a spec states a rule and nothing else.
 */
export function deciderSpec<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given: (history: readonly E[]) => ({
      when: (command: C) => {
        const run = (): readonly E[] => decider.decide(command, fold(decider, history));
        return {
          then: (expected: readonly E[]): void => {
            expect(run()).toEqual(expected);
          },
          thenThrows: (expected: ExpectedRefusal = {}): void => {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(DomainError);
            expect(thrown).toMatchObject(expected);
          },
          /** The resulting state, for assertions on derived values. */
          thenState: (assert: (state: S) => void): void => {
            const events = run();
            assert(events.reduce(decider.evolve, fold(decider, history)));
          },
        };
      },
    }),
  };
}
