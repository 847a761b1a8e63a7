import { publishConfirmed, type AmqpLink } from "@/lib/telemetry/amqp";
import { EXCHANGE, statusKey } from "@/lib/telemetry/topology";
import { alertKey, toAlertDto, type AlertEvent, type ConnectivityEvent } from "./alert-model";
import type { AlertChange } from "./alert-raise";

/** `alert.<deviceId>` events carry the customer-safe view: they reach customers' sockets. */
export function toAlertEvent(change: AlertChange): AlertEvent {
  return { v: 1, action: change.action, alert: toAlertDto(change.alert, "CUSTOMER") };
}

export function alertPublisher(link: AmqpLink) {
  return async (change: AlertChange): Promise<void> => {
    const ch = await link.channel();
    await publishConfirmed(ch, EXCHANGE, alertKey(change.alert.device_id), Buffer.from(JSON.stringify(toAlertEvent(change))));
  };
}

export function connectivityPublisher(link: AmqpLink) {
  return async (event: ConnectivityEvent): Promise<void> => {
    const ch = await link.channel();
    await publishConfirmed(ch, EXCHANGE, statusKey(event.deviceId), Buffer.from(JSON.stringify(event)));
  };
}
