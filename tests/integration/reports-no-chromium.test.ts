import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, errorCode, newCustomer } from "./helpers";
import { answers, until } from "./process-helpers";

/**
 * The web without Chromium: a second `next start` of the suite's build, on a port of its own,
 * pointed at a Chromium that is not there. It starts and serves; asking for a report is a 503.
 */
const PORT = Number(process.env.REPORTS_NO_CHROMIUM_PORT ?? Number(process.env.TEST_PORT ?? 3100) + 50);
const base = `http://127.0.0.1:${PORT}`;
let server: ChildProcess | undefined;
let output = "";

beforeAll(async () => {
  server = spawn("node_modules/.bin/next", ["start", "-p", String(PORT)], {
    env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium", NEXTAUTH_URL: base, LOG_LEVEL: "warn" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  await until(`the web without Chromium on :${PORT}`, () => answers(`${base}/api/health/live`), 120_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${output.slice(-2000)}`);
  });
}, 150_000);

afterAll(() => {
  // Its own process group: `next start` forks next-server.
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

describe("reports without Chromium", () => {
  it("the web starts, and Generate now answers 503 in the error envelope", async () => {
    const customer = await newCustomer("No Chromium");
    const res = await api("/api/reports", { method: "POST", token: customer.token, json: { kind: "fleet" }, baseUrl: base });
    expect(res.status).toBe(503);
    expect(errorCode(res)).toBe("service_unavailable");
    expect(res.body.error.message).toMatch(/Chromium/);
    // Nothing half-made was kept: the list is still empty, and it still answers.
    const list = await api("/api/reports", { token: customer.token, baseUrl: base });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });
});
