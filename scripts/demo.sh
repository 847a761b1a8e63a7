#!/usr/bin/env bash
# `npm run demo`: the whole stack on local services, with demo data — from a fresh clone.
# Installs what is missing, starts (or reuses) PostgreSQL, RabbitMQ and FerretDB, migrates,
# seeds, builds, then runs the web app, the telemetry worker and the device simulator.
# Ctrl-C stops everything this script started (and nothing it merely reused).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/device_store}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@example.com}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-demo-password}"
DEMO_DEVICES="${DEMO_DEVICES:-20}"
mkdir -p .demo
source scripts/demo-secrets.sh
logs=.demo/logs; mkdir -p "$logs"
export SERVICES_STARTED_FILE=.demo/started-services
: >"$SERVICES_STARTED_FILE"

pids=()
# Each process runs in its own process group (setsid), so stopping the group also stops what
# npx/tsx/next spawn underneath.
start_bg() {
  local name="$1"; shift
  setsid "$@" >"$logs/$name.log" 2>&1 &
  pids+=($!)
}
stop_all() {
  trap - INT TERM EXIT
  echo; echo "stopping…"
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  bash scripts/stop-services.sh <"$SERVICES_STARTED_FILE"
  exit 0
}
trap stop_all INT TERM EXIT

step() { printf '\033[1m▸ %s\033[0m\n' "$*"; }

if [ ! -d node_modules ]; then step "installing dependencies"; npm ci --no-audit --no-fund; fi
[ -f lib/generated/prisma/client.ts ] || node scripts/prisma-generate.mjs

step "local services (PostgreSQL, RabbitMQ, FerretDB)"
bash scripts/services.sh

step "database: migrate and seed"
npx tsx scripts/migrate.ts
npx tsx scripts/seed.ts

step "building the web app (about a minute)"
npx next build >"$logs/build.log" 2>&1 || { tail -40 "$logs/build.log"; exit 1; }

step "starting the web app on :$PORT"
start_bg web node_modules/.bin/next start -p "$PORT"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/api/auth/csrf" >/dev/null && break; sleep 1; done

if [ -f workers/telemetry-worker.ts ]; then
  step "starting the telemetry worker"
  start_bg worker node_modules/.bin/tsx workers/telemetry-worker.ts
fi
if [ -f workers/realtime-server.ts ]; then
  step "starting the realtime server"
  start_bg realtime node_modules/.bin/tsx workers/realtime-server.ts
fi
if [ -f scripts/demo-fleet.ts ] && [ -f simulator/index.ts ]; then
  step "preparing a fleet of $DEMO_DEVICES delivered devices and starting the simulator"
  npx tsx scripts/demo-fleet.ts --devices "$DEMO_DEVICES" >"$logs/fleet.log" 2>&1 || tail -20 "$logs/fleet.log"
  start_bg simulator node_modules/.bin/tsx simulator/index.ts --devices "$DEMO_DEVICES" --rate 1 --scenario demo --base-url "http://127.0.0.1:$PORT"
fi

gateway=""
if command -v nginx >/dev/null; then
  step "starting the gateway (nginx) on :${GATEWAY_PORT:-8080}"
  WEB_PORT="$PORT" bash scripts/render-gateway-config.sh >.demo/nginx.conf
  start_bg nginx nginx -c "$PWD/.demo/nginx.conf" -g "daemon off;"
  gateway="  Gateway (nginx, spec paths like /devices/): http://localhost:${GATEWAY_PORT:-8080}"
fi

cat <<INFO

  Device Store console is running:  http://localhost:$PORT
$gateway

  Admin     $ADMIN_EMAIL / $ADMIN_PASSWORD
  Customer  customer@example.com / customer-demo-password

  Logs in $logs/. Press Ctrl-C to stop everything this started.

INFO
wait -n "${pids[@]}" || true
echo "a process exited; see $logs/"
