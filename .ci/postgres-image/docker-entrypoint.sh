#!/bin/sh
# Entry point of the PostgreSQL 15 image built from Debian packages (build-postgres-image). Like the official
# image it creates the cluster in $PGDATA on first start with POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB,
# accepts password logins from any address, and passes its arguments to postgres (e.g. -c fsync=off).
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user="${POSTGRES_USER:-postgres}"
  password="${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  database="${POSTGRES_DB:-$user}"
  pwfile="$(mktemp)"
  printf '%s' "$password" > "$pwfile"
  initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync > /dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    echo "CREATE DATABASE \"$database\"" | postgres --single -D "$PGDATA" postgres > /dev/null
  fi
fi

postgres -c listen_addresses='*' "$@" &
pid=$!
# `docker stop` sends SIGTERM, which postgres takes as a smart shutdown that waits for every client to leave;
# like the official image, ask for a fast shutdown (SIGINT) instead.
trap 'kill -INT "$pid" 2> /dev/null' TERM INT
status=0
while kill -0 "$pid" 2> /dev/null; do
  wait "$pid" && status=0 || status=$?
done
exit "$status"
