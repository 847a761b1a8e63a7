#!/usr/bin/env bash
# Renders nginx/nginx.conf (written for docker-compose's service names) for one machine:
# upstreams on 127.0.0.1, listening on $GATEWAY_PORT, pid and logs under .demo/.
#   bash scripts/render-gateway-config.sh > .demo/nginx.conf
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
web="${WEB_PORT:-3000}"; realtime="${REALTIME_PORT:-3001}"; port="${GATEWAY_PORT:-8080}"
state="${STATE_DIR:-$root/.demo}"
{
  echo "pid $state/nginx.pid;"
  echo "error_log $state/logs/nginx-error.log warn;"
  sed -e "s/server web:3000/server 127.0.0.1:$web/" \
      -e "s/server realtime:3001/server 127.0.0.1:$realtime/" \
      -e "s/listen 80;/listen $port; access_log off;/" \
      "$root/nginx/nginx.conf"
}
