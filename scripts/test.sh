#!/usr/bin/env bash
# The whole suite — exactly what CI runs: typecheck, lint, unit tests, then a production build
# served on its own port against its own database, integration tests against it over HTTP
# (real PostgreSQL, RabbitMQ, FerretDB), and Playwright in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export TEST_PORT="${TEST_PORT:-3100}"
# The realtime server and the nginx gateway in front of the test app (tests/integration/gateway.test.ts).
export REALTIME_PORT="${TEST_REALTIME_PORT:-3101}"
export TEST_GATEWAY_PORT="${TEST_GATEWAY_PORT:-3108}"
export GATEWAY_URL="http://127.0.0.1:$TEST_GATEWAY_PORT"
# The pages talk to the realtime server straight (no gateway in the browser tests); the web tells the browser where.
export REALTIME_URL="${REALTIME_URL:-http://127.0.0.1:$REALTIME_PORT}"
export DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/device_store_test}"
export MONGODB_URL="${TEST_MONGODB_URL:-mongodb://127.0.0.1:27017/device_monitoring_test}"
export RABBITMQ_VHOST="${TEST_RABBITMQ_VHOST:-device_store_test}"
export RABBITMQ_URL="amqp://guest:guest@127.0.0.1:5672/$RABBITMQ_VHOST"
export NEXTAUTH_URL="http://127.0.0.1:$TEST_PORT"
export TEST_BASE_URL="$NEXTAUTH_URL"
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-test}"
# `next start` is production and refuses a guessable secret: a fresh random one per run.
export AUTH_SECRET="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')"
# The suite makes its own data; the seed adds only the admin (as in production).
# Generous limits so the suite's many sign-ins don't trip the throttle (one test lowers them on purpose).
export LOGIN_MAX_FAILURES="${LOGIN_MAX_FAILURES:-5}"
# Every test request comes from 127.0.0.1: per-address limits would throttle the suite itself.
# tests/security/throttle.test.ts starts its own server with the production limits.
export LOGIN_ADDRESS_FREE_FAILURES="${LOGIN_ADDRESS_FREE_FAILURES:-100000}"
export REGISTER_MAX_PER_HOUR="${REGISTER_MAX_PER_HOUR:-100000}"
# Race and money tests place many (and large) orders per customer; tests/security starts a
# server of its own with the production limits to test those.
export ORDER_CREATE_MAX_PER_HOUR="${ORDER_CREATE_MAX_PER_HOUR:-100000}"
export PENDING_UNITS_PER_CUSTOMER="${PENDING_UNITS_PER_CUSTOMER:-100000}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

[ -d node_modules ] || { step "npm ci"; npm ci --no-audit --no-fund; }
[ -f lib/generated/prisma/client.ts ] || node scripts/prisma-generate.mjs

# Web Push on, with a fresh VAPID key pair per run; the push test runs its own push service on
# https://127.0.0.1 (tests/integration/web-push.test.ts), so the API must accept that endpoint.
export WEB_PUSH=1
keys="$(node scripts/vapid-keys.mjs)"
read -r VAPID_PUBLIC_KEY VAPID_PRIVATE_KEY <<<"$keys"
export VAPID_PUBLIC_KEY VAPID_PRIVATE_KEY
export WEB_PUSH_ENDPOINT_HOSTS="fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com,127.0.0.1"

# The gateway (nginx) and the supervisor (supervisord) are part of the product: their tests always run.
# The reports' integration test reads the PDF's text with pdftotext (poppler-utils).
bash scripts/ensure-packages.sh nginx=nginx supervisord=supervisor pdftotext=poppler-utils

step "services"
bash scripts/services.sh

step "typecheck"
npx tsc --noEmit
step "lint"
npx eslint . --max-warnings=0
step "unit tests"
npx vitest run --project unit

step "database (reset + migrate + seed)"
npx tsx scripts/migrate.ts --reset
npx tsx scripts/reset-telemetry-store.ts
npx tsx scripts/seed.ts

build_log="$(mktemp)"
step "build"
npx next build >"$build_log" 2>&1 || { tail -50 "$build_log"; exit 1; }
node scripts/build-workers.mjs

step "start app on :$TEST_PORT"
server_log="$(mktemp)"
# A server already answering here would be tested instead of this build: refuse to go on.
if curl -s -o /dev/null "$NEXTAUTH_URL/api/auth/csrf"; then
  echo "port $TEST_PORT is already in use (a server left over from an earlier run?); stop it first" >&2
  exit 1
fi
# Its own process group: `next start` forks next-server, which must stop with it.
setsid npx next start -p "$TEST_PORT" >"$server_log" 2>&1 &
server_pid=$!
realtime_pid=""; gateway_pid=""; worker_pid=""
cleanup() {
  for pid in $server_pid $realtime_pid $gateway_pid $worker_pid; do kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || { cat "$server_log"; exit 1; }; curl -sf "$NEXTAUTH_URL/api/auth/csrf" >/dev/null && break; sleep 1; done
curl -sf "$NEXTAUTH_URL/api/auth/csrf" >/dev/null || { cat "$server_log"; exit 1; }

step "realtime on :$REALTIME_PORT and the gateway on :$TEST_GATEWAY_PORT"
realtime_log="$(mktemp)"; gateway_dir="$(mktemp -d)"
setsid node dist/workers/realtime-server.js >"$realtime_log" 2>&1 &
realtime_pid=$!
WEB_PORTS="$TEST_PORT" REALTIME_PORTS="$REALTIME_PORT" GATEWAY_PORT="$TEST_GATEWAY_PORT" STATE_DIR="$gateway_dir" \
  bash scripts/render-gateway-config.sh >"$gateway_dir/nginx.conf"
setsid nginx -c "$gateway_dir/nginx.conf" -g "daemon off;" >"$gateway_dir/nginx.out" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$REALTIME_PORT/healthz" >/dev/null && curl -sf "$GATEWAY_URL/api/auth/csrf" >/dev/null && break; sleep 1; done
curl -sf "$GATEWAY_URL/api/auth/csrf" >/dev/null || { cat "$realtime_log" "$gateway_dir"/nginx.out "$gateway_dir"/logs/*; exit 1; }

step "integration tests"
npx vitest run --project integration || { echo "--- server log (tail) ---"; tail -40 "$server_log"; exit 1; }

step "telemetry worker (the live pages need alerts and connectivity)"
# A short offline floor so the e2e "device goes silent" check takes seconds, not half a minute.
# No monthly reports from it: the suite's hundreds of customers would each get a PDF during the browser tests.
CONNECTIVITY_MIN_TIMEOUT_SEC=5 CONNECTIVITY_CHECK_MS=1000 REPORT_SCHEDULE_CHECK_MS=0 setsid node dist/workers/telemetry-worker.js >"$(mktemp)" 2>&1 &
worker_pid=$!

step "end-to-end (Playwright, Chromium)"
npx playwright test
