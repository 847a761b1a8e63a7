import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

/**
 * scripts/demo-secrets.sh, sourced by `npm run demo` under `set -euo pipefail` before anything
 * is installed: it must make its secrets with plain node, keep them across restarts, and never
 * end the demo (a `read` at a file end without a newline once did, silently).
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function checkout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "demo-secrets-"));
  dirs.push(dir);
  symlinkSync(path.resolve("scripts"), path.join(dir, "scripts"));
  return dir;
}

const source = (cwd: string) => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AUTH_SECRET|VAPID_|WEB_PUSH)/.test(k))) as NodeJS.ProcessEnv;
  const out = execFileSync("bash", ["-c", 'set -euo pipefail; source scripts/demo-secrets.sh; printf "%s\\n" "$AUTH_SECRET" "$VAPID_PUBLIC_KEY" "$VAPID_PRIVATE_KEY" "$WEB_PUSH"'], { cwd, env, encoding: "utf8" });
  const [AUTH_SECRET, VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, WEB_PUSH] = out.trim().split("\n");
  return { AUTH_SECRET, VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, WEB_PUSH };
};

describe("demo secrets", () => {
  it("makes a production-grade secret and a VAPID pair the app accepts, and keeps them across restarts", () => {
    const dir = checkout();
    const first = source(dir);
    expect(() => parseConfig({ NODE_ENV: "production", ...first })).not.toThrow();
    expect(first.WEB_PUSH).toBe("1");
    expect(source(dir)).toEqual(first);
  });

  it("reads a key file written without a final newline", () => {
    const dir = checkout();
    source(dir);
    const pair = execFileSync("node", ["scripts/vapid-keys.mjs"], { encoding: "utf8" }).trim();
    writeFileSync(path.join(dir, ".demo", "vapid-keys"), pair);
    const again = source(dir);
    expect(`${again.VAPID_PUBLIC_KEY} ${again.VAPID_PRIVATE_KEY}`).toBe(pair);
  });
});
