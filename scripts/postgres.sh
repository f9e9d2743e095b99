#!/usr/bin/env bash
# A private PostgreSQL (Debian's package) for tests: its own data directory and port, a password
# generated per cluster, stopped by its own pid file only.
#   scripts/postgres.sh start   prints the POSTGRES_* variables to eval
#   scripts/postgres.sh stop
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || fail "PostgreSQL is not installed. Run: make setup (or apt-get install -y postgresql)"
PGROOT="$TOOLS/run/postgres"
PGDATA="$PGROOT/data"
PGPORT="${TEST_POSTGRES_PORT:-55432}"
PGUSER=portal
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  mkdir -p "$PGROOT"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    require_port_free "$PGPORT"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PGROOT/password"
    chmod 600 "$PGROOT/password"
    [ "$(id -u)" = 0 ] && chown -R postgres "$PGROOT"
    as_postgres "$PGBIN/initdb" -D "$PGDATA" -U "$PGUSER" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C --pwfile="$PGROOT/password" >"$PGROOT/initdb.log" 2>&1 ||
      fail "initdb failed (log: $PGROOT/initdb.log)"
  fi
  if ! as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    require_port_free "$PGPORT"
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$PGROOT/server.log" \
      -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1" start >/dev/null ||
      fail "PostgreSQL did not start (log: $PGROOT/server.log)"
  fi
  cat <<VARS
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$PGPORT POSTGRES_USER=$PGUSER
export POSTGRES_PASSWORD=$(cat "$PGROOT/password")
VARS
}

stop() {
  [ -f "$PGDATA/postmaster.pid" ] || return 0
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  reset) stop; rm -rf "$PGROOT" ;;
  *) fail "usage: scripts/postgres.sh start | stop | reset" ;;
esac
