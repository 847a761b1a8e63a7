import { createServer, type Server } from "node:http";
import amqp from "amqplib";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { logger } from "@/lib/logger";

/**
 * The operator's metrics (Prometheus, prom-client): one registry per process with every metric
 * the product defines, so web, worker and realtime call the same definitions and a dashboard
 * reads the same names from all of them. A metric a process never touches simply stays at zero.
 * Default Node metrics include event-loop lag (`nodejs_eventloop_lag_seconds`, histogram
 * `nodejs_eventloop_delay_*`), heap and GC.
 *
 * Web: `GET /api/metrics` (admins, or `Authorization: Bearer $METRICS_TOKEN` for Prometheus).
 * Worker and realtime: `/metrics` on their own port (`serveMetrics`).
 */
export interface AppMetrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  ingestAccepted: Counter;
  queueDepth: Gauge<"queue">;
  workerBatchSize: Histogram;
  workerWriteSeconds: Histogram;
  readingsStored: Counter;
  readingsDeadLettered: Counter;
  alertsRaised: Counter<"type" | "severity">;
  socketsConnected: Gauge;
}

// One set per process even when a bundler loads this module more than once (Next's chunks).
const globalForMetrics = globalThis as unknown as { appMetrics?: AppMetrics; readQueueDepth?: () => Promise<void> };

export function metrics(): AppMetrics {
  if (globalForMetrics.appMetrics) return globalForMetrics.appMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  globalForMetrics.appMetrics = {
    registry,
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "API request latency by route template (ids replaced by :id)",
      labelNames: ["method", "route", "status"],
      buckets: seconds,
      registers,
    }),
    ingestAccepted: new Counter({ name: "ingest_readings_accepted_total", help: "Readings answered 202 (confirmed by the broker)", registers }),
    queueDepth: new Gauge({
      name: "rabbitmq_queue_messages",
      help: "Messages ready in a queue, read from the broker at scrape time (watchQueueDepth)",
      labelNames: ["queue"],
      registers,
      collect: () => globalForMetrics.readQueueDepth?.(),
    }),
    workerBatchSize: new Histogram({
      name: "worker_batch_size",
      help: "Readings per MongoDB insert",
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    }),
    workerWriteSeconds: new Histogram({ name: "worker_write_duration_seconds", help: "MongoDB insert latency per batch", buckets: seconds, registers }),
    readingsStored: new Counter({ name: "readings_stored_total", help: "Readings written to monitoring_data", registers }),
    readingsDeadLettered: new Counter({ name: "readings_dead_lettered_total", help: "Messages sent to the dead-letter queue", registers }),
    alertsRaised: new Counter({ name: "alerts_raised_total", help: "Alerts opened", labelNames: ["type", "severity"], registers }),
    socketsConnected: new Gauge({ name: "realtime_connected_sockets", help: "Dashboards connected to this realtime node", registers }),
  };
  return globalForMetrics.appMetrics;
}

/** Names this process in every series (`process="worker"`), so one dashboard tells them apart. */
export function setMetricsProcess(name: string) {
  metrics().registry.setDefaultLabels({ process: name });
}

/** `/api/devices/123/status` → `/api/devices/:id/status`: a bounded set of label values. */
export function routeLabel(pathname: string): string {
  return pathname
    .split("/")
    .map((part) => (/^\d+$|^[0-9a-f-]{16,}$|^[A-Z]{2,}-\d{4}-\d+$/i.test(part) ? ":id" : part))
    .join("/");
}

/** Times a request handler into `http_request_duration_seconds`. */
export async function timeRequest(method: string, pathname: string, run: () => Promise<Response>): Promise<Response> {
  const end = metrics().httpDuration.startTimer({ method, route: routeLabel(pathname) });
  let status = 500;
  try {
    const response = await run();
    status = response.status;
    return response;
  } finally {
    end({ status: String(status) });
  }
}

/** Reads the broker's queue depths at scrape time (a short-lived connection, bounded by a timeout). */
export function watchQueueDepth(url: string, queues: string[]) {
  const gauge = metrics().queueDepth;
  globalForMetrics.readQueueDepth = async () => {
    let connection: amqp.ChannelModel | undefined;
    const timeout = setTimeout(() => void connection?.close().catch(() => {}), 2000);
    try {
      connection = await amqp.connect(url, { timeout: 2000 });
      for (const queue of queues) {
        const channel = await connection.createChannel();
        channel.on("error", () => {}); // a queue not declared yet closes the channel: report nothing for it
        try {
          const { messageCount } = await channel.checkQueue(queue);
          gauge.set({ queue }, messageCount);
          await channel.close();
        } catch {
          gauge.remove({ queue });
        }
      }
    } catch (error) {
      logger().warn({ err: error }, "metrics: queue depth unavailable");
    } finally {
      clearTimeout(timeout);
      await connection?.close().catch(() => {});
    }
  };
}

/**
 * Serves `/metrics` (Prometheus text) and `/healthz` on an internal port, for processes without
 * an HTTP server of their own (the worker). Meant for the cluster network, not the gateway.
 */
export function serveMetrics(port: number, healthy: () => boolean = () => true): Server {
  const server = createServer((req, res) => {
    if (req.url === "/metrics") {
      metrics()
        .registry.metrics()
        .then(
          (text) => res.writeHead(200, { "content-type": metrics().registry.contentType }).end(text),
          () => res.writeHead(500).end(),
        );
      return;
    }
    if (req.url === "/healthz") {
      const ok = healthy();
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: ok ? "ok" : "unavailable" }));
      return;
    }
    res.writeHead(404).end();
  });
  server.on("error", (error) => logger().error({ err: error, port }, "metrics server failed"));
  server.listen(port);
  return server;
}
