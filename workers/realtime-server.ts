/**
 * `npm run realtime`: the Socket.IO server behind /ws/monitoring. Stateless — it authenticates
 * dashboards and relays device events from RabbitMQ; run as many as needed behind nginx.
 */
import { createServer } from "node:http";
import { configOrExit } from "@/lib/config";
import { metrics, setMetricsProcess } from "@/lib/metrics";
import { startFanout } from "@/lib/realtime/fanout";
import { broadcast, createSocketServer } from "@/lib/realtime/server";

const config = configOrExit();
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
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  res.writeHead(404).end();
});
const io = createSocketServer(http);
io.on("connection", (socket) => {
  metrics().socketsConnected.inc();
  socket.on("disconnect", () => metrics().socketsConnected.dec());
});
const fanout = startFanout(config.RABBITMQ_URL, (event, deviceId, payload) => broadcast(io, event, deviceId, payload));

http.listen(config.REALTIME_PORT, () => console.log(`[realtime] listening on :${config.REALTIME_PORT}/ws/monitoring`));

const shutdown = async () => {
  await fanout.stop();
  io.close();
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
