export * from './envelope';
export * from './errors';
export * from './event-store';
export * from './decider';
export * from './ids';
export * from './subscription';
export * from './read-model';
export * from './projection';
