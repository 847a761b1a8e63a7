import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answers, startGateway, startSupervisor, until, type Managed, type Supervisor } from "./process-helpers";

/**
 * A web process SIGKILLed behind the gateway: two `next start` processes of the suite's build under
 * supervisord (as `npm run demo -- --scale 2` runs them), nginx in front, on ports of their own.
 */
const BASE = Number(process.env.FAULT_WEB_PORT_BASE ?? 3260);
const WEB_PORTS = [BASE, BASE + 2];
const GATEWAY_PORT = BASE + 8;
const gatewayUrl = `http://127.0.0.1:${GATEWAY_PORT}`;

let supervisor: Supervisor;
let gateway: Managed;

beforeAll(async () => {
  supervisor = startSupervisor({ SCALE: "2", ONLY: "web", WEB_PORT_BASE: String(BASE), LOG_LEVEL: "warn" });
  gateway = startGateway({ port: GATEWAY_PORT, webPorts: WEB_PORTS, realtimePorts: [BASE + 1] });
  await until("both web processes", async () => (await Promise.all(WEB_PORTS.map((p) => answers(`http://127.0.0.1:${p}/api/health/live`)))).every(Boolean), 120_000);
});

afterAll(async () => {
  await gateway?.stop();
  await supervisor?.stop();
});

describe("web SIGKILL behind the gateway", () => {
  it("keeps answering through the other web process, and the killed one is restarted by the supervisor", async () => {
    const killed = supervisor.pid("web-0");
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) {
        const res = await fetch(`${gatewayUrl}/api/health/live`).catch(() => undefined);
        statuses.push(res?.status ?? 0);
        // A body cut off by the kill is that request's failure, already counted by its status.
        await res?.arrayBuffer().catch(() => undefined);
      }
    })();
    await until("some requests before the kill", () => statuses.length >= 5);
    process.kill(killed, "SIGKILL");
    await until("web-0 restarted", async () => supervisor.pid("web-0") !== killed && (await answers(`http://127.0.0.1:${WEB_PORTS[0]}/api/health/live`)), 120_000);
    const after = statuses.length;
    await until("more requests after the restart", () => statuses.length >= after + 5);
    stop = true;
    await load;
    // nginx retries a refused connection on the other upstream: no client saw the crash.
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(supervisor.log()).toMatch(/exited: web-0 \(terminated by SIGKILL; not expected\)/);
  }, 300_000);
});
