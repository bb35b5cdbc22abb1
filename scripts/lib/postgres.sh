# A throwaway PostgreSQL server for the test run. Source after common.sh.
#   zx_pg_ensure_installed   apt-get install postgresql when no server binaries (>= 15) are found
#   zx_pg_start              initdb + start on a free loopback port; exports ZX_TEST_PG_URL
#   zx_pg_stop               stop it and remove its folder (safe to call twice; call it from a trap)
#   zx_pg_watch_parent       optional: a detached watchdog that stops the server should this shell
#                            die without running its traps (SIGKILL); zx_pg_stop ends the watchdog

ZX_PG_BIN=""
ZX_PG_DIR=""
ZX_PG_PORT=""
ZX_PG_STARTED=0
ZX_PG_WATCHDOG=""

# Newest /usr/lib/postgresql/<v>/bin holding a postgres binary, version >= 15 (prints nothing if none).
zx_pg_find_bindir() {
  local d v best="" bestv=0
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] || continue
    v=$(basename "$(dirname "$d")")
    v=${v%%.*}
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge 15 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  [ -n "$best" ] && printf '%s\n' "$best"
  return 0
}

zx_pg_ensure_installed() {
  ZX_PG_BIN=$(zx_pg_find_bindir)
  [ -n "$ZX_PG_BIN" ] && return 0
  # Debian's postgresql package creates and starts a "main" cluster by default: we need neither.
  if [ ! -e /etc/postgresql-common/createcluster.d/zx-no-main-cluster.conf ]; then
    zx_as_root mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" | zx_as_root tee /etc/postgresql-common/createcluster.d/zx-no-main-cluster.conf >/dev/null
  fi
  zx_apt_install postgresql
  ZX_PG_BIN=$(zx_pg_find_bindir)
  [ -n "$ZX_PG_BIN" ] || zx_die "PostgreSQL >= 15 server binaries not found under /usr/lib/postgresql/*/bin after install"
}

# Run a command as the server's owner: `postgres` when we are root (initdb refuses root), else ourselves.
zx_pg_as_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    (cd / && "$@")
  elif command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  else
    local cmd
    cmd=$(printf '%q ' "$@")
    (cd / && su postgres -s /bin/bash -c "$cmd")
  fi
}

# True when something already listens on 127.0.0.1:$1.
zx_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

zx_pg_start() {
  [ -n "$ZX_PG_BIN" ] || zx_pg_ensure_installed
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    zx_log "creating system user postgres"
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  ZX_PG_DIR=$(mktemp -d /tmp/zx-pg.XXXXXX)
  chmod 700 "$ZX_PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$ZX_PG_DIR"; fi

  zx_log "initdb ($ZX_PG_BIN) in $ZX_PG_DIR"
  if ! zx_pg_as_owner "$ZX_PG_BIN/initdb" -D "$ZX_PG_DIR/data" -A trust -U postgres --no-sync \
        -E UTF8 --locale=C.UTF-8 >"$ZX_PG_DIR/initdb.log" 2>&1; then
    cat "$ZX_PG_DIR/initdb.log" >&2
    zx_die "initdb failed"
  fi

  local port=${ZX_PG_PORT_BASE:-55432} tries=0
  while :; do
    tries=$((tries + 1))
    [ "$tries" -le 40 ] || zx_die "could not start PostgreSQL on any port from ${ZX_PG_PORT_BASE:-55432}"
    if zx_port_busy "$port"; then port=$((port + 1)); continue; fi
    if zx_pg_as_owner "$ZX_PG_BIN/pg_ctl" -D "$ZX_PG_DIR/data" -l "$ZX_PG_DIR/server.log" -w -t 60 \
         -o "-p $port -k $ZX_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
         start >/dev/null; then
      break
    fi
    zx_log "PostgreSQL did not start on port $port; server log:"
    tail -n 20 "$ZX_PG_DIR/server.log" >&2 || true
    port=$((port + 1))
  done
  ZX_PG_STARTED=1
  ZX_PG_PORT=$port

  "$ZX_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "create database zx_test" >/dev/null || zx_die "could not create database zx_test"
  export ZX_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/zx_test"
  zx_log "PostgreSQL $("$ZX_PG_BIN/postgres" --version | awk '{print $3}') ready: $ZX_TEST_PG_URL"
}

zx_pg_watch_parent() {
  [ "$ZX_PG_STARTED" -eq 1 ] || return 0
  command -v setsid >/dev/null 2>&1 || return 0
  # Own session, so a kill of our process group does not take the watchdog with it.
  setsid bash -c '
    parent=$1 dir=$2
    while kill -0 "$parent" 2>/dev/null; do sleep 2; done
    [ -d "$dir" ] || exit 0
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pid" ]; then
      kill -QUIT "$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
  ' zx-pg-watchdog "$$" "$ZX_PG_DIR" </dev/null >/dev/null 2>&1 &
  ZX_PG_WATCHDOG=$!
}

zx_pg_stop() {
  if [ -n "$ZX_PG_WATCHDOG" ]; then
    kill "$ZX_PG_WATCHDOG" 2>/dev/null || true
    ZX_PG_WATCHDOG=""
  fi
  if [ "$ZX_PG_STARTED" -eq 1 ] && [ -n "$ZX_PG_DIR" ]; then
    ZX_PG_STARTED=0
    zx_log "stopping PostgreSQL (port $ZX_PG_PORT)"
    if ! zx_pg_as_owner "$ZX_PG_BIN/pg_ctl" -D "$ZX_PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      local pid
      pid=$(head -n 1 "$ZX_PG_DIR/data/postmaster.pid" 2>/dev/null || true)
      if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
    fi
  fi
  if [ -n "$ZX_PG_DIR" ] && [ -d "$ZX_PG_DIR" ]; then
    rm -rf "$ZX_PG_DIR"
  fi
  ZX_PG_DIR=""
}
