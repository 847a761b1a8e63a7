#!/usr/bin/env bash
# Renders nginx/nginx.conf (written for docker-compose's service names) for one machine:
# upstreams on 127.0.0.1 (one server line per local instance), listening on $GATEWAY_PORT,
# pid, temp files and logs under $STATE_DIR (default .demo/).
#   WEB_PORTS="3000 3002" REALTIME_PORTS="3001 3003" bash scripts/render-gateway-config.sh > .demo/nginx.conf
# WEB_PORT / REALTIME_PORT (one instance each) work too.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
web_ports="${WEB_PORTS:-${WEB_PORT:-3000}}"
realtime_ports="${REALTIME_PORTS:-${REALTIME_PORT:-3001}}"
port="${GATEWAY_PORT:-8080}"
state="${STATE_DIR:-$root/.demo}"
mkdir -p "$state/logs" "$state/nginx-tmp"

servers() { for p in $1; do printf 'server 127.0.0.1:%s max_fails=1 fail_timeout=2s; ' "$p"; done; }
{
  echo "pid $state/nginx.pid;"
  echo "error_log $state/logs/nginx-error.log warn;"
  sed -e "s|server web:3000;|$(servers "$web_ports")|" \
      -e "s|server realtime:3001;|$(servers "$realtime_ports")|" \
      -e "s|listen 80;|listen ${GATEWAY_LISTEN:-$port}; access_log off;|" \
      -e "s|^http {|http {\n  client_body_temp_path $state/nginx-tmp/body; proxy_temp_path $state/nginx-tmp/proxy;\n  fastcgi_temp_path $state/nginx-tmp/fastcgi; uwsgi_temp_path $state/nginx-tmp/uwsgi; scgi_temp_path $state/nginx-tmp/scgi;|" \
      "$root/nginx/nginx.conf"
}
