#!/usr/bin/env bash
# Makes sure PostgreSQL, RabbitMQ and a MongoDB-compatible server answer on their local ports,
# starting whichever is missing. Safe to run again; reuses what already runs.
#   bash scripts/services.sh             ensure all three
#   RABBITMQ_VHOST=name bash scripts/services.sh   also create that vhost (test isolation)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.demo"
mkdir -p "$state"

# Each service this run starts is appended to $SERVICES_STARTED_FILE (if set) so the caller
# (npm run demo) can stop exactly what it started.
started() { [ -n "${SERVICES_STARTED_FILE:-}" ] && echo "$1" >>"$SERVICES_STARTED_FILE"; return 0; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 1 "${3:-60}"); do port_open "$1" && return 0; sleep 1; done; echo "$2 did not come up on port $1" >&2; return 1; }

if ! port_open 5432; then
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "installing PostgreSQL…"; apt-get install -y postgresql >/dev/null
  fi
  echo "starting PostgreSQL…"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  wait_port 5432 PostgreSQL
  started postgresql
fi

if ! port_open 5672; then
  if ! command -v rabbitmq-server >/dev/null; then
    echo "installing RabbitMQ…"; apt-get install -y rabbitmq-server >/dev/null
  fi
  echo "starting RabbitMQ…"
  rabbitmq-server -detached
  wait_port 5672 RabbitMQ 90
  started rabbitmq
fi
if [ -n "${RABBITMQ_VHOST:-}" ]; then
  rabbitmqctl -q add_vhost "$RABBITMQ_VHOST" 2>/dev/null || true
  rabbitmqctl -q set_permissions -p "$RABBITMQ_VHOST" guest ".*" ".*" ".*" >/dev/null
fi
# Switching RABBITMQ_QUEUE_TYPE (classic ↔ quorum) replaces this vhost's empty telemetry queues.
if [ -n "${RABBITMQ_QUEUE_TYPE:-}" ]; then
  bash "$root/scripts/migrate-queues.sh" || echo "warning: some queues keep their old type (see above)" >&2
fi

if ! port_open 27017; then
  ferretdb="$(bash "$root/scripts/ensure-ferretdb.sh")"
  psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='ferretdb'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ferretdb" >/dev/null
  echo "starting FerretDB (MongoDB wire protocol) on 27017…"
  mkdir -p "$state/ferretdb"
  nohup "$ferretdb" --handler=postgresql --postgresql-url="postgres://postgres@127.0.0.1:5432/ferretdb" \
    --listen-addr=127.0.0.1:27017 --state-dir="$state/ferretdb" --telemetry=disable --debug-addr=127.0.0.1:8089 \
    --log-level=warn >"$state/ferretdb.log" 2>&1 &
  echo $! >"$state/ferretdb.pid"
  wait_port 27017 FerretDB
  started ferretdb
fi
