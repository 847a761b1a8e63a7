import { randomBytes } from "node:crypto";
import mqtt, { type MqttClient } from "mqtt";
import { config } from "@/lib/config";
import { logger } from "@/lib/logger";
import type { DeviceConfig } from "@/lib/provisioning/schemas";
import { mqttTopics, mqttUsername, SERVICE_USER, servicePassword } from "./identity";

/** What a device receives on `devices/<id>/config` (retained): the version it should report back. */
export interface ConfigMessage {
  version: number;
  config: DeviceConfig;
  issuedAt: string;
}

const globalForMqtt = globalThis as unknown as { configPushClient?: MqttClient };

/**
 * The app's own MQTT session. Retained messages live in the MQTT plugin's store, which only
 * MQTT publishes with the retain flag feed (an AMQP publish to amq.topic is not retained), so
 * the app publishes as an MQTT client under the service identity the auth backend knows.
 */
function client(): MqttClient {
  globalForMqtt.configPushClient ??= mqtt.connect({
    host: config().MQTT_HOST,
    port: config().MQTT_PORT,
    username: mqttUsername(SERVICE_USER),
    password: servicePassword(),
    // Unique per process: a second session with the same id would take this one over.
    clientId: `${SERVICE_USER}-${process.pid}-${randomBytes(4).toString("hex")}`,
    clean: true,
    reconnectPeriod: 2000,
    connectTimeout: 5000,
  }).on("error", (error) => logger().warn({ err: error.message }, "config push: MQTT client error"));
  return globalForMqtt.configPushClient;
}

/**
 * Publishes the configuration as a retained QoS 1 message; resolves once the broker
 * acknowledged it (PUBACK). A device that connects later receives it when it subscribes.
 */
export async function pushDeviceConfig(deviceId: number, message: ConfigMessage, timeoutMs = 5000): Promise<void> {
  const c = client();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("MQTT publish not acknowledged in time")), timeoutMs);
  });
  try {
    await Promise.race([c.publishAsync(mqttTopics.config(deviceId), JSON.stringify(message), { qos: 1, retain: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function closeConfigPush(): Promise<void> {
  await globalForMqtt.configPushClient?.endAsync();
  globalForMqtt.configPushClient = undefined;
}
