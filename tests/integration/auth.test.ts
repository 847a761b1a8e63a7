import { describe, expect, it } from "vitest";
import { ADMIN, api, BASE_URL, countRows, errorCode, newCustomer, sql, unique } from "./helpers";

/** Registration, API tokens and the sign-in throttle, over HTTP against the real database. */

const freshEmail = () => `${unique("auth").toLowerCase()}@example.com`;
const MAX_FAILURES = Number(process.env.LOGIN_MAX_FAILURES ?? 5);

describe("POST /api/auth/register", () => {
  it("creates a customer (never an admin) and stores only a password hash", async () => {
    const email = freshEmail();
    const res = await api("/api/auth/register", { method: "POST", json: { email: email.toUpperCase(), password: "long-enough-pw", name: "Ada" } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number), email, name: "Ada", role: "CUSTOMER" });
    const { rows } = await sql().query("SELECT role, password_hash FROM t_users WHERE email = $1", [email]);
    expect(rows[0].role).toBe("CUSTOMER");
    expect(rows[0].password_hash).not.toContain("long-enough-pw");
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$/);
  });

  it("refuses a second account for the same email, whatever its case (409)", async () => {
    const customer = await newCustomer();
    const before = await countRows("t_users");
    const res = await api("/api/auth/register", { method: "POST", json: { email: customer.email.toUpperCase(), password: "another-password", name: "Copy" } });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe("conflict");
    expect(await countRows("t_users")).toBe(before);
  });

  it.each([
    ["a missing password", { email: "x@example.com", name: "X" }, "password"],
    ["a short password", { email: "x@example.com", name: "X", password: "short" }, "password"],
    ["an invalid email", { email: "not-an-email", name: "X", password: "long-enough-pw" }, "email"],
    ["a role field (no self-promotion)", { email: "x@example.com", name: "X", password: "long-enough-pw", role: "ADMIN" }, "role"],
    ["a 10 kB name", { email: "x@example.com", name: "n".repeat(10_240), password: "long-enough-pw" }, "name"],
    ["a name of the wrong type", { email: "x@example.com", name: 42, password: "long-enough-pw" }, "name"],
  ])("rejects %s with 422 naming the field, creating no account", async (_label, body, field) => {
    const before = await countRows("t_users");
    const res = await api("/api/auth/register", { method: "POST", json: { ...body, email: body.email === "x@example.com" ? freshEmail() : body.email } });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe("validation_failed");
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await countRows("t_users")).toBe(before);
  });

  it("rejects malformed JSON with 400 and a body over 1 MB with 413", async () => {
    const before = await countRows("t_users");
    const bad = await fetch(`${BASE_URL}/api/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: "{email:" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");
    const huge = await api("/api/auth/register", { method: "POST", json: { email: freshEmail(), password: "long-enough-pw", name: "x".repeat(1_100_000) } });
    expect(huge.status).toBe(413);
    expect(errorCode(huge)).toBe("payload_too_large");
    expect(await countRows("t_users")).toBe(before);
  });
});

describe("POST /api/auth/token", () => {
  it("issues a bearer token that the API accepts, with its expiry", async () => {
    const res = await api("/api/auth/token", { method: "POST", json: ADMIN });
    expect(res.status).toBe(201);
    expect(res.body.token).toEqual(expect.any(String));
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const list = await api("/api/devices?limit=1", { token: res.body.token });
    expect(list.status).toBe(200);
  });

  it("gives a customer's token customer rights only", async () => {
    const customer = await newCustomer();
    const res = await api("/api/devices?status=sold", { token: customer.token });
    expect(res.status).toBe(403);
  });

  it("answers a wrong password and an unknown email alike with 401", async () => {
    const customer = await newCustomer();
    const wrong = await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: "not-the-password" } });
    const unknown = await api("/api/auth/token", { method: "POST", json: { email: freshEmail(), password: "whatever-password" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it("rejects malformed and incomplete bodies with 400 and 422", async () => {
    const bad = await fetch(`${BASE_URL}/api/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "nope" });
    expect(bad.status).toBe(400);
    const missing = await api("/api/auth/token", { method: "POST", json: { email: ADMIN.email } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.fields.map((f: { field: string }) => f.field)).toContain("password");
  });

  it(`locks an email out with 429 after ${MAX_FAILURES} failures, even for the right password`, async () => {
    const customer = await newCustomer();
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: `wrong-${i}-password` } });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const locked = await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: customer.password } });
    expect(locked.status).toBe(429);
    expect(errorCode(locked)).toBe("rate_limited");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);

    // Other accounts are unaffected.
    const other = await newCustomer();
    expect(other.token).toEqual(expect.any(String));
  });

  it("clears the failure count after a successful sign-in", async () => {
    const customer = await newCustomer();
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: "wrong-password" } });
    }
    expect((await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: customer.password } })).status).toBe(201);
    expect((await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: "wrong-password" } })).status).toBe(401);
    expect((await api("/api/auth/token", { method: "POST", json: { email: customer.email, password: customer.password } })).status).toBe(201);
  });
});
