import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "./helpers";
import { answers, openFleetSocket, publishEvents, startGateway, telemetryEvent, until, type Managed } from "./process-helpers";

/**
 * The nginx gateway (nginx/nginx.conf). First against echo upstreams that report what reached
 * them, so the header and routing rules are checked exactly; then live, through the gateway that
 * scripts/test.sh runs in front of the real web and realtime servers (GATEWAY_URL).
 */
interface Seen {
  upstream: string;
  url: string;
  headers: IncomingMessage["headers"];
}

async function echoServer(name: string): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen.push({ upstream: name, url: req.url!, headers: req.headers });
      // Big enough for gzip to apply.
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ upstream: name, url: req.url, headers: req.headers, pad: "x".repeat(4000) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("gateway rules (nginx in front of echo servers)", () => {
  let web: Awaited<ReturnType<typeof echoServer>>;
  const realtime: Awaited<ReturnType<typeof echoServer>>[] = [];
  let gateway: Managed;
  let base: string;

  beforeAll(async () => {
    web = await echoServer("web");
    realtime.push(await echoServer("realtime-a"), await echoServer("realtime-b"));
    const port = await freePort();
    gateway = startGateway({ port, webPorts: [web.port], realtimePorts: realtime.map((r) => r.port) });
    base = `http://127.0.0.1:${port}`;
    await until("the gateway", () => answers(`${base}/`));
  });

  afterAll(async () => {
    await gateway?.stop();
    for (const s of [web, ...realtime]) s?.server.close();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, { headers });
    return { res, body: (await res.json()) as { upstream: string; url: string; headers: Record<string, string> } };
  };

  it("sets the client address itself, ignoring what the client claims", async () => {
    const { body } = await get("/api/devices", { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" });
    expect(body.upstream).toBe("web");
    expect(body.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(body.headers["x-real-ip"]).toBe("127.0.0.1");
  });

  it("gives every request an id, keeping one the client sent", async () => {
    const generated = await get("/api/health");
    expect(generated.body.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    const kept = await get("/api/health", { "x-request-id": "trace-123" });
    expect(kept.body.headers["x-request-id"]).toBe("trace-123");
  });

  it("serves the specification's bare paths as /api for API clients and as pages for browsers", async () => {
    expect((await get("/devices/7?status=in_stock", { accept: "application/json" })).body.url).toBe("/api/devices/7?status=in_stock");
    expect((await get("/orders", { accept: "*/*" })).body.url).toBe("/api/orders");
    expect((await get("/deliveries/", { accept: "application/json" })).body.url).toBe("/api/deliveries");
    expect((await get("/devices/7", { accept: "text/html,application/xhtml+xml" })).body.url).toBe("/devices/7");
  });

  it("sends /ws/monitoring to the realtime nodes, the same session always to the same node", async () => {
    const nodeFor = async (session: string) =>
      (await get("/ws/monitoring/?EIO=4&transport=polling", { cookie: `next-auth.session-token=${session}; other=1` })).body.upstream;
    const sessions = Array.from({ length: 16 }, (_, i) => `session-${i}-${Math.random()}`);
    const first = await Promise.all(sessions.map(nodeFor));
    expect(first.every((n) => n.startsWith("realtime-"))).toBe(true);
    // Sticky: Socket.IO's polling requests of one session must keep reaching the node that holds it.
    expect(await Promise.all(sessions.map(nodeFor))).toEqual(first);
    // …while different sessions spread over the nodes.
    expect(new Set(first).size).toBe(2);
  });

  it("answers an oversized ingest body with the API's error envelope, without bothering the app", async () => {
    const before = web.seen.length;
    const res = await fetch(`${base}/api/ingest`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1_200_000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
    expect(web.seen.length).toBe(before);
  });

  it("compresses JSON for clients that accept gzip", async () => {
    const { res } = await get("/api/devices", { "accept-encoding": "gzip" });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });
});

describe("the running product through the gateway (scripts/test.sh)", () => {
  const gatewayUrl = process.env.GATEWAY_URL;
  const rabbitUrl = process.env.RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672/device_store_test";
  const sockets: Socket[] = [];

  beforeAll(() => {
    if (!gatewayUrl) throw new Error("GATEWAY_URL is not set: scripts/test.sh runs a gateway with a realtime server in front of the test app");
  });
  afterAll(() => sockets.forEach((s) => s.close()));

  it("serves the API and the health check", async () => {
    const res = await fetch(`${gatewayUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("answers the specification's bare paths with the API's JSON", async () => {
    const token = await adminToken();
    const res = await fetch(`${gatewayUrl}/devices/?limit=2`, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: unknown[]; total: number };
    expect(body.items.length).toBeGreaterThan(0);
  });

  it("carries Socket.IO to the realtime server, over WebSocket and over polling", async () => {
    const token = await adminToken();
    const viaWebSocket = await openFleetSocket(gatewayUrl!, { auth: { token }, transports: ["websocket"] });
    const viaPolling = await openFleetSocket(gatewayUrl!, { auth: { token }, transports: ["polling"] });
    sockets.push(viaWebSocket, viaPolling);
    const deviceId = 900_000 + Math.floor(Math.random() * 90_000);
    const received = [viaWebSocket, viaPolling].map(
      (s) => new Promise((resolve) => s.on("telemetry", (e: { deviceId: number }) => e.deviceId === deviceId && resolve(e))),
    );
    // The fanout queue binds on connect; publish until both have it rather than guessing when it is ready.
    let done = false;
    void Promise.all(received).then(() => (done = true));
    await until("telemetry through the gateway", async () => {
      if (!done) await publishEvents(rabbitUrl, [telemetryEvent(deviceId, 22)]);
      await new Promise((r) => setTimeout(r, 500));
      return done;
    });
    await expect(Promise.all(received)).resolves.toHaveLength(2);
  });
});
