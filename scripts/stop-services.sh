#!/usr/bin/env bash
# Stops the services named on standard input (as recorded by scripts/services.sh).
root="$(cd "$(dirname "$0")/.." && pwd)"
while read -r name; do
  case "$name" in
    broker-auth-relay) [ -f "$root/.demo/broker-auth-relay.pid" ] && kill "$(cat "$root/.demo/broker-auth-relay.pid")" 2>/dev/null && echo "stopped the broker auth relay" ;;
    ferretdb) [ -f "$root/.demo/ferretdb.pid" ] && kill "$(cat "$root/.demo/ferretdb.pid")" 2>/dev/null && echo "stopped FerretDB" ;;
    exim4) [ -f /run/exim4/exim.pid ] && kill "$(cat /run/exim4/exim.pid)" 2>/dev/null && echo "stopped exim4" ;;
    rabbitmq) rabbitmqctl -q stop >/dev/null 2>&1 && echo "stopped RabbitMQ" ;;
    postgresql) pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main stop && echo "stopped PostgreSQL" ;;
  esac
done
