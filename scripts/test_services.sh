#!/usr/bin/env bash
# PostgreSQL and Redis for the scale-out tests. Uses the ones already answering on 127.0.0.1;
# where they are missing, installs and starts Debian's packages (as root, with apt-get).
# Prints POSTGRES_URL=... and REDIS_URL=... for the tests; exits 1 with what to install when it
# cannot provide them (the tests then skip with that message).
set -u
PG_URL=${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}
REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/1}
PG_PASSWORD=coach-test  # only for a server this script installed itself

pg_ok() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && psql "$1" -qtAc 'select 1' >/dev/null 2>&1; }
redis_ok() { redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; }
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_install() {
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1
}

if ! pg_ok "$PG_URL"; then
  if [ -z "${TEST_POSTGRES_URL:-}" ] && can_install; then
    echo "Starting PostgreSQL from Debian's packages..." >&2
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
    [ -n "$cluster" ] && pg_ctlcluster $cluster start >/dev/null 2>&1
    for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
    su postgres -c "psql -qc \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"" >/dev/null 2>&1
    su postgres -c "createdb test" >/dev/null 2>&1
    PG_URL="postgresql://postgres:$PG_PASSWORD@127.0.0.1:5432/test"
  fi
  pg_ok "$PG_URL" || { echo "PostgreSQL is not reachable at ${PG_URL%%@*}@...: install Debian's postgresql (or set TEST_POSTGRES_URL)" >&2; exit 1; }
fi

if ! redis_ok; then
  if [ -z "${TEST_REDIS_URL:-}" ] && can_install; then
    echo "Starting Redis from Debian's packages..." >&2
    command -v redis-server >/dev/null || apt_install redis-server redis-tools
    redis-server --daemonize yes --port 6379 --bind 127.0.0.1 --save '' >/dev/null 2>&1
    for _ in $(seq 20); do redis_ok && break; sleep 0.5; done
  fi
  redis_ok || { echo "Redis is not reachable at $REDIS_URL: install Debian's redis-server (or set TEST_REDIS_URL)" >&2; exit 1; }
fi

echo "POSTGRES_URL=$PG_URL"
echo "REDIS_URL=$REDIS_URL"
