// Jest as StrykerJS runs it (`npm run mutation`): the customers domain specs only, which are pure and need
// no engines, so the global setup that starts PostgreSQL/FerretDB/Kafka is left out. Each mutant re-runs its
// specs in a fresh Jest runtime, so ts-jest transpiles file by file (isolatedModules): several times faster,
// and type errors are `npm run typecheck`'s job anyway.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/libs/customers/domain'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false, isolatedModules: true }] },
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
};
