/**
 * `npm run realtime`: the Socket.IO server behind /ws/monitoring (contract: lib/realtime/contract.ts).
 * Stateless — it authenticates dashboards and relays device events from RabbitMQ; run as many
 * as needed behind nginx. GET /healthz answers 200 while the broker link is up, 503 otherwise.
 * SIGTERM/SIGINT: stop taking connections, flush pending telemetry, disconnect clients, exit —
 * within a bounded time even if the broker or a client hangs.
 */
import { createServer } from "node:http";
import { configOrExit } from "@/lib/config";
import { setProcessLogger } from "@/lib/logger";
import { metrics, setMetricsProcess } from "@/lib/metrics";
import { startFanout } from "@/lib/realtime/fanout";
import { createRealtimeServer } from "@/lib/realtime/server";

const SHUTDOWN_TIMEOUT_MS = 5_000;
const config = configOrExit();
const log = setProcessLogger("realtime");
setMetricsProcess("realtime");

const http = createServer((req, res) => {
  // Internal: the gateway sends only /ws/monitoring here, so /metrics is reachable on this port alone.
  if (req.url === "/metrics") {
    void metrics()
      .registry.metrics()
      .then((text) => res.writeHead(200, { "content-type": metrics().registry.contentType }).end(text));
    return;
  }
  if (req.url === "/healthz") {
    const up = fanout.connected;
    const body = { status: up ? "ok" : "degraded", broker: up ? "connected" : "disconnected", clients: realtime.io.engine.clientsCount };
    res.writeHead(up ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(body));
    return;
  }
  res.writeHead(404).end();
});
const realtime = createRealtimeServer(http, {
  log,
  coalesceMs: config.REALTIME_COALESCE_MS,
  revalidateMs: config.REALTIME_REVALIDATE_MS,
  maxMessageBytes: config.REALTIME_MAX_MESSAGE_BYTES,
  maxSubscriptions: config.REALTIME_MAX_SUBSCRIPTIONS,
});
const fanout = startFanout(config.RABBITMQ_URL, log, (event) => realtime.relay(event));
realtime.io.on("connection", (socket) => {
  metrics().socketsConnected.inc();
  socket.on("disconnect", () => metrics().socketsConnected.dec());
});

http.on("error", (error) => {
  log.fatal({ err: error }, "cannot listen");
  process.exit(1);
});
http.listen(config.REALTIME_PORT, () => log.info({ port: config.REALTIME_PORT }, "listening on /ws/monitoring"));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  setTimeout(() => {
    log.warn("shutdown timed out; exiting");
    process.exit(0);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await fanout.stop().catch(() => undefined);
  await realtime.close().catch(() => undefined);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
