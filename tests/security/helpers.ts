import { spawn, type ChildProcess } from "node:child_process";
import { BASE_URL } from "../integration/helpers";

/** Signs in through next-auth's credentials flow like a browser; returns the Cookie header. */
export async function browserSignIn(email: string, password: string, base = BASE_URL): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrfRes);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`browser sign-in failed for ${email}: ${res.status}`);
  return cookie();
}

export const EVIL_ORIGIN = "https://evil.example";

/**
 * A second server of this build on its own port with `env` on top of the suite's environment
 * (e.g. production limits the suite's main server lifts). Same database.
 */
export async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  // A random port may be taken by another process on this shared machine: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(env);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startServerOnce(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const port = 40_000 + Math.floor(Math.random() * 9_000);
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...process.env, NEXTAUTH_URL: url, ...env },
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (await fetch(`${url}/api/auth/csrf`).then((r) => r.ok, () => false)) return { url, stop };
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`server on :${port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
