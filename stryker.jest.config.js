// Jest as StrykerJS runs it (`npm run mutation`): the customers domain specs only, which are pure and need
// no engines, so the global setup that starts PostgreSQL/FerretDB/Kafka is left out.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/libs/customers/domain'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
};
