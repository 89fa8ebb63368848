#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 on 127.0.0.1:${LUOSHI_PG_PORT:-54329} and print its URL.
# Installs Debian's postgresql-15 when missing. Usage: scripts/postgres.sh start|stop
set -euo pipefail
PORT="${LUOSHI_PG_PORT:-54329}"
DATA="${LUOSHI_PG_DATA:-/tmp/luoshi-pg-$PORT}"
BIN=/usr/lib/postgresql/15/bin
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
start)
  if [ ! -x "$BIN/postgres" ]; then
    echo "installing postgresql-15 (Debian package)" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15 >/dev/null
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home /var/lib/postgresql postgres
  fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"; [ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # Durability off (a throw-away server); random_page_cost for SSD storage, as in production
  # (ARCHITECTURE.md): at the default 4 PostgreSQL scans a table rather than fetch a few
  # thousand rows by key.
  if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c random_page_cost=1.1" start >/dev/null
  fi
  psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='luoshi'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE luoshi" >/dev/null
  echo "postgres://postgres@127.0.0.1:$PORT/luoshi"
  ;;
stop)
  as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
  ;;
esac
