#!/usr/bin/env bash
# Fuzzes the running all-in-one runtime from its own OpenAPI document with schemathesis (issue 8, SEC-6):
# embedded mode on a fresh DATA_DIR, a development token, a fixed seed, every check on. Fails on any 5xx,
# undocumented status, or response that violates the document. Called by .ci/run after the tests.
#
#   tools/fuzz/run.sh                      build, start, fuzz, stop
#   FUZZ_SKIP_BUILD=1 tools/fuzz/run.sh    reuse dist/ (after npm test built it)
#   FUZZ_EXAMPLES=5 tools/fuzz/run.sh      fewer examples per operation (quicker, not what CI runs)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCHEMATHESIS_VERSION=4.32.5
VENV="${RAPPORT_FUZZ_VENV:-$HOME/.cache/rapport-fuzz/venv-$SCHEMATHESIS_VERSION}"
SEED="${FUZZ_SEED:-20261202}"
EXAMPLES="${FUZZ_EXAMPLES:-15}"
SECRET='fuzz-secret-with-at-least-32-characters!!'

if [ ! -x "$VENV/bin/schemathesis" ]; then
  echo "fuzz: installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

cd "$ROOT"
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then npm run build --silent; fi

DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/rapport-fuzz-XXXXXX")"
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
BASE="http://127.0.0.1:$PORT"
LOG="$DATA_DIR/app.log"
APP_PID=
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

PORT="$PORT" HOST=127.0.0.1 DATA_DIR="$DATA_DIR" JWT_SECRET="$SECRET" RAPPORT_DEV_TOKENS=false RAPPORT_MODE=embedded \
  SQLITE_SYNCHRONOUS=NORMAL node -r ./tools/register-paths.js dist/apps/rapport/src/main.js >"$LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$LOG"; echo "fuzz: the runtime did not start" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$BASE/health" >/dev/null

# A development token of a person with every human role, so each operation is reachable past its role check.
TOKEN="$(node -r ./tools/register-paths.js -e "
  const { TokenService } = require('@rapport/platform-nest');
  console.log(new TokenService(process.argv[1]).issue({ id: 'fuzz-admin', roles: ['admin', 'manager', 'rep'] }));
" "$SECRET")"

started=$SECONDS
set +e
"$VENV/bin/schemathesis" --config-file "$ROOT/tools/fuzz/schemathesis.toml" run "$BASE/docs-json" \
  --url "$BASE" \
  --header "Authorization: Bearer $TOKEN" \
  --checks all \
  --seed "$SEED" \
  --max-examples "$EXAMPLES" \
  --workers 1 \
  --request-timeout 30 \
  --report junit --report-dir "$ROOT/tools/fuzz/report"
status=$?
set -e
echo "fuzz: schemathesis finished in $((SECONDS - started)) s with exit code $status"
if [ "$status" -ne 0 ]; then
  echo "fuzz: last lines of the runtime's log:" >&2
  tail -n 40 "$LOG" >&2
fi
exit "$status"
