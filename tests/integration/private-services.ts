import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assertPortsFree, portInUse } from "./process-helpers";

/**
 * Fault tests stop and restart services. They do it to instances of their own, started here,
 * never to the shared ones that the demo, the app under test or another engineer are using.
 */

async function waitPort(port: number, what: string, up: boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await portInUse(port)) === up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not ${up ? "open" : "close"} port ${port} within ${ms / 1000} s`);
}

export interface PrivateBroker {
  url: string;
  /** `rabbitmqctl stop_app` then `start_app`, with the outage held for `outageMs`. */
  restart(outageMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A RabbitMQ node of its own (own node name, ports, data and config), like the shared one but
 * with no plugins. Debian's rabbitmq-server drops to the rabbitmq user, so that user owns the dir.
 */
export async function startPrivateBroker(port: number): Promise<PrivateBroker> {
  await assertPortsFree([port, port + 20_000], "the private RabbitMQ");
  const dir = mkdtempSync(path.join(tmpdir(), "rabbitmq-private-"));
  const node = `rabbit_fault_${port}@localhost`;
  writeFileSync(path.join(dir, "rabbitmq.conf"), `listeners.tcp.default = 127.0.0.1:${port}\nloopback_users = none\n`);
  writeFileSync(path.join(dir, "enabled_plugins"), "[].\n");
  mkdirSync(path.join(dir, "conf.d"));
  const uid = Number(execFileSync("id", ["-u", "rabbitmq"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "rabbitmq"], { encoding: "utf8" }).trim());
  for (const p of ["", "rabbitmq.conf", "enabled_plugins", "conf.d"]) chownSync(path.join(dir, p), uid, gid);
  const env = {
    ...process.env,
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(port + 20_000),
    RABBITMQ_CONFIG_FILE: path.join(dir, "rabbitmq"),
    RABBITMQ_CONFIG_FILES: path.join(dir, "conf.d"),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, "enabled_plugins"),
    RABBITMQ_MNESIA_BASE: path.join(dir, "mnesia"),
    RABBITMQ_LOG_BASE: path.join(dir, "log"),
    RABBITMQ_PID_FILE: path.join(dir, "pid"),
  };
  const child = spawn("rabbitmq-server", [], { env, stdio: "ignore", detached: true });
  await waitPort(port, "the private RabbitMQ", true, 120_000);
  const ctl = (command: string) => execFileSync("rabbitmqctl", ["-q", "-n", node, command], { stdio: "ignore", timeout: 60_000 });
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    async restart(outageMs) {
      ctl("stop_app");
      await waitPort(port, "the private RabbitMQ", false, 60_000);
      await new Promise((r) => setTimeout(r, outageMs));
      ctl("start_app");
      await waitPort(port, "the private RabbitMQ", true, 60_000);
    },
    async stop() {
      try {
        ctl("stop");
      } catch {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateWeb {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** The already-built app (NEXT_DIST_DIR) served once more on its own port with other env. */
export async function startPrivateWeb(port: number, env: Record<string, string>): Promise<PrivateWeb> {
  await assertPortsFree([port], "the private web");
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: { ...process.env, NEXTAUTH_URL: baseUrl, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitPort(port, `next start (${out.slice(-500)})`, true, 120_000);
  return {
    baseUrl,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}
