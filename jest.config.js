// One Jest run over the whole workspace: on a 2-core CI machine a single run with shared workers is
// much faster than one Jest process per Nx project. Type errors are caught by `npm run typecheck`,
// so ts-jest only transpiles.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts'],
  // The dashboard web app has its own toolchain (Vite) and its browser tests (tools/browser/run.js).
  testPathIgnorePatterns: ['/node_modules/', '/apps/dashboard/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  maxWorkers: process.env.CI ? 2 : '50%',
  testTimeout: 30_000,
  // Real engines (PostgreSQL, FerretDB, Kafka) for the specs that need them, started once per run.
  reporters: ['default', '<rootDir>/tools/jest/tally-reporter.js'],
  globalSetup: '<rootDir>/tools/jest/global-setup.js',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.js',
};
