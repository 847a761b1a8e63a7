import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assertPortsFree, portInUse } from "./process-helpers";

/**
 * A FerretDB of the test's own (SQLite backend, own port and directory), so a test can pull the
 * store away from a worker without touching the shared one.
 */
// The project's own build (scripts/ensure-ferretdb.sh prints it, building it the first time; FERRETDB_BIN overrides).
const ferretBinary = () => execFileSync("bash", ["scripts/ensure-ferretdb.sh"], { encoding: "utf8" }).trim().split("\n").at(-1)!;

export interface PrivateFerret {
  url: string;
  /** SIGKILL, keeping the data directory (what a crash does); `start` brings the same data back. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data after a crash. */
  start(): Promise<void>;
  /** SIGKILL and delete its data. */
  kill(): Promise<void>;
}

export async function startPrivateFerret(port: number): Promise<PrivateFerret> {
  const bin = ferretBinary();
  await assertPortsFree([port], "the private FerretDB");
  const dir = mkdtempSync(path.join(tmpdir(), "ferretdb-private-"));
  let child: ChildProcess | undefined;
  let exited = Promise.resolve();

  const start = async () => {
    const proc = spawn(
      bin,
      ["--handler=sqlite", `--sqlite-url=file:${dir}/`, `--state-dir=${dir}`, `--listen-addr=127.0.0.1:${port}`, "--telemetry=disable", "--debug-addr=-", "--log-level=error"],
      { stdio: "ignore" },
    );
    child = proc;
    exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    const deadline = Date.now() + 30_000;
    while (!(await portInUse(port))) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`private FerretDB did not open port ${port}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const crash = async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };

  await start();
  return {
    url: `mongodb://127.0.0.1:${port}/telemetry_private`,
    crash,
    start,
    async kill() {
      await crash();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
