import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

/**
 * Who is who on the broker's MQTT side. Devices log in as username = device id, password =
 * device token. The app itself logs in as SERVICE_USER (publishing retained configuration),
 * with a password derived from the broker secret, so nothing extra has to be provisioned.
 */
export const SERVICE_USER = "device-store-service";

/** The secret the broker's HTTP auth backend sends with every request (derived by default). */
export function brokerAuthSecret(): string {
  const c = config();
  return c.BROKER_AUTH_SECRET ?? createHmac("sha256", c.AUTH_SECRET).update("broker-auth").digest("base64url");
}

export const servicePassword = () => createHmac("sha256", brokerAuthSecret()).update(SERVICE_USER).digest("base64url");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The RabbitMQ virtual host this process works in (the path of RABBITMQ_URL, "/" when empty). */
export function appVhost(url = config().RABBITMQ_URL): string {
  const path = new URL(url).pathname.replace(/^\//, "");
  return path === "" ? "/" : decodeURIComponent(path);
}

/**
 * The MQTT username for `user` in our vhost. RabbitMQ's MQTT plugin reads `vhost:user`; a plain
 * name lands in the plugin's default vhost ("/"), which is what the demo and real devices use.
 */
export const mqttUsername = (user: string, vhost = appVhost()) => (vhost === "/" ? user : `${vhost}:${user}`);

export const mqttTopics = {
  telemetry: (deviceId: number) => `devices/${deviceId}/telemetry`,
  config: (deviceId: number) => `devices/${deviceId}/config`,
};

/** MQTT topics arrive on amq.topic with `.` for `/`. */
export const MQTT_EXCHANGE = "amq.topic";
export const routingKeys = {
  telemetry: (deviceId: number) => `devices.${deviceId}.telemetry`,
  config: (deviceId: number) => `devices.${deviceId}.config`,
};
export const MQTT_TELEMETRY_PATTERN = "devices.*.telemetry";
