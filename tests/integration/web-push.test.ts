import { execFileSync } from "node:child_process";
import { createDecipheriv, createECDH, createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { importJWK, jwtVerify } from "jose";
import { ObjectId } from "mongodb";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertDoc } from "@/lib/monitoring/alert-model";
import { AlertPusher } from "@/lib/push/alert-pusher";
import { ADMIN, adminToken, api, countRows, errorCode, newCustomer, sql, tokenFor, unique } from "./helpers";

/**
 * Web Push delivery end to end, with a local push service instead of the real one (which this
 * machine cannot reach): an HTTPS server that checks the VAPID JWT and decrypts the aes128gcm
 * payload with the keys a browser would have made. Subscriptions go through the real API.
 */
interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
const received: Received[] = [];
let server: https.Server;
let origin = "";
let agent: https.Agent;
const tls = mkdtempSync(path.join(tmpdir(), "push-tls-"));

/** A browser's side of a subscription: an ECDH P-256 key pair and a 16-byte auth secret. */
function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, json: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } };
}
type Browser = ReturnType<typeof browserKeys>;

/** RFC 8291 / RFC 8188 decryption, as the browser does it. */
function decrypt(body: Buffer, browser: Browser): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20];
  const serverPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();
  const ikm = hmac(
    hmac(browser.auth, browser.ecdh.computeSecret(serverPublic)),
    Buffer.concat([Buffer.from("WebPush: info\0"), browser.ecdh.getPublicKey(), serverPublic, Buffer.from([1])]),
  );
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  expect(plain[end]).toBe(2); // the last record's delimiter
  return plain.subarray(0, end).toString("utf8");
}

/** Checks `Authorization: vapid t=<JWT>, k=<public key>` and returns the JWT's claims. */
async function verifyVapid(header: string | undefined, publicKey: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  expect(match, `Authorization: ${header}`).not.toBeNull();
  const [, token, k] = match!;
  expect(k).toBe(publicKey);
  const point = Buffer.from(k, "base64url");
  const key = await importJWK({ kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") }, "ES256");
  const { payload } = await jwtVerify(token, key, { audience: origin, algorithms: ["ES256"] });
  return payload;
}

const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@example.com" };
const endpoint = (name: string) => `${origin}/push/${name}-${randomBytes(4).toString("hex")}`;
let owner: Awaited<ReturnType<typeof newCustomer>>;
let stranger: Awaited<ReturnType<typeof newCustomer>>;
let deviceId = 0;
const deviceName = unique("Freezer");
const browsers = { owner: browserKeys(), old: browserKeys(), stranger: browserKeys(), admin: browserKeys() };
const endpoints = { owner: "", old: "", stranger: "", admin: "" };

beforeAll(async () => {
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    "-keyout", path.join(tls, "key.pem"), "-out", path.join(tls, "cert.pem"),
  ], { stdio: "ignore" });
  const cert = readFileSync(path.join(tls, "cert.pem"));
  server = https.createServer({ key: readFileSync(path.join(tls, "key.pem")), cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      // The user's old browser: the push service has forgotten it.
      res.writeHead(req.url?.startsWith("/push/old-") ? 410 : 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new https.Agent({ ca: cert });
  for (const name of Object.keys(endpoints) as (keyof typeof endpoints)[]) endpoints[name] = endpoint(name);

  [owner, stranger] = [await newCustomer("Push Owner"), await newCustomer("Push Stranger")];
  const { rows } = await sql().query(
    `INSERT INTO t_devices (serial_number, name, type, model, price, status, deployed_at, updated_at) VALUES ($1, $2, 'sensor', 'PUSH-1', '10.00', 'deployed', now(), now()) RETURNING id`,
    [unique("SN"), deviceName],
  );
  deviceId = rows[0].id;
  const { rows: order } = await sql().query(
    `INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, updated_at) VALUES ($1, $2, 'delivered', '10.00', 'Test', now()) RETURNING id`,
    [owner.id, unique("PUSH")],
  );
  await sql().query(`INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal) VALUES ($1, $2, 1, '10.00', '10.00')`, [order[0].id, deviceId]);
}, 60_000);

afterAll(async () => {
  await sql().query(`DELETE FROM t_push_subscriptions WHERE endpoint LIKE $1`, [`${origin}/push/%`]);
  agent?.destroy();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(tls, { recursive: true, force: true });
});

const subscribe = (token: string, url: string, keys: { p256dh: string; auth: string }) =>
  api("/api/push/subscriptions", { method: "POST", token, json: { endpoint: url, expirationTime: null, keys } });

describe("web push subscriptions", () => {
  it("each user subscribes their own browsers; endpoints must be a known push service over https", async () => {
    expect((await subscribe(owner.token, endpoints.owner, browsers.owner.json)).status).toBe(201);
    expect((await subscribe(owner.token, endpoints.old, browsers.old.json)).status).toBe(201);
    expect((await subscribe(stranger.token, endpoints.stranger, browsers.stranger.json)).status).toBe(201);
    expect((await subscribe(await adminToken(), endpoints.admin, browsers.admin.json)).status).toBe(201);
    expect(await countRows("t_push_subscriptions", "endpoint LIKE $1", [`${origin}/push/%`])).toBe(4);

    for (const hostile of ["https://169.254.169.254/latest/meta-data", "https://evil.example.com/push/x", origin.replace("https:", "http:") + "/push/x", "file:///etc/passwd"]) {
      const res = await subscribe(owner.token, hostile, browsers.owner.json);
      expect(res.status, hostile).toBe(422);
      expect(errorCode(res)).toBe("validation_failed");
    }
    expect((await api("/api/push/subscriptions", { method: "POST", json: { endpoint: endpoints.owner, keys: browsers.owner.json } })).status).toBe(401);
    // Someone else's subscription cannot be removed, nor learned about.
    const other = await api("/api/push/subscriptions", { method: "DELETE", token: stranger.token, json: { endpoint: endpoints.owner } });
    expect(other.status).toBe(404);
    expect(await countRows("t_push_subscriptions", "endpoint = $1", [endpoints.owner])).toBe(1);
  });
});

describe("web push delivery", () => {
  const alert = (severity: AlertDoc["severity"]): AlertDoc => {
    const at = new Date();
    return {
      _id: new ObjectId(),
      device_id: deviceId,
      alert_type: "temperature_high",
      severity,
      message: "temperature 92.5 above 80 for 3 readings",
      acknowledged: false,
      created_at: at,
      status: "open",
      slot: "open",
      count: 3,
      first_seen_at: at,
      last_seen_at: at,
      metric: "temperature",
      value: 92.5,
      threshold: 80,
      // Staff data that must never reach a notification.
      ack_note: "internal: call the installer",
      acknowledged_by: { id: 1, email: ADMIN.email },
    };
  };

  it("pushes a raised critical alert to the admin and the device's owner only, encrypted to each browser and signed with VAPID; expired subscriptions are deleted", async () => {
    const pusher = new AlertPusher(vapid, { agent });
    pusher.notify({ action: "raised", alert: alert("warning") });
    pusher.notify({ action: "updated", alert: alert("critical") });
    await pusher.drain();
    expect(received).toHaveLength(0);

    const critical = alert("critical");
    pusher.notify({ action: "raised", alert: critical });
    await pusher.drain();
    const paths = received.map((r) => r.path).sort();
    expect(paths).toEqual([endpoints.admin, endpoints.old, endpoints.owner].map((e) => new URL(e).pathname).sort());

    for (const who of ["owner", "admin"] as const) {
      const request = received.find((r) => r.path === new URL(endpoints[who]).pathname)!;
      expect(request.headers["content-encoding"]).toBe("aes128gcm");
      expect(request.headers.urgency).toBe("high");
      const claims = await verifyVapid(request.headers.authorization as string, vapid.publicKey);
      expect(claims.sub).toBe(vapid.subject);
      expect(claims.exp! * 1000).toBeGreaterThan(Date.now());
      const text = decrypt(request.body, browsers[who]);
      const payload = JSON.parse(text);
      expect(payload).toEqual({
        v: 1,
        kind: "alert",
        title: `Critical: temperature high on ${deviceName} (#${deviceId})`,
        body: "temperature 92.5 above 80 for 3 readings",
        alertId: critical._id.toHexString(),
        deviceId,
        alertType: "temperature_high",
        severity: "critical",
        url: `/monitoring/devices/${deviceId}`,
        at: critical.created_at.toISOString(),
      });
      expect(text).not.toContain("internal");
      expect(text).not.toContain(ADMIN.email);
    }
    // The push service answered 410 for the owner's old browser: that subscription is gone, the others stay.
    expect(await countRows("t_push_subscriptions", "endpoint = $1", [endpoints.old])).toBe(0);
    expect(await countRows("t_push_subscriptions", "endpoint = ANY($1)", [[endpoints.owner, endpoints.admin, endpoints.stranger]])).toBe(3);
    expect(pusher).toMatchObject({ sent: 2, expired: 1, failed: 0 });
  });

  it("a user who turns notifications off gets no more pushes", async () => {
    const off = await api("/api/push/subscriptions", { method: "DELETE", token: await tokenFor(owner.email, owner.password), json: { endpoint: endpoints.owner } });
    expect(off.status).toBe(204);
    received.length = 0;
    const pusher = new AlertPusher(vapid, { agent });
    pusher.notify({ action: "raised", alert: alert("critical") });
    await pusher.drain();
    expect(received.map((r) => r.path)).toEqual([new URL(endpoints.admin).pathname]);
  });
});
