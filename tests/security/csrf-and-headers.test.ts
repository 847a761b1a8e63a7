import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, adminToken, api, BASE_URL, countRows, errorCode, newCustomer, newDevice, sql } from "../integration/helpers";
import { ADDRESS, placeOrder, shipOrder } from "../integration/order-helpers";
import { browserSignIn, EVIL_ORIGIN } from "./helpers";

/** Issue 8, items 4 and 5: cross-site writes, response headers, body caps, inputs that used to 500. */

let adminCookie: string;
let customer: Awaited<ReturnType<typeof newCustomer>>;
let customerCookie: string;

beforeAll(async () => {
  adminCookie = await browserSignIn(ADMIN.email, ADMIN.password);
  customer = await newCustomer();
  customerCookie = await browserSignIn(customer.email, customer.password);
}, 120_000);

const raw = (path: string, init: RequestInit) => fetch(`${BASE_URL}${path}`, { redirect: "manual", ...init });

describe("cross-site requests carrying the victim's cookie are refused", () => {
  it("a <form enctype=text/plain> shaped order from https://evil.example: 403, no order", async () => {
    const device = await newDevice();
    const before = await countRows("t_orders", "customer_id = $1", [customer.id]);
    const body = `{"items":[{"deviceId":${device.id}}],"shippingAddress":"${ADDRESS}","x":"=1"}`;
    const res = await raw("/api/orders", { method: "POST", headers: { "content-type": "text/plain", cookie: customerCookie, origin: EVIL_ORIGIN }, body });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    expect(await countRows("t_orders", "customer_id = $1", [customer.id])).toBe(before);
  });

  it("an admin delivery note from another site: 403, delivery unchanged", async () => {
    const device = await newDevice();
    const order = await placeOrder(customer.token, [{ deviceId: device.id }]);
    const delivery = await shipOrder(order.body.id);
    const snapshot = async () => (await sql().query("SELECT status, delivery_notes, updated_at FROM t_deliveries WHERE id = $1", [delivery.id])).rows[0];
    const before = await snapshot();
    const res = await raw(`/api/deliveries/${delivery.id}/status`, {
      method: "PUT",
      headers: { "content-type": "text/plain", cookie: adminCookie, origin: EVIL_ORIGIN },
      body: JSON.stringify({ status: "delivered", note: "pwned" }),
    });
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("an urlencoded POST rotating a device's credentials from another site: 403, credentials unchanged", async () => {
    const device = await newDevice();
    const count = () => countRows("t_device_credentials", "device_id = $1", [device.id]);
    const before = await count();
    const res = await raw(`/api/devices/${device.id}/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: adminCookie, origin: EVIL_ORIGIN },
      body: "a=1",
    });
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it("a cookie-authenticated write with neither Origin nor Sec-Fetch-Site is refused; Sec-Fetch-Site cross-site too", async () => {
    const device = await newDevice();
    const before = await countRows("t_orders", "customer_id = $1", [customer.id]);
    const body = JSON.stringify({ items: [{ deviceId: device.id }], shippingAddress: ADDRESS });
    for (const extra of [{}, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }] as Record<string, string>[]) {
      const res = await raw("/api/orders", { method: "POST", headers: { "content-type": "application/json", cookie: customerCookie, ...extra }, body });
      expect(res.status, JSON.stringify(extra)).toBe(403);
    }
    expect(await countRows("t_orders", "customer_id = $1", [customer.id])).toBe(before);
  });

  it("our own pages still work: same-origin Origin or Sec-Fetch-Site with the cookie", async () => {
    const body = () => JSON.stringify({ items: [{ deviceId: 0 }], shippingAddress: ADDRESS });
    const a = await newDevice();
    const b = await newDevice();
    const viaOrigin = await raw("/api/orders", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: customerCookie, origin: BASE_URL },
      body: body().replace('"deviceId":0', `"deviceId":${a.id}`),
    });
    expect(viaOrigin.status).toBe(201);
    const viaFetchSite = await raw("/api/orders", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: customerCookie, "sec-fetch-site": "same-origin" },
      body: body().replace('"deviceId":0', `"deviceId":${b.id}`),
    });
    expect(viaFetchSite.status).toBe(201);
  });

  it("bearer-token clients are unaffected by Origin, but JSON routes need application/json (415)", async () => {
    const device = await newDevice();
    const body = JSON.stringify({ items: [{ deviceId: device.id }], shippingAddress: ADDRESS });
    const before = await countRows("t_orders", "customer_id = $1", [customer.id]);
    const textPlain = await raw("/api/orders", { method: "POST", headers: { "content-type": "text/plain", authorization: `Bearer ${customer.token}` }, body });
    expect(textPlain.status).toBe(415);
    expect((await textPlain.json()).error.code).toBe("unsupported_media_type");
    expect(await countRows("t_orders", "customer_id = $1", [customer.id])).toBe(before);
    const ok = await raw("/api/orders", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${customer.token}`, origin: EVIL_ORIGIN },
      body,
    });
    expect(ok.status).toBe(201);
  });
});

describe("security headers", () => {
  it("pages carry a nonce-based CSP and the other headers; the nonce is fresh per request and on Next's scripts", async () => {
    const first = await raw("/login", {});
    const second = await raw("/login", {});
    expect(first.status).toBe(200);
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(/'nonce-([^']+)'/.exec(second.headers.get("content-security-policy")!)![1]).not.toBe(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
  });

  it("every /api answer is no-store, including the one that hands out a device secret", async () => {
    const device = await newDevice();
    const rotated = await api(`/api/devices/${device.id}/credentials`, { method: "POST", token: await adminToken() });
    expect(rotated.status).toBeLessThan(300);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    for (const path of ["/api/devices?limit=1", "/api/health", "/api/auth/csrf", "/api/nope"]) {
      const res = await api(path, { token: await adminToken() });
      expect(res.headers.get("cache-control"), path).toContain("no-store");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }
  });

  it("the one exception is the public API document, which holds no data: cacheable, still hardened", async () => {
    for (const token of [null, await adminToken()]) {
      const res = await api("/api/openapi.json", { token });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=300");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });
});

describe("bodies to /api/auth/* are capped", () => {
  it("a 5 MB password is refused with 413 before it is read or hashed", async () => {
    const password = "p".repeat(5 * 1024 * 1024);
    const token = await api("/api/auth/token", { method: "POST", json: { email: customer.email, password } });
    expect(token.status).toBe(413);
    expect(errorCode(token)).toBe("payload_too_large");
    const form = await raw("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE_URL },
      body: new URLSearchParams({ email: customer.email, password }),
    });
    expect(form.status).toBe(413);
    const before = await countRows("t_users");
    const register = await api("/api/auth/register", { method: "POST", json: { email: "big@example.com", name: "Big", password } });
    expect(register.status).toBe(413);
    expect(await countRows("t_users")).toBe(before);
  });
});

describe("inputs that used to answer 500", () => {
  it("a NUL byte in a text field, a JSON key or a query: 422, nothing written", async () => {
    const before = await countRows("t_users");
    for (const json of [
      { email: "nul@example.com", password: "long-enough-pw", name: "a\u0000b" },
      { email: "nul@example.com", password: "long-enough-pw", name: "ok", "\u0000": 1 },
      { email: "nul@example.com", password: "long-enough-pw", name: "\ud800" },
    ]) {
      const res = await api("/api/auth/register", { method: "POST", json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(errorCode(res)).toBe("validation_failed");
    }
    expect(await countRows("t_users")).toBe(before);
    for (const path of ["/api/devices?q=a%00b", "/api/orders?q=%00", "/api/deliveries?q=%00", "/api/devices?x%00=1"]) {
      const res = await api(path, { token: await adminToken() });
      expect([400, 422], path).toContain(res.status);
    }
  });

  it("a cursor that does not fit its sort field's type: 422 on devices, orders and deliveries", async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify([value, 1])).toString("base64url");
    const cases = [
      ["/api/devices?sort=price", cursor("not-a-number")],
      ["/api/devices?sort=-price", cursor("1e999")],
      ["/api/devices?sort=createdAt", cursor("yesterday")],
      ["/api/devices?sort=name", cursor(12)],
      ["/api/orders?limit=5", cursor("NaN")],
      ["/api/orders?limit=5", cursor(1e308)],
      ["/api/deliveries?limit=5", cursor("2026-99-99T00:00:00.000Z")],
      ["/api/deliveries?limit=5", cursor({ $gt: 1 })],
    ];
    for (const [path, c] of cases) {
      const res = await api(`${path}&cursor=${c}`, { token: await adminToken() });
      expect(res.status, `${path} ${c}`).toBe(422);
      expect(res.body.error.details.fields[0].field).toBe("cursor");
    }
  });

  it("JSON nested 10 000 deep: 400, nothing written", async () => {
    const before = await countRows("t_devices");
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const res = await raw("/api/devices", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await adminToken()}` },
      body: `{"serialNumber":"SN-DEEP","name":"d","type":"sensor","model":"M","price":"1.00","specifications":{"a":${deep}}}`,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
    expect(await countRows("t_devices")).toBe(before);
  });

  it("a bad callbackUrl on next-auth's sign-in endpoints: 400, not 500", async () => {
    for (const bad of ["%00", "http://%zz", "javascript:alert(1)", "http://[::1", "https://evil.example/x"]) {
      const res = await raw(`/api/auth/signin?callbackUrl=${bad}`, {});
      expect(res.status, bad).toBe(400);
    }
    const cookie = await raw("/api/auth/session", { headers: { cookie: "next-auth.callback-url=http%3A%2F%2F%25zz" } });
    expect(cookie.status).toBeLessThan(500);
    const signin = await raw("/api/auth/signin", { headers: { cookie: "next-auth.callback-url=javascript%3Aalert(1)" } });
    expect(signin.status).toBe(400);
    const good = await raw("/api/auth/signin?callbackUrl=%2Forders", {});
    expect(good.status).toBeLessThan(400);
  });
});
