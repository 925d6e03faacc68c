#!/usr/bin/env bash
# Real-host tests (what `npm run test:e2e` runs): installs code-server if missing (cached outside the repo),
# builds the bundles, packages the vsix, then runs e2e/*.e2e.test.ts one file at a time, each with its own
# code-server. Prints the node:test summary (# pass / # fail) and the time each step took.
#
#   scripts/e2e.sh                 all real-host tests
#   scripts/e2e.sh --screenshot    also refresh the screenshots in docs/images/ (example-diagnostics.png, taxonomy-coverage.png, hover-numeric.png, edit-preview.png)
#   scripts/e2e.sh e2e/host.e2e.test.ts     only the given test files
# Needs: chromium (apt), and to install code-server: build-essential python3 pkg-config libkrb5-dev ripgrep.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
t0=$SECONDS
lap() { echo "[e2e] $1 (+$((SECONDS - t0)) s)"; }

files=()
for arg in "$@"; do
  case "$arg" in
    --screenshot) export CITELENS_E2E_SCREENSHOT="$ROOT/docs/images/example-diagnostics.png" ;;
    *) files+=("$arg") ;;
  esac
done
[ ${#files[@]} -gt 0 ] || files=(e2e/*.e2e.test.ts)

if [ -z "${CODE_SERVER_BIN:-}" ]; then
  CODE_SERVER_BIN="$(bash scripts/install-code-server.sh | tail -1)"
  export CODE_SERVER_BIN
fi
lap "code-server: $CODE_SERVER_BIN"

node esbuild.mjs
mkdir -p .e2e-cache
node scripts/packageVsix.mjs -o .e2e-cache/citelens.vsix > .e2e-cache/package.log 2>&1 || { cat .e2e-cache/package.log; exit 1; }
lap "built dist/ and .e2e-cache/citelens.vsix"

status=0
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}" || status=$?
lap "e2e finished (exit $status)"
exit $status
