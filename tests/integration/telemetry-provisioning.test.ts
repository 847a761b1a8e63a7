import { afterAll, describe, expect, it } from "vitest";
import { adminToken, api, countRows, errorCode, newCustomer, newDevice } from "./helpers";
import { closeTelemetryClients, fieldDevice, ingest, reading } from "./telemetry-helpers";

afterAll(closeTelemetryClients);

describe("device configuration", () => {
  const config = {
    reportingIntervalSec: 30,
    metrics: ["temperature", "humidity", "battery_level"],
    thresholds: { temperature: { max: 40, severity: "critical" }, battery_level: { min: 15 } },
    firmwareVersion: "1.4.2",
    locationLabel: "Warehouse B, rack 3",
  };

  it("starts at version 0 with defaults and keeps each change as a new version with who and when", async () => {
    const device = await newDevice();
    const token = await adminToken();
    const initial = await api(`/api/devices/${device.id}/config`, { token });
    expect(initial.status).toBe(200);
    expect(initial.body.version).toBe(0);

    const first = await api(`/api/devices/${device.id}/config`, { method: "PUT", token, json: config });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, config, createdBy: "admin@example.com" });
    const second = await api(`/api/devices/${device.id}/config`, { method: "PUT", token, json: { ...config, reportingIntervalSec: 10 } });
    expect(second.body.version).toBe(2);

    const read = await api(`/api/devices/${device.id}/config`, { token });
    expect(read.body.config.reportingIntervalSec).toBe(10);
    expect(await countRows("t_device_configs", "device_id = $1", [device.id])).toBe(2);
    expect(await countRows("t_audit_events", "entity_id = $1 AND action = 'config_updated'", [device.id])).toBe(2);
  });

  it("rejects an invalid configuration naming the field, and saves nothing", async () => {
    const device = await newDevice();
    const token = await adminToken();
    const bad = await api(`/api/devices/${device.id}/config`, {
      method: "PUT",
      token,
      json: { ...config, metrics: ["temperature", "pressure"], thresholds: { humidity: { min: 80, max: 20 } } },
    });
    expect(bad.status).toBe(422);
    expect(errorCode(bad)).toBe("validation_failed");
    const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain("metrics.1");
    expect(await countRows("t_device_configs", "device_id = $1", [device.id])).toBe(0);
  });

  it("is for admins only", async () => {
    const device = await newDevice();
    const customer = await newCustomer();
    const res = await api(`/api/devices/${device.id}/config`, { method: "PUT", token: customer.token, json: config });
    expect(res.status).toBe(403);
    expect((await api(`/api/devices/${device.id}/credentials`, { method: "POST", token: customer.token })).status).toBe(403);
    expect((await api(`/api/devices/999999999/config`, { token: await adminToken() })).status).toBe(404);
  });
});

describe("device credentials", () => {
  it("issues a token shown once, stores only its hash, rotates and revokes", async () => {
    const device = await fieldDevice();
    expect(device.token.startsWith(device.prefix)).toBe(true);
    expect(await countRows("t_device_credentials", "device_id = $1 AND token_hash <> $2 AND revoked_at IS NULL", [device.id, device.token])).toBe(1);
    expect(await countRows("t_device_credentials", "token_hash = $1", [device.token])).toBe(0);
    expect((await ingest(device.token, reading())).status).toBe(202);

    const list = await api(`/api/devices/${device.id}/credentials`, { token: await adminToken() });
    expect(list.body.items[0]).toMatchObject({ prefix: device.prefix, active: true });
    expect(JSON.stringify(list.body)).not.toContain(device.token);
    const lastUsed = await countRows("t_device_credentials", "device_id = $1 AND last_used_at IS NOT NULL", [device.id]);
    expect(lastUsed).toBe(1);

    // Rotation: the new token works, the old one stops at once.
    const rotated = await api(`/api/devices/${device.id}/credentials`, { method: "POST", token: await adminToken() });
    expect(rotated.status).toBe(201);
    const old = await ingest(device.token, reading());
    expect(old.status).toBe(401);
    expect(errorCode(old)).toBe("unauthorized");
    expect((await ingest(rotated.body.token, reading())).status).toBe(202);

    // Revocation.
    const revoke = await api(`/api/devices/${device.id}/credentials`, { method: "DELETE", token: await adminToken() });
    expect(revoke.status).toBe(204);
    expect((await ingest(rotated.body.token, reading())).status).toBe(401);
    expect(await countRows("t_audit_events", "entity_id = $1 AND action LIKE 'credentials_%'", [device.id])).toBe(3);
  });

  it("refuses the user API token, garbage and no token", async () => {
    expect((await ingest(await adminToken(), reading())).status).toBe(401);
    expect((await ingest("dvt_not-a-real-token", reading())).status).toBe(401);
    const none = await api("/api/ingest", { method: "POST", json: reading() });
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe("unauthorized");
  });

  it("lets a token post for its own device only, and refuses units not in the field", async () => {
    const a = await fieldDevice();
    const b = await fieldDevice();
    // The device comes from the token; a body naming another device is refused outright.
    const forged = await ingest(a.token, { ...reading(), deviceId: b.id });
    expect(forged.status).toBe(422);
    expect(errorCode(forged)).toBe("validation_failed");

    const inStock = await fieldDevice({ delivered: false });
    const refused = await ingest(inStock.token, reading());
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe("forbidden");
    expect(refused.body.error.message).toContain("in_stock");
  });
});
