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

# MQTT: RabbitMQ's own rabbitmq_mqtt plugin, devices authenticated by the app through
# rabbitmq_auth_backend_http (via the loopback relay below), the app's AMQP user (guest) through
# the internal backend first. Management (loopback only) lets the worker close revoked devices.
amqp_port="${RABBITMQ_NODE_PORT:-5672}"
mqtt_port="${MQTT_PORT:-1884}"
relay_port="${BROKER_AUTH_RELAY_PORT:-15680}"
mgmt_port="${RABBITMQ_MANAGEMENT_PORT:-15672}"
plugins="rabbitmq_auth_backend_http rabbitmq_mqtt rabbitmq_management"
conf_dir="${RABBITMQ_CONF_D:-/etc/rabbitmq/conf.d}"
write_rabbitmq_conf() {
  # The same settings as a file, so that a restarted broker comes back with them (and never
  # tries the plugin's default 1883, which a Mosquitto may hold). Written only after the plugins
  # are enabled: their keys are unknown to a broker without them.
  mkdir -p "$conf_dir" 2>/dev/null || return 0
  local file="$conf_dir/50-device-store-mqtt.conf" tmp
  tmp="$(mktemp)"
  cat >"$tmp" <<CONF
auth_backends.1 = internal
auth_backends.2 = http
auth_http.http_method = post
auth_http.user_path = http://127.0.0.1:$relay_port/user
auth_http.vhost_path = http://127.0.0.1:$relay_port/vhost
auth_http.resource_path = http://127.0.0.1:$relay_port/resource
auth_http.topic_path = http://127.0.0.1:$relay_port/topic
mqtt.listeners.tcp.default = 127.0.0.1:$mqtt_port
mqtt.allow_anonymous = false
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt_port
CONF
  if ! cmp -s "$tmp" "$file" 2>/dev/null; then cp "$tmp" "$file" 2>/dev/null && chmod 644 "$file" || true; fi
  rm -f "$tmp"
}
configure_rabbitmq_mqtt() {
  # Runtime settings: no restart of a broker others may be using. The listener and management
  # settings must be in place before their plugins start, so load the apps and set them first.
  rabbitmqctl -q eval "
    ok = application:set_env(rabbit, auth_backends, [rabbit_auth_backend_internal, rabbit_auth_backend_http]),
    application:load(rabbitmq_auth_backend_http),
    [ok = application:set_env(rabbitmq_auth_backend_http, K, \"http://127.0.0.1:$relay_port/\" ++ P) || {K, P} <- [{user_path, \"user\"}, {vhost_path, \"vhost\"}, {resource_path, \"resource\"}, {topic_path, \"topic\"}]],
    ok = application:set_env(rabbitmq_auth_backend_http, http_method, post),
    application:load(rabbitmq_mqtt),
    ok = application:set_env(rabbitmq_mqtt, allow_anonymous, false),
    case whereis(rabbit_mqtt_sup) of undefined -> application:set_env(rabbitmq_mqtt, tcp_listeners, [{\"127.0.0.1\", $mqtt_port}]); _ -> ok end,
    application:load(rabbitmq_management),
    case whereis(rabbit_mgmt_sup_sup) of undefined -> application:set_env(rabbitmq_management, tcp_config, [{ip, \"127.0.0.1\"}, {port, $mgmt_port}]); _ -> ok end,
    ok." >/dev/null
  # shellcheck disable=SC2086
  rabbitmq-plugins -q is_enabled $plugins >/dev/null 2>&1 || { echo "enabling RabbitMQ plugins: $plugins…"; rabbitmq-plugins -q enable $plugins >/dev/null; }
  write_rabbitmq_conf
}

if ! port_open "$amqp_port"; then
  if ! command -v rabbitmq-server >/dev/null; then
    echo "installing RabbitMQ…"; apt-get install -y rabbitmq-server >/dev/null
  fi
  # A fresh broker boots with the plugins and their settings already in place.
  # shellcheck disable=SC2086
  rabbitmq-plugins -q enable --offline $plugins >/dev/null 2>&1 || true
  write_rabbitmq_conf
  echo "starting RabbitMQ…"
  rabbitmq-server -detached
  wait_port "$amqp_port" RabbitMQ 90
  started rabbitmq
fi
configure_rabbitmq_mqtt
wait_port "$mqtt_port" "RabbitMQ MQTT listener" 60

if ! port_open "$relay_port"; then
  echo "starting the broker auth relay on $relay_port…"
  nohup node "$root/scripts/broker-auth-relay.mjs" >"$state/broker-auth-relay.log" 2>&1 &
  echo $! >"$state/broker-auth-relay.pid"
  wait_port "$relay_port" "broker auth relay" 20
  started broker-auth-relay
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
  # Plans with the actual values: FerretDB passes a filter's field name as a parameter, so a generic
  # plan can use no index (lib/telemetry/ferretdb-equality-indexes.ts).
  nohup "$ferretdb" --handler=postgresql --postgresql-url="postgres://postgres@127.0.0.1:5432/ferretdb?plan_cache_mode=force_custom_plan" \
    --listen-addr=127.0.0.1:27017 --state-dir="$state/ferretdb" --telemetry=disable --debug-addr=127.0.0.1:8089 \
    --log-level=warn >"$state/ferretdb.log" 2>&1 &
  echo $! >"$state/ferretdb.pid"
  wait_port 27017 FerretDB
  started ferretdb
fi

# Email (lib/email): a local SMTP server on 127.0.0.1:25 (Debian's exim4, local delivery only:
# mail to <user>@localhost lands in /var/mail/<user>; anything else is refused). The
# `devicestore` mailbox is the demo's and the tests' recipient.
if ! port_open 25; then
  if ! command -v exim4 >/dev/null; then
    echo "installing exim4 (local mail)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y exim4-daemon-light >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y exim4-daemon-light >/dev/null; }
  fi
  exim_conf=/etc/exim4/update-exim4.conf.conf
  if ! grep -q "^dc_eximconfig_configtype='local'" "$exim_conf" 2>/dev/null || ! grep -q "^dc_local_interfaces='127.0.0.1'" "$exim_conf" 2>/dev/null; then
    sed -i -e '/^dc_eximconfig_configtype=/d' -e '/^dc_local_interfaces=/d' "$exim_conf" 2>/dev/null || true
    printf "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1'\n" >>"$exim_conf"
    update-exim4.conf
  fi
  echo "starting exim4 (SMTP) on 25…"
  exim4 -bd -q30m
  wait_port 25 exim4 20
  started exim4
fi
id devicestore >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/devicestore --shell /usr/sbin/nologin devicestore
