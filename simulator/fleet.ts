import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Talks to the admin API to find units in the field and give them device tokens. */
export class AdminApi {
  private token?: string;

  constructor(
    private readonly baseUrl: string,
    private readonly email: string,
    private readonly password: string,
  ) {}

  private async call<T>(method: string, url: string, json?: unknown): Promise<T> {
    this.token ??= await this.signIn();
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(json ? { "content-type": "application/json" } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(body)}`);
    return body as T;
  }

  private async signIn(): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: this.email, password: this.password }),
    });
    if (res.status !== 201) throw new Error(`admin sign-in failed (${res.status}); check ADMIN_EMAIL / ADMIN_PASSWORD`);
    return ((await res.json()) as { token: string }).token;
  }

  /** Units that may send: sold (delivered) or deployed. */
  async fieldUnits(limit: number): Promise<number[]> {
    const ids: number[] = [];
    for (const status of ["deployed", "sold"]) {
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: number }>; nextCursor: string | null } = await this.call(
          "GET",
          `/api/devices?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        ids.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor;
      } while (cursor && ids.length < limit);
    }
    return ids.slice(0, limit);
  }

  /** Tells the console how often a never-configured unit reports (so offline detection fits it). */
  async configureInterval(deviceId: number, reportingIntervalSec: number, metrics: string[]): Promise<boolean> {
    const current = await this.call<{ version: number }>("GET", `/api/devices/${deviceId}/config`);
    if (current.version > 0) return false;
    await this.call("PUT", `/api/devices/${deviceId}/config`, { reportingIntervalSec, metrics });
    return true;
  }

  issueToken(deviceId: number): Promise<{ token: string; prefix: string }> {
    return this.call("POST", `/api/devices/${deviceId}/credentials`);
  }
}

/** Tokens are shown once, so the simulator keeps the ones it was given between runs. */
export class TokenCache {
  private file: string;
  private tokens: Record<string, string>;

  constructor(baseUrl: string) {
    const dir = path.join(process.cwd(), ".demo");
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `sim-tokens-${new URL(baseUrl).port || "80"}.json`);
    this.tokens = existsSync(this.file) ? JSON.parse(readFileSync(this.file, "utf8")) : {};
  }

  get(deviceId: number): string | undefined {
    return this.tokens[deviceId];
  }

  set(deviceId: number, token: string) {
    this.tokens[deviceId] = token;
    writeFileSync(this.file, JSON.stringify(this.tokens, null, 1), { mode: 0o600 });
  }
}
