/**
 * A fleet of virtual devices. `npm run simulate -- --devices 50 --rate 2`
 *   --devices N      how many units (sold or deployed ones; in-stock units may not send)
 *   --rate R         readings per second per device (default 1)
 *   --batch B        readings per request (default: one second's worth, at least 1)
 *   --transport T    http (default, device tokens), mqtt (device tokens, QoS 1, config pushed down)
 *                    or amqp (straight to the exchange, for load)
 *   --mqtt-share F   with http: send this fraction of the fleet over MQTT instead (0..1)
 *   --duration S     stop after S seconds (default: run until Ctrl-C)
 *   --anomalies P    chance per device per second of a random anomaly (default 0.002; 0 = none)
 *   --base-url URL   the web (default http://127.0.0.1:$PORT or :3000)
 *   --scenario demo  play the demo script (simulator/scenario.ts): alerts raised and cleared and a
 *                    device going offline and back within minutes; never-configured units are
 *                    configured with the simulator's reporting interval first
 * While it runs, type `spike|stuck|drift|silent|heat|cpu [deviceId|all]` and Enter to inject an anomaly.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { configOrExit } from "@/lib/config";
import { METRICS } from "@/lib/telemetry/schema";
import { SimDevice, type AnomalyKind } from "./device-model";
import { dueSteps } from "./scenario";
import { AdminApi, TokenCache } from "./fleet";
import { AmqpTransport, HttpTransport, MqttTransport, type Transport } from "./transports";

const cfg = configOrExit();
const { values: args } = parseArgs({
  options: {
    devices: { type: "string", default: "10" },
    rate: { type: "string", default: "1" },
    batch: { type: "string" },
    transport: { type: "string", default: "http" },
    "mqtt-share": { type: "string", default: "0" },
    duration: { type: "string" },
    anomalies: { type: "string", default: "0.002" },
    scenario: { type: "string" },
    "base-url": { type: "string", default: process.env.SIM_BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
const wanted = Number(args.devices);
const rate = Number(args.rate);
const batch = Math.max(1, Number(args.batch ?? Math.ceil(rate)));
const anomalyChance = Number(args.anomalies);
const baseUrl = args["base-url"]!;

const stats = { accepted: 0, rejected: 0, errors: 0, lastAccepted: 0 };
const problems = new Map<string, number>();
const note = (key: string) => {
  if (!problems.has(key)) console.warn(key);
  problems.set(key, (problems.get(key) ?? 0) + 1);
};

async function buildFleet(admin: AdminApi): Promise<SimDevice[]> {
  const ids = await admin.fieldUnits(wanted);
  if (ids.length < wanted) {
    console.warn(
      `Only ${ids.length} unit(s) are sold or deployed; in-stock units may not send telemetry (403).\n` +
        `  Mark seeded units delivered first: npx tsx scripts/demo-fleet.ts --devices ${wanted}`,
    );
  }
  if (ids.length === 0) process.exit(2);
  if (args.transport === "amqp") return ids.map((id) => new SimDevice(id));
  const cache = new TokenCache(baseUrl);
  const fleet: SimDevice[] = [];
  for (const id of ids) {
    let token = cache.get(id);
    if (!token) {
      token = (await admin.issueToken(id)).token;
      cache.set(id, token);
    }
    fleet.push(new SimDevice(id, token));
  }
  return fleet;
}

async function sendLoop(device: SimDevice, transport: Transport, admin: AdminApi, cache: TokenCache | undefined, until: number) {
  const pending: NonNullable<ReturnType<SimDevice["next"]>>[] = [];
  const interval = 1000 / rate;
  let next = Date.now() + Math.random() * interval;
  while (Date.now() < until && !stopping) {
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    next += interval;
    if (Math.random() < anomalyChance / rate) device.inject((["spike", "stuck", "silent"] as const)[Math.floor(Math.random() * 3)]);
    const reading = device.next();
    if (reading) pending.push(reading);
    if (pending.length < batch) continue;
    const readings = pending.splice(0);
    try {
      const result = await transport.send(device, readings);
      if (result.ok) stats.accepted += result.accepted;
      else {
        stats.rejected += readings.length;
        if (result.status === 403) note(`device ${device.deviceId}: ${result.message}`);
        else if (result.status === 401 && cache) {
          note(`device ${device.deviceId}: token refused, issuing a new one`);
          const fresh = await admin.issueToken(device.deviceId);
          cache.set(device.deviceId, fresh.token);
          (device as { token?: string }).token = fresh.token;
        } else note(`HTTP ${result.status}: ${result.message}`);
      }
    } catch (error) {
      stats.errors += readings.length;
      note(`send failed: ${(error as Error).message}`);
    }
  }
}

let stopping = false;
const KINDS: AnomalyKind[] = ["spike", "stuck", "drift", "silent", "heat", "cpu"];

/** The simulator knows how often its devices report; the console judges offline by that. */
async function configureFleet(admin: AdminApi, fleet: SimDevice[]) {
  const interval = Math.max(1, Math.round(1 / rate));
  let configured = 0;
  // All at once: each save may wait seconds for its MQTT push (before the broker's auth backend is
  // registered, until the push times out), and one after another that kept the demo's fleet
  // silent for minutes.
  await Promise.all(
    fleet.map(async (device) => {
      try {
        if (await admin.configureInterval(device.deviceId, interval, [...METRICS])) configured++;
      } catch (error) {
        note(`configuring device ${device.deviceId} failed: ${(error as Error).message}`);
      }
    }),
  );
  if (configured) console.log(`configured ${configured} device(s) to report every ${interval} s`);
}

function playScenario(fleet: SimDevice[], started: number): NodeJS.Timeout {
  let last = 0;
  return setInterval(() => {
    const now = (Date.now() - started) / 1000;
    for (const step of dueSteps(last, now)) {
      const device = fleet[step.device % fleet.length];
      device.inject(step.anomaly, Date.now(), { readings: Math.max(1, Math.round(step.durationSec * rate)), ms: step.durationSec * 1000 });
      console.log(`demo: device ${device.deviceId} ${step.anomaly} for ${step.durationSec} s → expect ${step.expect}`);
    }
    last = now;
  }, 1000);
}

async function main() {
  const admin = new AdminApi(baseUrl, cfg.ADMIN_EMAIL, cfg.ADMIN_PASSWORD);
  const fleet = await buildFleet(admin);
  if (args.scenario === "demo") await configureFleet(admin, fleet);
  const transport: Transport =
    args.transport === "amqp" ? new AmqpTransport(cfg.RABBITMQ_URL) : args.transport === "mqtt" ? new MqttTransport(cfg.MQTT_HOST, cfg.MQTT_PORT) : new HttpTransport(baseUrl);
  // Part of an HTTP fleet may speak MQTT, so both paths are alive at once (the demo does this).
  const share = args.transport === "http" ? Math.min(1, Math.max(0, Number(args["mqtt-share"]) || 0)) : 0;
  const mqttPart = share > 0 ? new MqttTransport(cfg.MQTT_HOST, cfg.MQTT_PORT) : undefined;
  const overMqtt = new Set(fleet.slice(0, Math.round(fleet.length * share)).map((d) => d.deviceId));
  const transportFor = (d: SimDevice) => (mqttPart && overMqtt.has(d.deviceId) ? mqttPart : transport);
  const cache = args.transport === "amqp" ? undefined : new TokenCache(baseUrl);
  console.log(`simulating ${fleet.length} devices at ${rate}/s each over ${args.transport}${overMqtt.size ? ` (${overMqtt.size} of them over mqtt)` : ""} (batches of ${batch}); Ctrl-C stops`);

  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => {
    const [kind, target = "all"] = line.trim().split(/\s+/);
    if (!KINDS.includes(kind as AnomalyKind)) return console.log(`commands: ${KINDS.join("|")} [deviceId|all]`);
    const hit = fleet.filter((d) => target === "all" || String(d.deviceId) === target);
    hit.forEach((d) => d.inject(kind as AnomalyKind));
    console.log(`${kind} → ${hit.length} device(s)`);
  });

  const started = Date.now();
  const ticker = setInterval(() => {
    const perSec = stats.accepted - stats.lastAccepted;
    stats.lastAccepted = stats.accepted;
    const silent = fleet.filter((d) => d.anomaly?.kind === "silent").length;
    process.stdout.write(
      `[${Math.round((Date.now() - started) / 1000)}s] ${perSec}/s  accepted ${stats.accepted}  rejected ${stats.rejected}  errors ${stats.errors}  silent ${silent}\n`,
    );
  }, 1000);
  const scenarioTimer = args.scenario === "demo" ? playScenario(fleet, started) : undefined;
  const until = args.duration ? Date.now() + Number(args.duration) * 1000 : Infinity;
  process.on("SIGINT", () => (stopping = true));
  process.on("SIGTERM", () => (stopping = true));
  await Promise.all(fleet.map((d) => sendLoop(d, transportFor(d), admin, cache, until)));
  clearInterval(ticker);
  clearInterval(scenarioTimer);
  input.close();
  await transport.close();
  await mqttPart?.close();
  console.log(`done: accepted ${stats.accepted}, rejected ${stats.rejected}, errors ${stats.errors}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
