#!/usr/bin/env bash
# Installs the end-to-end toolchain (code-server + playwright-core) into .cache/e2e/ (git-ignored),
# following docs in ../shared/docs/E2E-OFFLINE.md. Idempotent: returns in well under a second when the
# pinned versions are already installed. Fails loudly, with the reason, when anything is missing.
#
# Needs: node 20 + npm (registry access), and Debian's chromium and ripgrep (scripts/provision-system.sh).
# Runs as root in CI: code-server's postinstall needs npm_config_unsafe_perm=true, and node-pty's
# postinstall runs `npx node-gyp`, which needs npm_config_yes=true to not wait on a prompt.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3 # the last code-server whose engines allow node 20 (VS Code 1.100.3)
PLAYWRIGHT_VERSION=1.65.1
# What code-server@4.100.3's @vscode/ripgrep postinstall looks for in its cache before downloading.
RG_CACHE_DIR_NAME=vscode-ripgrep-cache-1.15.11
RG_TARBALL_NAME=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

DIR=.cache/e2e
MARKER="$DIR/.provisioned"
WANT="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION"

die() { echo "provision-e2e: ERROR: $*" >&2; exit 1; }

installed_version() { # prints the installed version of a package in $DIR, or nothing
  node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch {}' \
    "$PWD/$DIR/node_modules/$1/package.json"
}

# Everything the e2e layer uses; a missing item means the install is incomplete.
check_installed() {
  [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] || return 1
  [ "$(installed_version playwright-core)" = "$PLAYWRIGHT_VERSION" ] || return 1
  [ -f "$DIR/node_modules/code-server/out/node/entry.js" ] || return 1
  # code-server's postinstall installs VS Code's own modules; these are the ones it builds natively.
  [ -d "$DIR/node_modules/code-server/lib/vscode/node_modules" ] || return 1
  [ -x "$DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || return 1
  [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ] || return 1
}

# System prerequisites first, so a missing one is reported as such and not as an obscure npm failure.
command -v node >/dev/null 2>&1 || die "node is not on the PATH"
command -v npm >/dev/null 2>&1 || die "npm is not on the PATH"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || die "code-server@$CODE_SERVER_VERSION needs node 20 (found $(node --version))"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: run scripts/provision-system.sh (apt-get install chromium)"
[ -x /usr/bin/rg ] || die "/usr/bin/rg is missing: run scripts/provision-system.sh (apt-get install ripgrep)"

if check_installed; then
  echo "== e2e toolchain ok (cached): $WANT in $DIR"
  exit 0
fi

started=$(date +%s)
echo "== provisioning e2e toolchain: $WANT into $DIR"
rm -f "$MARKER"
# An incomplete install (an interrupted run, a changed pin) starts over: npm would not re-run the
# postinstall of a package it considers installed.
rm -rf "$DIR/node_modules" "$DIR/package.json" "$DIR/package-lock.json"
mkdir -p "$DIR"
echo '{ "name": "openedx-config-e2e-toolchain", "private": true }' > "$DIR/package.json"

# @vscode/ripgrep's postinstall downloads rg from GitHub, which this network cannot reach; it first
# looks in its cache under os.tmpdir(). Put Debian's rg there, packed as the release tarball would be.
tmp=$(node -p 'require("os").tmpdir()')
rg_cache="$tmp/$RG_CACHE_DIR_NAME"
if [ ! -s "$rg_cache/$RG_TARBALL_NAME" ]; then
  mkdir -p "$rg_cache"
  stage=$(mktemp -d)
  cp /usr/bin/rg "$stage/rg"
  tar -czf "$rg_cache/$RG_TARBALL_NAME" -C "$stage" rg
  rm -rf "$stage"
fi

export npm_config_unsafe_perm=true npm_config_yes=true
if ! npm install --prefix "$DIR" --no-audit --no-fund --save-exact --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"; then
  die "npm install of $WANT failed (see the output above; libkrb5-dev and a C++ toolchain are needed for code-server's native modules)"
fi

echo "$WANT" > "$MARKER"
if ! check_installed; then
  rm -f "$MARKER"
  [ -x "$DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    || die "code-server's @vscode/ripgrep has no rg binary (the cache tarball $rg_cache/$RG_TARBALL_NAME was not used: has its version changed?)"
  die "the install finished but $DIR is incomplete (code-server $(installed_version code-server), playwright-core $(installed_version playwright-core))"
fi
"$DIR/node_modules/.bin/code-server" --version >/dev/null 2>&1 || die "code-server was installed but does not run"
echo "== e2e toolchain installed in $(( $(date +%s) - started )) s: $WANT ($(du -sh "$DIR" | cut -f1))"
