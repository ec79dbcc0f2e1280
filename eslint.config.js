// Lint = TypeScript rules + Nx module boundaries. The boundaries are the architecture, checked by a tool:
// domain code imports no framework, driver or other context; services meet only through contracts.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const drivers = [
  '@nestjs/*',
  'express',
  'better-sqlite3',
  'pg',
  'mongoose',
  'mongodb',
  'kafkajs',
  '@platformatic/*',
  '@kurrent/*',
  'cloudevents',
  '@opentelemetry/*',
  'testcontainers',
];

module.exports = [
  { ignores: ['**/node_modules/**', 'dist/**', 'coverage/**', '.nx/**', 'tools/bench/peer/**', 'infra/**', 'apps/dashboard/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: [], bannedExternalImports: drivers },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:core', 'type:domain', 'type:testing'], bannedExternalImports: drivers },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: drivers },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:core', 'type:adapter'] },
            { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:core', 'type:adapter'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:adapter', 'type:testing'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:core', 'type:adapter', 'type:runtime', 'type:domain', 'type:contracts', 'type:testing'],
            },
            { sourceTag: 'type:shell', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform'] },
            // Services meet through published contracts (`scope:published`), never another context's domain or app.
            // Process shells (apps/<service>, `scope:<service>-process`) are free to compose: their end-to-end specs run
            // several services together, as the all-in-one process does.
            { sourceTag: 'scope:customers', onlyDependOnLibsWithTags: ['scope:customers', 'scope:platform', 'scope:published'] },
            { sourceTag: 'scope:directory', onlyDependOnLibsWithTags: ['scope:directory', 'scope:platform', 'scope:published'] },
            { sourceTag: 'scope:scheduler', onlyDependOnLibsWithTags: ['scope:scheduler', 'scope:platform', 'scope:published'] },
            { sourceTag: 'scope:feedback', onlyDependOnLibsWithTags: ['scope:feedback', 'scope:platform', 'scope:published'] },
            { sourceTag: 'scope:complaints', onlyDependOnLibsWithTags: ['scope:complaints', 'scope:platform', 'scope:published'] },
            { sourceTag: 'scope:sales-gating', onlyDependOnLibsWithTags: ['scope:sales-gating', 'scope:platform', 'scope:published'] },
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:platform', 'scope:published'] },
            // The auditor reads the services' stores through the platform and folds with their pure domain code (ADR 15), never a service's app.
            { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:audit', 'scope:platform', 'type:domain'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Test helpers never reach production code (src/testing/ folders are test-only and left out of the build).
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/platform/testing/**', '**/src/testing/**', 'tools/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@rapport/platform-testing', message: 'test helpers are for *.spec.ts files only' }] }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
