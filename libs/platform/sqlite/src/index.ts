export * from './open-database';
export * from './group-commit';
export * from './sqlite-event-store';
export * from './sqlite-read-model-store';
