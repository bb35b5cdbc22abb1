#!/usr/bin/env bash
# A throwaway PostgreSQL for the benchmarks, started exactly the way `npm test` starts its own
# (scripts/lib/postgres.sh: initdb as the `postgres` user because root can't, trust auth,
# a free loopback port from 55432 up, fsync/synchronous_commit/full_page_writes off).
#
#   bash bench/pg.sh start        start one; prints PG_DIR=…, PG_BIN=…, PG_PORT=…, PG_URL=… (stdout)
#   bash bench/pg.sh stop DIR     stop the server whose folder is DIR (/tmp/zx-pg.*) and remove DIR
#
# It never installs PostgreSQL itself unless ZX_BENCH_PG_INSTALL=1 (bench/run.ts checks for
# /usr/lib/postgresql/<15+>/bin first and skips the PostgreSQL runs when there is none).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
. scripts/lib/postgres.sh

case "${1:-}" in
  start)
    ZX_PG_BIN=$(zx_pg_find_bindir)
    if [ -z "$ZX_PG_BIN" ]; then
      [ "${ZX_BENCH_PG_INSTALL:-0}" = 1 ] || zx_die "no PostgreSQL >= 15 under /usr/lib/postgresql/*/bin (set ZX_BENCH_PG_INSTALL=1 to apt-get install it)"
      zx_pg_ensure_installed
    fi
    # Whatever fails after initdb must not leave a server running.
    trap 'rc=$?; if [ "$rc" -ne 0 ]; then zx_pg_stop || true; fi' EXIT
    zx_pg_start
    printf 'PG_DIR=%s\nPG_BIN=%s\nPG_PORT=%s\nPG_URL=%s\n' "$ZX_PG_DIR" "$ZX_PG_BIN" "$ZX_PG_PORT" "$ZX_TEST_PG_URL"
    ;;
  stop)
    dir=${2:?usage: bash bench/pg.sh stop DIR}
    case "$dir" in /tmp/zx-pg.*) ;; *) zx_die "refusing to stop/remove '$dir' (not a /tmp/zx-pg.* folder)" ;; esac
    [ -d "$dir" ] || exit 0
    ZX_PG_BIN=$(zx_pg_find_bindir)
    ZX_PG_DIR=$dir
    ZX_PG_PORT=$(sed -n 4p "$dir/data/postmaster.pid" 2>/dev/null || echo '?')
    ZX_PG_STARTED=1
    zx_pg_stop
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
