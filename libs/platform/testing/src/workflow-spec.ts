import { foldWorkflow, type Workflow, type WorkflowOutput } from '@rapport/platform-eventsourcing';

/**
 * Given-When-Then for workflow deciders: `workflowSpec(workflow).given([inputs]).when(input).then([outputs])`.
 * The given inputs are folded with `evolve` (what the instance has handled before); the when input is
 * decided on that state. Only the pure functions run, so a spec states the process rule and nothing else.
 */
export function workflowSpec<I, S, C, E, M>(workflow: Workflow<I, S, C, E, M>) {
  return {
    given: (history: readonly I[]) => ({
      when: (input: I) => {
        const state = foldWorkflow(workflow, history);
        return {
          then: (expected: readonly WorkflowOutput<C, E, M>[]): void => {
            expect(workflow.decide(input, state)).toEqual(expected);
          },
          /** The instance's state after the input, for assertions on what it remembers. */
          thenState: (assert: (state: S) => void): void => {
            assert(workflow.evolve(state, input));
          },
          /** Which instance the input belongs to. */
          thenInstance: (expected: string): void => {
            expect(workflow.instanceOf(input)).toBe(expected);
          },
        };
      },
    }),
  };
}
