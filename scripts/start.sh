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

# One node process with tsx as a loader (not the tsx CLI, which adds a second process and does
# not pass SIGTERM on through npx). The heap cap keeps a 100,000-row roster import under 300 MB
# RSS (bench/README.md); ZX_HEAP_MB raises it for very large exports or cities.
exec node --max-old-space-size="${ZX_HEAP_MB:-192}" --import tsx packages/server/src/main.ts "$@"
