#!/usr/bin/env bash
# Renders a supervisord config (Debian's `supervisor`) for the product's processes on one machine:
# SCALE web, worker and realtime instances, one simulator, and the nginx gateway in front.
#   SCALE=2 bash scripts/render-supervisor-config.sh > .demo/supervisord.conf
#   supervisord -n -c .demo/supervisord.conf
# Ports: web i on WEB_PORT_BASE+2i, realtime i on WEB_PORT_BASE+2i+1 (3000/3001 for one of each),
# worker i serves its metrics on WORKER_METRICS_PORT_BASE+i. Every process inherits supervisord's
# environment; the per-program lines only add what differs.
# Restarts: a process that exits is started again at once (logged in supervisord.log); one that
# dies within `startsecs` of starting is retried with a growing delay (1 s, 2 s, 3 s, …).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${SCALE:-1}"
state="${STATE_DIR:-$root/.demo}"
logs="$state/logs"
base="${WEB_PORT_BASE:-3000}"
metrics_base="${WORKER_METRICS_PORT_BASE:-9400}"
gateway_port="${GATEWAY_PORT:-8080}"
simulator_devices="${DEMO_DEVICES:-20}"
# ONLY="worker realtime" limits the programs to those kinds (tests supervise just what they need).
only="${ONLY:-web realtime worker simulator gateway}"
wanted() { [[ " $only " == *" $1 "* ]]; }
# Worker/realtime entry points: compiled JavaScript when built (scripts/build-workers.mjs), else tsx.
if [ -f "$root/dist/workers/telemetry-worker.js" ] && [ -z "${USE_TSX:-}" ]; then
  worker_cmd="node dist/workers/telemetry-worker.js"; realtime_cmd="node dist/workers/realtime-server.js"
  simulator_cmd="node dist/simulator/index.js"
else
  worker_cmd="node_modules/.bin/tsx workers/telemetry-worker.ts"; realtime_cmd="node_modules/.bin/tsx workers/realtime-server.ts"
  simulator_cmd="node_modules/.bin/tsx simulator/index.ts"
fi
mkdir -p "$logs"

program() { # name, command, extra environment (KEY="value",…)
  cat <<EOF

[program:$1]
command=$2
directory=$root
${3:+environment=$3}
autostart=true
autorestart=true
startsecs=3
startretries=30
stopsignal=TERM
stopwaitsecs=15
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=$logs/$1.log
stdout_logfile_maxbytes=20MB
stdout_logfile_backups=2
EOF
}

cat <<EOF
[supervisord]
nodaemon=true
logfile=$logs/supervisord.log
pidfile=$state/supervisord.pid
childlogdir=$logs
loglevel=info

[unix_http_server]
file=$state/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$state/supervisor.sock
EOF

for ((i = 0; i < scale; i++)); do
  web_port=$((base + 2 * i)); realtime_port=$((base + 2 * i + 1))
  # TRUST_PROXY: these web processes sit behind the gateway, which overwrites X-Forwarded-For.
  wanted web && program "web-$i" "node_modules/.bin/next start -p $web_port" "PORT=\"$web_port\",TRUST_PROXY=\"1\""
  wanted realtime && program "realtime-$i" "$realtime_cmd" "REALTIME_PORT=\"$realtime_port\""
  wanted worker && program "worker-$i" "$worker_cmd" "METRICS_PORT=\"$((metrics_base + i))\""
done
if wanted simulator; then
  program simulator "$simulator_cmd --devices $simulator_devices --rate 1 --scenario demo --mqtt-share 0.25 --base-url http://127.0.0.1:$gateway_port"
fi
if wanted gateway; then
  program gateway "nginx -c $state/nginx.conf -g 'daemon off;'"
fi
