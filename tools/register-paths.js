// Resolves the workspace's `@rapport/*` import aliases to the compiled output in dist/ at run time
// (tsc keeps the aliases as written). Loaded with `node -r ./tools/register-paths.js`.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, [target.replace(/\.ts$/, '')]]),
);
tsconfigPaths.register({ baseUrl: path.join(__dirname, '..', 'dist'), paths, addMatchAll: false });
