#!/usr/bin/env bash
# `npm start`: install what is missing, build the web app when stale, run the server.
# Environment: PORT (3000), HOST (0.0.0.0), ZX_DATA_DIR (./data), DATABASE_URL (postgres://…, optional;
# SQLite in ZX_DATA_DIR otherwise), ZX_DEMO (on; 0 turns the demo city off).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh

command -v node >/dev/null 2>&1 || zx_die "Node.js 20.19+ is required (node not found)"

zx_ensure_npm_deps
zx_ensure_web_build

# tsx directly (not npx): npm exec does not pass SIGTERM on, which would leave the server running.
exec node_modules/.bin/tsx packages/server/src/main.ts "$@"
