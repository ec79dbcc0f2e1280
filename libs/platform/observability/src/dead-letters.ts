/** How many records one dead-letter topic holds, summed over its partitions (every parked letter, replayed or not). */
export interface DeadLetterDepth {
  readonly topic: string;
  readonly records: number;
}

/** A bus that can count the records of dead-letter topics itself. */
export interface DeadLetterDepthSource {
  deadLetterDepth(topics: readonly string[]): Promise<readonly DeadLetterDepth[]>;
}

export const hasDeadLetterDepth = (bus: unknown): bus is DeadLetterDepthSource =>
  typeof bus === 'object' && bus !== null && typeof (bus as Partial<DeadLetterDepthSource>).deadLetterDepth === 'function';
