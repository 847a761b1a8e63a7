#!/usr/bin/env bash
# Prepares a vhost's durable telemetry queues for RABBITMQ_QUEUE_TYPE (classic or quorum). A queue
# cannot change type in place, so each queue of the other type is deleted — only when it is empty
# (`--if-empty`), to be declared again with the new type by the next process that connects.
# A queue still holding messages is left alone and reported: drain it first (run the worker with
# the old type), then run this again. Stop the web processes while migrating: a reading published
# between the delete and the next declaration would have no queue to go to.
#   RABBITMQ_VHOST=device_store RABBITMQ_QUEUE_TYPE=quorum bash scripts/migrate-queues.sh
set -euo pipefail
vhost="${RABBITMQ_VHOST:-/}"
want="${RABBITMQ_QUEUE_TYPE:-classic}"
status=0
while read -r name type messages; do
  case "$name" in queue_data_ingestion | queue_alerts | queue_status) ;; *) continue ;; esac
  [ "$type" = "$want" ] && continue
  if [ "$messages" = 0 ] && rabbitmqctl -q delete_queue -p "$vhost" --if-empty "$name" </dev/null >/dev/null 2>&1; then
    echo "queue $name ($type) removed from vhost $vhost; it comes back as $want"
  else
    echo "queue $name in vhost $vhost is $type and holds $messages message(s): drain it, then run this again" >&2
    status=1
  fi
done < <(rabbitmqctl -q list_queues -p "$vhost" --no-table-headers name type messages 2>/dev/null)
exit "$status"
