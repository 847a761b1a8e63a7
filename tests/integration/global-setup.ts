import { spawnSync } from "node:child_process";
import { BASE_URL } from "./helpers";

/** The suite runs against a real server (started by scripts/test.sh); fail early and clearly without one. */
export default async function setup() {
  try {
    const res = await fetch(`${BASE_URL}/api/auth/csrf`);
    if (!res.ok) throw new Error(`status ${res.status}`);
  } catch (error) {
    throw new Error(`No app server at ${BASE_URL} (${(error as Error).message}). Run the suite with \`npm test\`.`);
  }
  // The broker's MQTT logins for this run's vhost are answered by this server (see scripts/broker-auth-relay.mjs).
  const reg = spawnSync(process.execPath, ["--import", "tsx", "scripts/register-broker-auth.ts", BASE_URL], { encoding: "utf8", timeout: 60_000 });
  if (reg.status !== 0) throw new Error(`registering the broker auth backend failed: ${reg.stderr || reg.stdout}`);
}
