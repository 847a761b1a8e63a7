#!/usr/bin/env bash
# `npm run demo [-- --scale N]`: the whole stack on local services, with demo data — from a fresh
# clone. Installs what is missing (Debian's nginx and supervisor, PostgreSQL, RabbitMQ; FerretDB
# from the Go module proxy), starts (or reuses) the services, migrates, seeds, builds, then runs N
# web, N worker and N realtime processes, the device simulator and the nginx gateway on :8080
# under supervisord, which restarts whatever exits (see scripts/render-supervisor-config.sh).
# The independent first-start steps overlap: the FerretDB build runs beside `npm ci`, and
# `next build` beside the services, migrations and seed.
# Ctrl-C stops everything this script started (and nothing it merely reused).
set -euo pipefail
cd "$(dirname "$0")/.."
started_at=$(date +%s)
scale=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --scale=*) scale="${1#*=}"; shift ;;
    *) echo "usage: npm run demo [-- --scale N]" >&2; exit 2 ;;
  esac
done
[[ "$scale" =~ ^[1-9][0-9]?$ ]] || { echo "--scale wants a number from 1 to 99" >&2; exit 2; }

export NEXT_TELEMETRY_DISABLED=1
export GATEWAY_PORT="${GATEWAY_PORT:-8080}"
export WEB_PORT_BASE="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$GATEWAY_PORT}"
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/device_store}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@example.com}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-demo-password}"
# Customers' order emails go through the local exim (scripts/services.sh); mail to devicestore@localhost
# lands in /var/mail/devicestore. Set SMTP_URL= (empty) to turn emails off.
export SMTP_URL="${SMTP_URL-smtp://127.0.0.1:25}"
export DEMO_DEVICES="${DEMO_DEVICES:-20}"
export SCALE="$scale"
state=.demo; logs=$state/logs
mkdir -p "$logs"
# A random AUTH_SECRET per checkout (production refuses a guessable one) and the demo seed data.
source scripts/demo-secrets.sh
export SERVICES_STARTED_FILE=$state/started-services
: >"$SERVICES_STARTED_FILE"

step() { printf '\033[1m▸ %s\033[0m\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - started_at )) s"; }

supervisor_pid=""
jobs_pids=()
stop_all() {
  local rc=$?
  trap - INT TERM EXIT
  echo; echo "stopping…"
  for pid in "${jobs_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  if [ -n "$supervisor_pid" ]; then
    kill -TERM "$supervisor_pid" 2>/dev/null || true   # supervisord stops its programs (stopasgroup)
    wait "$supervisor_pid" 2>/dev/null || true
  fi
  bash scripts/stop-services.sh <"$SERVICES_STARTED_FILE"
  exit "$rc"
}
trap stop_all INT TERM EXIT
# Runs a step in the background in its own process group, its output in $logs/<name>.log.
bg_step() { local name="$1"; shift; setsid "$@" >"$logs/$name.log" 2>&1 & jobs_pids+=($!); }
wait_step() { # pid name
  wait "$1" || { echo "$2 failed:" >&2; tail -40 "$logs/$2.log" >&2; exit 1; }
}

bash scripts/ensure-packages.sh nginx=nginx supervisord=supervisor

ferretdb_pid=""
# DEMO_BUILD_FERRETDB=1 builds it even when a MongoDB-compatible server already answers (to time a first start).
if ! (exec 3<>/dev/tcp/127.0.0.1/27017) 2>/dev/null || [ -n "${DEMO_BUILD_FERRETDB:-}" ]; then
  step "FerretDB: building in the background if needed"
  bg_step ferretdb-build bash scripts/ensure-ferretdb.sh; ferretdb_pid=$!
fi
if [ ! -d node_modules ]; then
  step "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund >"$logs/npm-ci.log" 2>&1 || { tail -40 "$logs/npm-ci.log"; exit 1; }
fi
[ -f lib/generated/prisma/client.ts ] || node scripts/prisma-generate.mjs

step "building the web app and the workers in the background"
bg_step build bash -c 'node_modules/.bin/next build && node scripts/build-workers.mjs'; build_pid=$!

[ -n "$ferretdb_pid" ] && wait_step "$ferretdb_pid" ferretdb-build
step "local services (PostgreSQL, RabbitMQ, FerretDB)"
bash scripts/services.sh

step "database: migrate and seed"
npx tsx scripts/migrate.ts
npx tsx scripts/seed.ts
npx tsx scripts/demo-fleet.ts --devices "$DEMO_DEVICES" >"$logs/fleet.log" 2>&1 || tail -20 "$logs/fleet.log"

step "waiting for the build"
wait_step "$build_pid" build

web_ports=""; realtime_ports=""
for ((i = 0; i < scale; i++)); do
  web_ports+="$((WEB_PORT_BASE + 2 * i)) "; realtime_ports+="$((WEB_PORT_BASE + 2 * i + 1)) "
done
WEB_PORTS="$web_ports" REALTIME_PORTS="$realtime_ports" bash scripts/render-gateway-config.sh >"$state/nginx.conf"
bash scripts/render-supervisor-config.sh >"$state/supervisord.conf"

step "starting $scale web, $scale worker, $scale realtime, the simulator and the gateway (supervisord)"
supervisord -n -c "$state/supervisord.conf" >/dev/null 2>&1 &
supervisor_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$GATEWAY_PORT/api/health" >/dev/null && break
  kill -0 "$supervisor_pid" 2>/dev/null || { tail -20 "$logs/supervisord.log"; exit 1; }
  sleep 1
done
# MQTT logins for this vhost are answered by the web app (scripts/broker-auth-relay.mjs), straight, not through the gateway.
npx tsx scripts/register-broker-auth.ts "http://127.0.0.1:$WEB_PORT_BASE"

cat <<INFO

  Device Store console is running:  http://localhost:$GATEWAY_PORT   (ready in $(elapsed))
  (nginx gateway in front of $scale web and $scale realtime node(s); the spec's paths like /devices/ work too)

  MQTT      127.0.0.1:${MQTT_PORT:-1884} (a quarter of the simulated fleet uses it; see README "MQTT")
  Admin     $ADMIN_EMAIL / $ADMIN_PASSWORD
  Customer  customer@example.com / customer-demo-password

  Processes: supervisorctl -c $state/supervisord.conf status   (restarts are logged in $logs/supervisord.log)
  Logs in $logs/. Press Ctrl-C to stop everything this started.

INFO
wait "$supervisor_pid" || true
