#!/bin/sh
# docker-compose's RabbitMQ: MQTT on 1883 with devices authenticated by the web app through the
# HTTP auth backend (the app's own user, guest, through the internal backend first).
set -eu
: "${BROKER_AUTH_SECRET:?set BROKER_AUTH_SECRET (the web has the same)}"
mkdir -p /etc/rabbitmq/conf.d
cat >/etc/rabbitmq/conf.d/50-device-store-mqtt.conf <<CONF
auth_backends.1 = internal
auth_backends.2 = http
auth_http.http_method = post
auth_http.user_path = http://web:3000/api/internal/broker/user?secret=$BROKER_AUTH_SECRET
auth_http.vhost_path = http://web:3000/api/internal/broker/vhost?secret=$BROKER_AUTH_SECRET
auth_http.resource_path = http://web:3000/api/internal/broker/resource?secret=$BROKER_AUTH_SECRET
auth_http.topic_path = http://web:3000/api/internal/broker/topic?secret=$BROKER_AUTH_SECRET
mqtt.listeners.tcp.default = 1883
mqtt.allow_anonymous = false
CONF
rabbitmq-plugins enable --offline rabbitmq_management rabbitmq_mqtt rabbitmq_auth_backend_http >/dev/null
exec docker-entrypoint.sh rabbitmq-server
