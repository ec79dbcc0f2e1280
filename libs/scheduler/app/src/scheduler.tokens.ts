export const SCHEDULER_SERVICE = 'scheduler';
/** The ServiceHost running the scheduler's projections, its relay and its directory copy. */
export const SCHEDULER_HOST = Symbol('scheduler:host');
/** The cadence policy in force (S1 cadences, C4/C6 review moments). */
export const CADENCE_POLICY = Symbol('scheduler:cadence-policy');
/** Options of the firing loop (batch size, poll interval). */
export const FIRING_OPTIONS = Symbol('scheduler:firing-options');
