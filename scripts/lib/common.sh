# Shared helpers for scripts/start.sh and scripts/test.sh. Source it; do not run it.
# Expects `set -euo pipefail` in the caller and the current directory at the repo root.

zx_log() { printf '\033[1m[zx]\033[0m %s\n' "$*" >&2; }
# No colour when stderr is not a terminal (CI logs).
if [ ! -t 2 ]; then zx_log() { printf '[zx] %s\n' "$*" >&2; }; fi

zx_die() { zx_log "ERROR: $*"; exit 1; }

# Run a command as root: directly when we are root, else through sudo.
zx_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else zx_die "need root (or sudo) to run: $*"
  fi
}

ZX_APT_UPDATED=0
# zx_apt_install PKG... — apt-get update once per run, then a non-interactive install.
zx_apt_install() {
  command -v apt-get >/dev/null 2>&1 || zx_die "apt-get not found; install these packages by hand: $*"
  if [ "$ZX_APT_UPDATED" -eq 0 ]; then
    zx_log "apt-get update"
    zx_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
      || zx_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    ZX_APT_UPDATED=1
  fi
  zx_log "apt-get install $*"
  zx_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# npm dependencies: install when node_modules is missing or older than the lockfile
# (or than any package.json, so a newly added dependency gets installed).
# In CI (CI=true) with a lockfile, `npm ci` installs exactly what the lockfile says.
zx_ensure_npm_deps() {
  local marker=node_modules/.package-lock.json need=0
  if [ ! -d node_modules ] || [ ! -f "$marker" ]; then
    need=1
  elif [ -f package-lock.json ] && [ package-lock.json -nt "$marker" ]; then
    need=1
  else
    local f
    for f in package.json packages/*/package.json; do
      if [ -f "$f" ] && [ "$f" -nt "$marker" ]; then need=1; break; fi
    done
  fi
  [ "$need" -eq 1 ] || return 0
  if [ "${CI:-}" = "true" ] && [ -f package-lock.json ]; then
    zx_log "npm ci"
    npm ci --no-audit --no-fund
  else
    zx_log "npm install"
    npm install --no-audit --no-fund
  fi
  # npm leaves the marker alone when nothing changed; touch it so the check above settles.
  [ -f "$marker" ] && touch "$marker"
  return 0
}

# Build packages/web into packages/web/dist when dist is missing or older than its sources.
zx_ensure_web_build() {
  local stamp=packages/web/dist/index.html need=0
  if [ ! -f "$stamp" ]; then
    need=1
  else
    local sources=()
    local p
    for p in packages/web/src packages/web/public packages/web/index.html packages/web/package.json \
             packages/domain/src; do
      [ -e "$p" ] && sources+=("$p")
    done
    for p in packages/web/vite.config.*; do [ -e "$p" ] && sources+=("$p"); done
    if [ "${#sources[@]}" -gt 0 ] && [ -n "$(find "${sources[@]}" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
      need=1
    fi
  fi
  [ "$need" -eq 1 ] || return 0
  zx_log "building the web app (npm run build -w @zx/web)"
  npm run build -w @zx/web
  [ -f "$stamp" ] || zx_die "web build did not produce $stamp"
  touch "$stamp"
}
