import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { SENDING_STATUSES } from "@/lib/telemetry/ingest";
import { appVhost } from "./identity";

/**
 * The broker checks a device's password only when it connects. A device whose token was
 * revoked or rotated, or whose unit left the field, could keep an open MQTT session; this
 * sweep (every MQTT_REVOCATION_SWEEP_MS in the worker) closes such sessions through the
 * management API. The device's reconnect then meets the auth backend and is refused.
 */
interface Connection {
  name: string;
  user: string;
  connected_at: number;
  protocol?: string;
}

function management() {
  const url = new URL(config().RABBITMQ_MANAGEMENT_URL);
  const auth = "Basic " + Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64");
  url.username = url.password = "";
  const base = url.toString().replace(/\/$/, "");
  return (path: string, init: RequestInit = {}) =>
    fetch(base + path, { ...init, headers: { authorization: auth, ...init.headers }, signal: AbortSignal.timeout(10_000) });
}

export async function listMqttConnections(): Promise<Connection[]> {
  const res = await management()(`/api/vhosts/${encodeURIComponent(appVhost())}/connections?columns=name,user,connected_at,protocol`);
  if (!res.ok) throw new Error(`management API answered ${res.status}`);
  const all = (await res.json()) as Connection[];
  return all.filter((c) => c.protocol?.startsWith("MQTT") && /^[1-9][0-9]{0,9}$/.test(c.user));
}

/** Which of these connections may no longer stay open, and why. */
export async function findRevokedConnections(connections: Connection[]): Promise<Array<Connection & { reason: string }>> {
  if (connections.length === 0) return [];
  const ids = [...new Set(connections.map((c) => Number(c.user)))];
  const devices = await db().device.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, credentials: { select: { revokedAt: true }, orderBy: { createdAt: "desc" }, take: 20 } },
  });
  const byId = new Map(devices.map((d) => [d.id, d]));
  const out: Array<Connection & { reason: string }> = [];
  for (const c of connections) {
    const d = byId.get(Number(c.user));
    if (!d) out.push({ ...c, reason: "device deleted" });
    else if (!SENDING_STATUSES.has(d.status)) out.push({ ...c, reason: `device is ${d.status}` });
    else if (!d.credentials.some((k) => k.revokedAt === null)) out.push({ ...c, reason: "credentials revoked" });
    // A token revoked after this session began may be the one it logged in with: make it log in again.
    else if (d.credentials.some((k) => k.revokedAt && k.revokedAt.getTime() >= c.connected_at)) out.push({ ...c, reason: "credentials rotated" });
  }
  return out;
}

export async function closeConnection(name: string, reason: string): Promise<void> {
  const res = await management()(`/api/connections/${encodeURIComponent(name)}`, { method: "DELETE", headers: { "x-reason": reason } });
  if (!res.ok && res.status !== 404) throw new Error(`closing ${name}: management API answered ${res.status}`);
}

let sameBroker: boolean | undefined;

/**
 * Whether the management API belongs to the broker this process uses (its AMQP port is among
 * the node's listeners). A process on another broker (a test's private node) must not judge the
 * sessions of a vhost with the same name elsewhere against its own database.
 */
async function managesOurBroker(): Promise<boolean> {
  if (sameBroker !== undefined) return sameBroker;
  const res = await management()("/api/overview");
  if (!res.ok) throw new Error(`management API answered ${res.status}`);
  const { listeners = [] } = (await res.json()) as { listeners?: Array<{ protocol: string; port: number }> };
  const amqpPort = Number(new URL(config().RABBITMQ_URL).port || 5672);
  sameBroker = listeners.some((l) => l.protocol === "amqp" && l.port === amqpPort);
  return sameBroker;
}

export async function sweepRevokedConnections(log: (m: string) => void): Promise<number> {
  if (!(await managesOurBroker())) return 0;
  const stale = await findRevokedConnections(await listMqttConnections());
  for (const c of stale) {
    await closeConnection(c.name, c.reason);
    log(`closed MQTT session of device ${c.user} (${c.reason})`);
  }
  return stale.length;
}
