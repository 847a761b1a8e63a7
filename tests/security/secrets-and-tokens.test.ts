import { spawn } from "node:child_process";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ADMIN, adminToken, api, BASE_URL, countRows, errorCode, newCustomer, sql, tokenFor } from "../integration/helpers";
import { browserSignIn } from "./helpers";

/** Issue 8, items 1 and 2: forged, stale and revoked credentials are refused by the running app. */

const DEV_SECRET = "dev-only-secret-change-me-in-production-0123456789";

async function forge(claims: Record<string, unknown>, secret = DEV_SECRET) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(String(claims.sub))
    .setIssuer("device-store")
    .setAudience("device-store-api")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
}

const sessionUser = async (cookie: string) => {
  const res = await fetch(`${BASE_URL}/api/auth/session`, { headers: { cookie } });
  return ((await res.json()) as { user?: { id: number; role: string } }).user ?? null;
};

describe("production refuses a guessable AUTH_SECRET", () => {
  it("exits at start-up with a message naming AUTH_SECRET when given the development secret", async () => {
    const port = 3000 + Math.floor(Math.random() * 900) + 36_000;
    const child = spawn("npx", ["next", "start", "-p", String(port)], {
      env: { ...process.env, AUTH_SECRET: DEV_SECRET, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/AUTH_SECRET: .*development\/placeholder value/);
  }, 120_000);

  it("does not accept an admin token forged with the development secret", async () => {
    const { rows } = await sql().query("SELECT id FROM t_users WHERE role = 'ADMIN' ORDER BY id LIMIT 1");
    const forged = await forge({ sub: String(rows[0].id), role: "ADMIN", tv: 0 });
    const res = await api("/api/devices/export", { token: forged });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("unauthorized");
  });
});

describe("the seed in production", () => {
  it("never resets an existing admin's password and adds no demo customers or devices", async () => {
    const { rows: before } = await sql().query("SELECT password_hash FROM t_users WHERE email = $1", [ADMIN.email]);
    const devices = await countRows("t_devices");
    const users = await countRows("t_users");
    const { SEED_DEMO_DATA: _ignored, ...env } = process.env;
    const child = spawn("npx", ["tsx", "scripts/seed.ts"], { env: { ...env, ADMIN_PASSWORD: "a-different-start-password" }, stdio: "ignore" });
    expect(await new Promise((resolve) => child.on("exit", resolve))).toBe(0);
    const { rows: after } = await sql().query("SELECT password_hash FROM t_users WHERE email = $1", [ADMIN.email]);
    expect(after[0].password_hash).toBe(before[0].password_hash);
    expect(await countRows("t_devices")).toBe(devices);
    expect(await countRows("t_users")).toBe(users);
    expect((await api("/api/auth/token", { method: "POST", json: { email: ADMIN.email, password: "a-different-start-password" } })).status).toBe(401);
  }, 120_000);
});

describe("bearer tokens are checked against the user row", () => {
  it("refuses a correctly signed token for a user that does not exist (401)", async () => {
    const signed = await forge({ sub: "999999", role: "ADMIN", tv: 0 }, process.env.AUTH_SECRET);
    const res = await api("/api/orders", { token: signed });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("unauthorized");
  });

  it("refuses a correctly signed token carrying an old token version", async () => {
    const customer = await newCustomer();
    await sql().query("UPDATE t_users SET token_version = token_version + 1 WHERE id = $1", [customer.id]);
    const stale = await forge({ sub: String(customer.id), tv: 0 }, process.env.AUTH_SECRET);
    const deadline = Date.now() + 30_000;
    let status = 0;
    do status = (await api("/api/orders", { token: stale })).status;
    while (status !== 401 && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 500)), true));
    expect(status).toBe(401);
  });

  it("takes the role from the database, not from the token", async () => {
    const customer = await newCustomer();
    expect((await api("/api/devices/export", { token: customer.token })).status).toBe(403);
  });

  it("stops a token once its user is deleted", async () => {
    const customer = await newCustomer();
    expect((await api("/api/orders", { token: customer.token })).status).toBe(200);
    await sql().query("DELETE FROM t_users WHERE id = $1", [customer.id]);
    // The in-process cache lasts a few seconds: poll with a generous deadline.
    const deadline = Date.now() + 30_000;
    let status = 200;
    while (Date.now() < deadline && status !== 401) {
      status = (await api("/api/orders", { token: customer.token })).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(401);
  });

  it("DELETE /api/auth/token revokes every token of the caller", async () => {
    const customer = await newCustomer();
    const second = await tokenFor(customer.email, customer.password);
    expect((await api("/api/auth/token", { method: "DELETE", token: customer.token })).status).toBe(200);
    expect((await api("/api/orders", { token: customer.token })).status).toBe(401);
    expect((await api("/api/orders", { token: second })).status).toBe(401);
  });
});

describe("browser sessions are revocable", () => {
  it("a session cookie stops working after sign-out (also a copy kept by an attacker)", async () => {
    const customer = await newCustomer();
    const cookie = await browserSignIn(customer.email, customer.password);
    expect((await sessionUser(cookie))?.id).toBe(customer.id);
    const before = await api("/api/orders", { headers: { cookie } });
    expect(before.status).toBe(200);

    const { csrfToken } = (await (await fetch(`${BASE_URL}/api/auth/csrf`, { headers: { cookie } })).json()) as { csrfToken: string };
    const out = await fetch(`${BASE_URL}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: BASE_URL },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(out.status).toBeLessThan(400);
    // The old cookie, replayed as is:
    expect(await sessionUser(cookie)).toBeNull();
    const after = await api("/api/orders", { headers: { cookie } });
    expect(after.status).toBe(401);
    const page = await fetch(`${BASE_URL}/orders`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/login");
    // The Socket.IO handshake applies the same rule (lib/auth/handshake.ts, run in-process here).
    const { userFromHandshake } = await import("@/lib/auth/handshake");
    expect(await userFromHandshake({ cookieHeader: cookie })).toBeNull();
  });

  it("the Socket.IO handshake accepts a live session cookie and takes the role from the database", async () => {
    const customer = await newCustomer();
    const cookie = await browserSignIn(customer.email, customer.password);
    const { userFromHandshake } = await import("@/lib/auth/handshake");
    expect(await userFromHandshake({ cookieHeader: cookie })).toMatchObject({ id: customer.id, role: "CUSTOMER" });
    expect(await userFromHandshake({ token: customer.token })).toMatchObject({ id: customer.id, role: "CUSTOMER" });
    expect(await userFromHandshake({ token: await forge({ sub: String(customer.id), tv: 0, role: "ADMIN" }) })).toBeNull();
  });
});

describe("PUT /api/auth/password", () => {
  it("changes the password and revokes older sessions and tokens", async () => {
    const customer = await newCustomer();
    const cookie = await browserSignIn(customer.email, customer.password);
    const res = await api("/api/auth/password", {
      method: "PUT",
      token: customer.token,
      json: { currentPassword: customer.password, newPassword: "a-brand-new-password" },
    });
    expect(res.status).toBe(200);
    expect((await api("/api/orders", { token: customer.token })).status).toBe(401);
    expect(await sessionUser(cookie)).toBeNull();
    expect((await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: customer.password } })).status).toBe(401);
    expect(await tokenFor(customer.email, "a-brand-new-password")).toEqual(expect.any(String));
  });

  it("refuses a wrong current password (422) and changes nothing", async () => {
    const customer = await newCustomer();
    const { rows: before } = await sql().query("SELECT password_hash, token_version FROM t_users WHERE id = $1", [customer.id]);
    const res = await api("/api/auth/password", {
      method: "PUT",
      token: customer.token,
      json: { currentPassword: "not-my-password", newPassword: "a-brand-new-password" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0].field).toBe("currentPassword");
    const { rows: after } = await sql().query("SELECT password_hash, token_version FROM t_users WHERE id = $1", [customer.id]);
    expect(after).toEqual(before);
    expect((await api("/api/orders", { token: customer.token })).status).toBe(200);
  });

  it("needs a signed-in caller (401)", async () => {
    const res = await api("/api/auth/password", { method: "PUT", json: { currentPassword: "x", newPassword: "long-enough-pw" } });
    expect(res.status).toBe(401);
  });

  it("stores new passwords with bcrypt cost 12 or more", async () => {
    const customer = await newCustomer();
    const { rows } = await sql().query("SELECT password_hash FROM t_users WHERE id = $1", [customer.id]);
    expect(Number(/^\$2[aby]\$(\d\d)\$/.exec(rows[0].password_hash)![1])).toBeGreaterThanOrEqual(12);
    expect(await countRows("t_users", "id = $1", [customer.id])).toBe(1);
    await adminToken();
  });
});
