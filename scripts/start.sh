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
#
# This script stays as its supervisor: a server that dies (a crash, the kernel's OOM killer) is
# started again after 1 s, doubling to 30 s while it keeps dying, back to 1 s once it has run for a
# minute. It gives up when the server fails 5 times in a row within 10 s of starting (a port in use,
# a database that refuses it): that is a configuration to fix, not a crash to ride out. SIGINT and
# SIGTERM are passed to the server, which closes cleanly (exit 0) and ends the script with its code.
child=0
stopping=0
on_signal() {
  stopping=1
  if [ "$child" -ne 0 ]; then kill -s "$1" "$child" 2>/dev/null || true; fi
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

delay=1
quick_failures=0
while :; do
  started=$SECONDS
  node --max-old-space-size="${ZX_HEAP_MB:-192}" --import tsx packages/server/src/main.ts "$@" &
  child=$!
  if [ "$stopping" -eq 1 ]; then kill -s TERM "$child" 2>/dev/null || true; fi # a signal before $! was known
  # A trapped signal interrupts `wait` (status > 128): wait until the server has exited, then
  # once more for its status (bash keeps the status of a child it has already reaped).
  while kill -0 "$child" 2>/dev/null; do wait "$child" || true; done
  rc=0
  wait "$child" || rc=$?
  child=0
  if [ "$stopping" -eq 1 ] || [ "$rc" -eq 0 ]; then exit "$rc"; fi

  if [ $((SECONDS - started)) -ge 60 ]; then delay=1; fi
  if [ $((SECONDS - started)) -lt 10 ]; then quick_failures=$((quick_failures + 1)); else quick_failures=0; fi
  if [ "$quick_failures" -ge 5 ]; then zx_die "the server failed $quick_failures times in a row right after starting (exit status $rc); not restarting"; fi
  zx_log "the server exited with status $rc; starting it again in ${delay}s"
  sleep "$delay" &
  wait $! || true
  if [ "$stopping" -eq 1 ]; then kill $! 2>/dev/null || true; exit 0; fi
  delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
