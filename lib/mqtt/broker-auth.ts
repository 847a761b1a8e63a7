import { authenticateDeviceToken } from "@/lib/provisioning/credentials";
import { SENDING_STATUSES } from "@/lib/telemetry/ingest";
import { appVhost, routingKeys, safeEqual, SERVICE_USER, servicePassword } from "./identity";

/**
 * Decisions for RabbitMQ's HTTP auth backend (rabbitmq_auth_backend_http). The broker asks four
 * questions; every answer is "allow" only when the request is fully understood, "deny" otherwise.
 * Requests carry form fields: user (username, password, vhost, client_id), vhost (username,
 * vhost, ip), resource (resource, name, permission), topic (… routing_key).
 */
export type BrokerCheck = "user" | "vhost" | "resource" | "topic";
export type Params = Record<string, string | undefined>;
type Answer = "allow" | "deny";

const DEVICE_ID = /^[1-9][0-9]{0,9}$/;

/** A device's MQTT client id is its id, or its id and a suffix (`42`, `42-sensor`). */
const clientIdFits = (username: string, clientId: string | undefined) =>
  clientId !== undefined && (clientId === username || (clientId.startsWith(`${username}-`) && clientId.length <= 64 && /^[\w.-]+$/.test(clientId)));

const isDevice = (username: string | undefined): username is string => username !== undefined && DEVICE_ID.test(username);
const isService = (username: string | undefined) => username === SERVICE_USER;

export async function decide(check: BrokerCheck, p: Params): Promise<Answer> {
  if (p.vhost !== appVhost()) return "deny";
  switch (check) {
    case "user":
      return checkUser(p);
    case "vhost":
      return isDevice(p.username) || isService(p.username) ? "allow" : "deny";
    case "resource":
      return checkResource(p);
    case "topic":
      return checkTopic(p);
    default:
      return "deny";
  }
}

async function checkUser(p: Params): Promise<Answer> {
  const { username, password, client_id: clientId } = p;
  if (!password) return "deny";
  if (isService(username)) return safeEqual(password, servicePassword()) ? "allow" : "deny";
  // Only MQTT sessions (which always send a client id) may log in with a device token.
  if (!isDevice(username) || !clientIdFits(username, clientId)) return "deny";
  try {
    const device = await authenticateDeviceToken(password);
    return device.deviceId === Number(username) && SENDING_STATUSES.has(device.status) ? "allow" : "deny";
  } catch {
    return "deny";
  }
}

/**
 * Publishing goes to amq.topic (write); a subscription declares, binds and reads the plugin's
 * own queue `mqtt-subscription-<client id>qos<0|1>` (configure, read, write) and reads amq.topic.
 */
function checkResource(p: Params): Answer {
  const { username, resource, name, permission, client_id: clientId } = p;
  if (!isDevice(username) && !isService(username)) return "deny";
  if (resource === "exchange") return name === "amq.topic" && (permission === "write" || permission === "read") ? "allow" : "deny";
  if (resource === "queue" && isDevice(username) && clientIdFits(username, clientId)) {
    const own = name === `mqtt-subscription-${clientId}qos0` || name === `mqtt-subscription-${clientId}qos1`;
    return own && ["configure", "read", "write"].includes(permission ?? "") ? "allow" : "deny";
  }
  return "deny";
}

/** A device publishes only its telemetry and reads only its configuration; the app writes configuration. */
function checkTopic(p: Params): Answer {
  const { username, name, permission, routing_key: key } = p;
  if (name !== "amq.topic" || !key) return "deny";
  if (isService(username)) return permission === "write" && /^devices\.[1-9][0-9]{0,9}\.config$/.test(key) ? "allow" : "deny";
  if (!isDevice(username)) return "deny";
  const id = Number(username);
  if (permission === "write") return key === routingKeys.telemetry(id) ? "allow" : "deny";
  if (permission === "read") return key === routingKeys.config(id) ? "allow" : "deny";
  return "deny";
}
