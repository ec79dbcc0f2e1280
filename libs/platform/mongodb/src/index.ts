export * from './mongo-query';
export * from './mongo-commit';
export * from './mongo-read-model-store';
