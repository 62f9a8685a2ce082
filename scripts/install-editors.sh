#!/usr/bin/env bash
# Installs the real editors the end-to-end tests drive (see test/e2e/README.md):
#   - Debian packages: Chromium (drives code-server's web UI), Neovim (a second LSP client), ripgrep
#     and the toolchain code-server's native modules are compiled with;
#   - code-server (VS Code 1.100.3 served to a browser) into <repo>/.tools/code-server.
# Idempotent: a second run only checks and prints "already installed". Works as root without stdin
# (CI) and from any clone path. Exits non-zero with a message naming the failed step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CODE_SERVER_VERSION=4.100.3 # the newest code-server whose engines accept Node 20
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/npm-shrinkwrap.json), whose postinstall
# downloads release v13.0.0-10 from GitHub unless this archive is already in its cache folder.
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_RELEASE=v13.0.0-10
PREFIX="$ROOT/.tools/code-server"
BIN="$PREFIX/node_modules/.bin/code-server"
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION"
LOG="$ROOT/.tools/install-code-server.log"
APT_PACKAGES=(chromium ripgrep build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev neovim)

export DEBIAN_FRONTEND=noninteractive
T0=$(date +%s)
step_start=$T0

fail() {
  echo "install-editors: FAILED: $*" >&2
  exit 1
}
trap 'fail "command failed at line $LINENO (see messages above)"' ERR

step_done() {
  local now
  now=$(date +%s)
  printf 'install-editors: %-44s %4ss\n' "$1" "$((now - step_start))"
  step_start=$now
}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@" || fail "'$*' needs root (sudo -n was refused); run this script as root"
  else
    fail "'$*' needs root; run this script as root"
  fi
}

# --- 1. Debian packages --------------------------------------------------------------------------
command -v dpkg-query >/dev/null 2>&1 || fail "this script needs a Debian-based system (dpkg/apt-get)"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  step_done "apt packages: already installed"
else
  echo "install-editors: installing apt packages: ${missing[*]}"
  as_root apt-get update -qq || fail "apt-get update failed"
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "apt-get install ${missing[*]} failed"
  step_done "apt packages: installed ${#missing[@]}"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after installing 'chromium' (a snap stub is not usable)"
[ -x /usr/bin/rg ] || fail "/usr/bin/rg is missing after installing 'ripgrep'"
command -v nvim >/dev/null 2>&1 || fail "nvim is missing after installing 'neovim'"

# --- 2. code-server --------------------------------------------------------------------------------
if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  step_done "code-server $CODE_SERVER_VERSION: already installed"
else
  command -v node >/dev/null 2>&1 || fail "node is not on PATH (code-server $CODE_SERVER_VERSION needs Node 20)"
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" = 20 ] || fail "code-server $CODE_SERVER_VERSION needs Node 20; found $(node --version)"

  # Trap 1: as root, code-server's postinstall refuses to run without unsafe-perm.
  export npm_config_unsafe_perm=true
  # Trap 2: node-pty's install runs `npx node-gyp`, which must not wait for a "proceed?" answer.
  export npm_config_yes=true
  # Offline-friendly: let node-gyp use the local Node headers instead of downloading them.
  if [ -z "${npm_config_nodedir:-}" ]; then
    node_prefix=$(node -p 'require("path").resolve(process.execPath, "../..")')
    [ -f "$node_prefix/include/node/node.h" ] && export npm_config_nodedir="$node_prefix"
  fi

  # Trap 3: @vscode/ripgrep's postinstall downloads from GitHub; seed its cache with Debian's rg.
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64) rg_target=aarch64-unknown-linux-musl ;;
    *) fail "unsupported architecture $(uname -m) for the ripgrep cache" ;;
  esac
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  rg_archive="$rg_cache/ripgrep-$RIPGREP_RELEASE-$rg_target.tar.gz"
  mkdir -p "$rg_cache"
  tar -czf "$rg_archive" -C /usr/bin rg || fail "could not build $rg_archive from /usr/bin/rg"
  step_done "ripgrep cache: $rg_archive"

  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  echo '{ "name": "editors-for-e2e", "private": true }' >"$PREFIX/package.json"
  echo "install-editors: npm install code-server@$CODE_SERVER_VERSION (log: $LOG; takes ~2 minutes cold)"
  if ! (cd "$PREFIX" && npm install --unsafe-perm --no-audit --no-fund --omit=dev \
    "code-server@$CODE_SERVER_VERSION" </dev/null >"$LOG" 2>&1); then
    tail -n 40 "$LOG" >&2
    fail "npm install code-server@$CODE_SERVER_VERSION failed (full log: $LOG)"
  fi
  [ -x "$BIN" ] || fail "npm install finished but $BIN is missing"
  rg_bin="$PREFIX/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  [ -x "$rg_bin" ] || fail "code-server installed without its ripgrep binary ($rg_bin)"
  touch "$MARKER"
  step_done "code-server $CODE_SERVER_VERSION: installed"
fi

# `--version` writes a default config.yaml under XDG_CONFIG_HOME: keep that out of the user's home.
scratch=$(mktemp -d)
version=$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$BIN" --version 2>/dev/null | grep -E '^[0-9]+\.' | head -n 1 || true)
rm -rf "$scratch"
case "$version" in
  "$CODE_SERVER_VERSION "*) ;;
  *) fail "$BIN --version printed '$version', expected $CODE_SERVER_VERSION" ;;
esac
trap - ERR
echo "install-editors: ok in $(($(date +%s) - T0))s — code-server $version, $(/usr/bin/chromium --version 2>/dev/null), $(nvim --version | head -n 1)"
echo "install-editors: code-server binary: $BIN"
