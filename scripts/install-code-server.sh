#!/usr/bin/env bash
# Installs code-server (the real VS Code 1.100.3 server, web workbench and Node extension host) for the e2e tests,
# from the npm registry only, into a cache folder OUTSIDE the repository. Idempotent: a finished install is kept.
#
#   usage: scripts/install-code-server.sh [prefix]
#   default prefix: $CITELENS_CODE_SERVER_PREFIX, else $HOME/.cache/citelens-e2e/code-server-$CS_VERSION
#   prints the code-server binary path as its last line.
#
# Debian packages needed to build its native modules: build-essential python3 pkg-config libkrb5-dev ripgrep
# (and chromium for the browser side of the tests). Known failures of a plain `npm i code-server` that this avoids
# (see the project's docs/e2e notes): the root-only postinstall check (unsafe-perm), kerberos headers, the
# @vscode/ripgrep download from GitHub, node-pty's `npx node-gyp` prompt, argon2's prebuilt download.
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}" # VS Code 1.100.3: the newest code-server whose engines.node is 20
PREFIX="${1:-${CITELENS_CODE_SERVER_PREFIX:-$HOME/.cache/citelens-e2e/code-server-$CS_VERSION}}"
BIN="$PREFIX/node_modules/.bin/code-server"
STAMP="$PREFIX/.citelens-install-complete"

if [ -f "$STAMP" ] && [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

missing=""
for cmd in rg make g++ python3 pkg-config; do command -v "$cmd" >/dev/null || missing="$missing $cmd"; done
[ -f /usr/include/gssapi/gssapi.h ] || missing="$missing libkrb5-dev(gssapi.h)"
if [ -n "$missing" ]; then
  echo "install-code-server: missing:$missing" >&2
  echo "  apt-get install -y build-essential python3 pkg-config libkrb5-dev ripgrep" >&2
  exit 2
fi

t0=$SECONDS
mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{"name":"citelens-e2e-code-server","private":true}' > package.json
# yes: node-pty's install runs `npx node-gyp`, which must not prompt. No audit/fund noise.
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# 1. The package without its postinstall (that script refuses root and downloads ripgrep from GitHub).
npm install --no-save --ignore-scripts "code-server@$CS_VERSION" > "$PREFIX/install.log" 2>&1 \
  || { tail -30 "$PREFIX/install.log" >&2; exit 1; }

# 2. What code-server's postinstall would do, by hand.
VS="$PREFIX/node_modules/code-server/lib/vscode"
cd "$VS"
npm install --omit=dev --ignore-scripts >> "$PREFIX/install.log" 2>&1 \
  || { tail -30 "$PREFIX/install.log" >&2; exit 1; } # versions pinned by its npm-shrinkwrap.json
# @vscode/ripgrep's postinstall skips the download when bin/ exists: use Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# npm 11 does not run dependency install scripts during install; rebuild runs them (node-gyp builds).
npm rebuild --foreground-scripts > "$PREFIX/rebuild.log" 2>&1 || { tail -40 "$PREFIX/rebuild.log" >&2; exit 1; }
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev >> "$PREFIX/install.log" 2>&1)

# 3. code-server's own native module: argon2 (its prebuilt download fails offline; falls back to a source build).
cd "$PREFIX"
npm rebuild argon2 > "$PREFIX/rebuild-argon2.log" 2>&1 || { tail -30 "$PREFIX/rebuild-argon2.log" >&2; exit 1; }

# 4. Verify the native pieces, then that it runs (with HOME/XDG pointed inside the prefix: no writes to ~).
for f in "$VS/node_modules/node-pty/build/Release/pty.node" "$VS/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
  "$VS/node_modules/@vscode/ripgrep/bin/rg" "$PREFIX/node_modules/argon2/lib/binding/napi-v3/argon2.node"; do
  [ -e "$f" ] || { echo "install-code-server: missing after install: $f" >&2; exit 1; }
done
HOME="$PREFIX/.home" XDG_CONFIG_HOME="$PREFIX/.home/.config" XDG_DATA_HOME="$PREFIX/.home/.local/share" \
  "$BIN" --config /dev/null --version >&2
touch "$STAMP"
echo "install-code-server: installed in $((SECONDS - t0)) s" >&2
echo "$BIN"
