import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, adminToken, api, countRows, errorCode, newCustomer, newDevice, sql, unique } from "./helpers";

/** The inventory API over HTTP against the real server and database: roles, audit, lists, delete. */

let admin: string;
let customer: Awaited<ReturnType<typeof newCustomer>>;
let inStock: Awaited<ReturnType<typeof newDevice>>;
let inMaintenance: Awaited<ReturnType<typeof newDevice>>;

const auditRows = async (deviceId: number, action?: string) =>
  (
    await sql().query(
      `SELECT action, from_status, to_status, reason, actor_label, data FROM t_audit_events
       WHERE entity_type = 'device' AND entity_id = $1 ${action ? "AND action = $2" : ""} ORDER BY id`,
      action ? [deviceId, action] : [deviceId],
    )
  ).rows;

beforeAll(async () => {
  admin = await adminToken();
  customer = await newCustomer();
  inStock = await newDevice();
  inMaintenance = await newDevice();
  const moved = await api(`/api/devices/${inMaintenance.id}/status`, {
    method: "PUT",
    token: admin,
    json: { status: "maintenance", reason: "firmware check" },
  });
  expect(moved.status).toBe(200);
});

describe("role matrix", () => {
  const writes = () => [
    { method: "POST", path: "/api/devices", json: { serialNumber: unique("SN"), name: "x", type: "sensor", model: "m", price: 1 } },
    { method: "PUT", path: `/api/devices/${inStock.id}`, json: { name: "Renamed" } },
    { method: "DELETE", path: `/api/devices/${inStock.id}` },
    { method: "PUT", path: `/api/devices/${inStock.id}/status`, json: { status: "defective", reason: "dropped it" } },
  ];
  const reads = () => ["/api/devices", `/api/devices/${inStock.id}`, `/api/devices/${inStock.id}/history`];

  it("answers 401 with the envelope to anonymous callers on every endpoint, and writes nothing", async () => {
    const before = await countRows("t_devices");
    for (const w of writes()) {
      const res = await api(w.path, { method: w.method, json: w.json });
      expect(res.status, `${w.method} ${w.path}`).toBe(401);
      expect(errorCode(res)).toBe("unauthorized");
    }
    for (const path of reads()) {
      const res = await api(path);
      expect(res.status, path).toBe(401);
      expect(errorCode(res)).toBe("unauthorized");
    }
    expect(await countRows("t_devices")).toBe(before);
    expect((await api(`/api/devices/${inStock.id}`)).status).toBe(401);
  });

  it("treats a forged or garbage bearer token as anonymous", async () => {
    const res = await api("/api/devices", { token: "not.a.token" });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("unauthorized");
  });

  it("answers 403 to a customer on every write and leaves the unit untouched", async () => {
    const auditBefore = await countRows("t_audit_events", "entity_type = 'device' AND entity_id = $1", [inStock.id]);
    const devicesBefore = await countRows("t_devices");
    for (const w of writes()) {
      const res = await api(w.path, { method: w.method, json: w.json, token: customer.token });
      expect(res.status, `${w.method} ${w.path}`).toBe(403);
      expect(errorCode(res)).toBe("forbidden");
    }
    const after = await api(`/api/devices/${inStock.id}`, { token: admin });
    expect(after.body).toMatchObject({ name: inStock.name, status: "in_stock" });
    expect(await countRows("t_devices")).toBe(devicesBefore);
    expect(await countRows("t_audit_events", "entity_type = 'device' AND entity_id = $1", [inStock.id])).toBe(auditBefore);
  });

  it("answers 403 to a customer on non-catalog reads: other statuses and history", async () => {
    for (const path of ["/api/devices?status=sold", "/api/devices?status=maintenance", `/api/devices/${inStock.id}/history`]) {
      const res = await api(path, { token: customer.token });
      expect(res.status, path).toBe(403);
      expect(errorCode(res)).toBe("forbidden");
    }
  });

  it("shows a customer only in-stock units, and hides the others as 404", async () => {
    const list = await api("/api/devices?limit=100&sort=-createdAt", { token: customer.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((d: { status: string }) => d.status === "in_stock")).toBe(true);
    const ids = list.body.items.map((d: { id: number }) => d.id);
    expect(ids).toContain(inStock.id);
    expect(ids).not.toContain(inMaintenance.id);
    expect((await api("/api/devices?status=in_stock", { token: customer.token })).status).toBe(200);

    expect((await api(`/api/devices/${inStock.id}`, { token: customer.token })).body.serialNumber).toBe(inStock.serialNumber);
    const hidden = await api(`/api/devices/${inMaintenance.id}`, { token: customer.token });
    expect(hidden.status).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
  });

  it("lets an admin read units in any status, with history", async () => {
    const res = await api(`/api/devices/${inMaintenance.id}`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("maintenance");
    const history = await api(`/api/devices/${inMaintenance.id}/history`, { token: admin });
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(["created", "status_changed"]);
    expect(history.body.items[1]).toMatchObject({ fromStatus: "in_stock", toStatus: "maintenance", reason: "firmware check", actor: ADMIN.email });
  });
});

describe("admin writes, each with its audit event", () => {
  it("creates a unit in stock, with money as an exact decimal string", async () => {
    const serialNumber = unique("SN");
    const res = await api("/api/devices", {
      method: "POST",
      token: admin,
      json: { serialNumber, name: "Gateway", type: "gateway", model: "GW-1", price: 19.99, specifications: { ports: 2 } },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ serialNumber, status: "in_stock", price: "19.99", specifications: { ports: 2 }, description: null });
    const { rows } = await sql().query("SELECT price::text AS price FROM t_devices WHERE id = $1", [res.body.id]);
    expect(rows[0].price).toBe("19.99");
    expect(await auditRows(res.body.id)).toEqual([
      expect.objectContaining({ action: "created", to_status: "in_stock", actor_label: ADMIN.email }),
    ]);
  });

  it("refuses a second unit with the same serial number (409) and keeps one row", async () => {
    const device = await newDevice();
    const res = await api("/api/devices", {
      method: "POST",
      token: admin,
      json: { serialNumber: device.serialNumber, name: "Dup", type: "sensor", model: "m", price: "1" },
    });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe("conflict");
    expect(await countRows("t_devices", "serial_number = $1", [device.serialNumber])).toBe(1);
  });

  it("updates fields and records which ones changed", async () => {
    const device = await newDevice();
    const res = await api(`/api/devices/${device.id}`, { method: "PUT", token: admin, json: { name: "Renamed", price: "12.50" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Renamed", price: "12.50", serialNumber: device.serialNumber });
    const updated = await auditRows(device.id, "updated");
    expect(updated).toHaveLength(1);
    expect(updated[0].data.fields.sort()).toEqual(["name", "price"]);
  });

  it("changes status along the manual lifecycle with a reason, and refuses illegal moves with 409 naming the allowed states", async () => {
    const device = await newDevice();
    const ok = await api(`/api/devices/${device.id}/status`, { method: "PUT", token: admin, json: { status: "defective", reason: "cracked case" } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("defective");
    expect(await auditRows(device.id, "status_changed")).toEqual([
      expect.objectContaining({ from_status: "in_stock", to_status: "defective", reason: "cracked case", actor_label: ADMIN.email }),
    ]);

    for (const status of ["sold", "reserved", "deployed"]) {
      const bad = await api(`/api/devices/${device.id}/status`, { method: "PUT", token: admin, json: { status, reason: "trying" } });
      expect(bad.status, status).toBe(409);
      expect(errorCode(bad)).toBe("invalid_transition");
      expect(bad.body.error.details.allowed).toEqual(["maintenance", "in_stock"]);
      expect(bad.body.error.message).toContain("maintenance");
    }
    expect(await auditRows(device.id, "status_changed")).toHaveLength(1);
    expect((await api(`/api/devices/${device.id}`, { token: admin })).body.status).toBe("defective");
  });

  it("refuses to send a never-deployed unit back to deployed", async () => {
    const device = await newDevice();
    await api(`/api/devices/${device.id}/status`, { method: "PUT", token: admin, json: { status: "maintenance", reason: "check" } });
    const res = await api(`/api/devices/${device.id}/status`, { method: "PUT", token: admin, json: { status: "deployed", reason: "back" } });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe("invalid_transition");
  });

  it("deletes a unit that was never ordered, auditing it; it is then gone", async () => {
    const device = await newDevice();
    const res = await api(`/api/devices/${device.id}`, { method: "DELETE", token: admin });
    expect(res.status).toBe(204);
    expect(await countRows("t_devices", "id = $1", [device.id])).toBe(0);
    expect(await auditRows(device.id, "deleted")).toEqual([
      expect.objectContaining({ from_status: "in_stock", actor_label: ADMIN.email, data: { serialNumber: device.serialNumber } }),
    ]);
    const again = await api(`/api/devices/${device.id}`, { token: admin });
    expect(again.status).toBe(404);
    expect(errorCode(again)).toBe("not_found");
  });

  it("refuses (409) to delete a unit that was ordered, and keeps it", async () => {
    const device = await newDevice();
    const { rows } = await sql().query(
      `INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, updated_at)
       VALUES ($1, $2, 'pending', 10.00, '1 Test Street', now()) RETURNING id`,
      [customer.id, unique("ORD")],
    );
    await sql().query("INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal) VALUES ($1, $2, 1, 10.00, 10.00)", [
      rows[0].id,
      device.id,
    ]);
    const res = await api(`/api/devices/${device.id}`, { method: "DELETE", token: admin });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe("conflict");
    expect(res.body.error.message).toMatch(/ordered/);
    expect(await countRows("t_devices", "id = $1", [device.id])).toBe(1);
    expect(await auditRows(device.id, "deleted")).toHaveLength(0);
  });

  it("answers 404 for ids that name nothing", async () => {
    for (const path of ["/api/devices/999999999", "/api/devices/abc", "/api/devices/0", "/api/devices/1e3", "/api/devices/99999999999/history"]) {
      const res = await api(path, { token: admin });
      expect(res.status, path).toBe(404);
      expect(errorCode(res)).toBe("not_found");
    }
    const put = await api("/api/devices/999999999", { method: "PUT", token: admin, json: { name: "x" } });
    expect(put.status).toBe(404);
    const status = await api("/api/devices/999999999/status", { method: "PUT", token: admin, json: { status: "defective", reason: "gone" } });
    expect(status.status).toBe(404);
    const del = await api("/api/devices/999999999", { method: "DELETE", token: admin });
    expect(del.status).toBe(404);
  });
});

describe("list: filters, sort, pagination, total", () => {
  const type = unique("type").toLowerCase();
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    for (const [name, price] of [["Charlie", "30.00"], ["alpha", "10.00"], ["Bravo", "20.00"], ["Delta", "5.50"]] as const) {
      ids[name] = (await newDevice({ name, price, type, model: `M-${name}` })).id;
    }
    await api(`/api/devices/${ids.Delta}/status`, { method: "PUT", token: admin, json: { status: "defective", reason: "dead on arrival" } });
  });

  const list = (qs: string) => api(`/api/devices?type=${type}&${qs}`, { token: admin });

  it("filters by type and status, with the total", async () => {
    const all = await list("limit=100");
    expect(all.body.total).toBe(4);
    const stocked = await list("status=in_stock");
    expect(stocked.body.total).toBe(3);
    expect(stocked.body.items.map((d: { name: string }) => d.name).sort()).toEqual(["Bravo", "Charlie", "alpha"]);
    const defective = await list("status=defective");
    expect(defective.body.items.map((d: { id: number }) => d.id)).toEqual([ids.Delta]);
  });

  it("searches name, model and serial case-insensitively", async () => {
    expect((await list("q=ALPHA")).body.items.map((d: { id: number }) => d.id)).toEqual([ids.alpha]);
    expect((await list("q=m-bravo")).body.items.map((d: { id: number }) => d.id)).toEqual([ids.Bravo]);
    const serial = (await api(`/api/devices/${ids.Charlie}`, { token: admin })).body.serialNumber as string;
    expect((await api(`/api/devices?q=${serial.slice(3).toLowerCase()}`, { token: admin })).body.items.map((d: { id: number }) => d.id)).toEqual([ids.Charlie]);
    // LIKE wildcards and quotes are plain text, not patterns or SQL.
    for (const q of ["%", "_", "'", "\\"]) {
      const res = await list(`q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.body.total, q).toBe(0);
    }
  });

  it("sorts by a whitelisted field in both directions", async () => {
    expect((await list("sort=price")).body.items.map((d: { name: string }) => d.name)).toEqual(["Delta", "alpha", "Bravo", "Charlie"]);
    expect((await list("sort=-price")).body.items.map((d: { name: string }) => d.name)).toEqual(["Charlie", "Bravo", "alpha", "Delta"]);
    expect((await list("sort=createdAt")).body.items.map((d: { name: string }) => d.name)).toEqual(["Charlie", "alpha", "Bravo", "Delta"]);
  });

  it("pages with a keyset cursor: no overlap, no gap, stable total", async () => {
    const first = await list("sort=price&limit=3");
    expect(first.body.items).toHaveLength(3);
    expect(first.body.total).toBe(4);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list(`sort=price&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((d: { name: string }) => d.name)).toEqual(["Charlie"]);
    expect(second.body.total).toBe(4);
    expect(second.body.nextCursor).toBeNull();
  });

  it("rejects unknown sort fields, limits over 100, bad cursors and unknown parameters with 422 naming them", async () => {
    for (const [qs, field] of [
      ["sort=password", "sort"],
      ["limit=101", "limit"],
      ["limit=abc", "limit"],
      ["cursor=garbage", "cursor"],
      ["status=lost", "status"],
      ["orderBy=name", "orderBy"],
    ]) {
      const res = await list(qs);
      expect(res.status, qs).toBe(422);
      expect(errorCode(res)).toBe("validation_failed");
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field), qs).toContain(field);
    }
  });
});

describe("search text of any length and script", () => {
  const type = unique("type").toLowerCase();
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    for (const [key, name, model] of [
      ["german", "Überwachung Gerät", "Straße-9"],
      ["greek", "Αισθητήρας θερμότητας", "ΣΙΓΜΑ-7"],
      ["rocket", "Rocket 🚀 probe", "RK-1"],
    ] as const) {
      ids[key] = (await newDevice({ name, type, model })).id;
    }
  });

  const search = async (q: string) => {
    const res = await api(`/api/devices?type=${type}&q=${encodeURIComponent(q)}`, { token: admin });
    expect(res.status, q).toBe(200);
    expect(res.body.total, q).toBe(res.body.items.length);
    return res.body.items.map((d: { id: number }) => d.id).sort((a: number, b: number) => a - b);
  };
  const all = () => Object.values(ids).sort((a, b) => a - b);

  it("finds a unit by any part of its name or model, beyond ASCII", async () => {
    expect(await search("ÜBERWACH")).toEqual([ids.german]);
    expect(await search("gerät")).toEqual([ids.german]);
    expect(await search("ße-9")).toEqual([ids.german]);
    expect(await search("θερμ")).toEqual([ids.greek]);
    expect(await search("ΓΜΑ-7")).toEqual([ids.greek]);
    expect(await search("t 🚀 p")).toEqual([ids.rocket]);
  });

  // Under three characters there are no trigrams for the search index to use: still the same answers.
  it("answers one- and two-character, punctuation-only and blank searches like any other", async () => {
    expect(await search("ä")).toEqual([ids.german]);
    expect(await search("🚀")).toEqual([ids.rocket]);
    expect(await search("ET")).toEqual([ids.rocket]);
    expect(await search("-")).toEqual(all());
    expect(await search("   ")).toEqual(all());
    expect(await search("x".repeat(100))).toEqual([]);
  });
});
