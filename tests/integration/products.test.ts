import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, api, errorCode, newCustomer, newDevice, publishProduct, sql, unique, type ApiResponse } from "./helpers";
import { placeOrder, shipOrder } from "./order-helpers";

/** Products managed as products (issue 11): drafts, editing once, publishing, pictures. */

let admin: string;
let customer: Awaited<ReturnType<typeof newCustomer>>;

beforeAll(async () => {
  admin = await adminToken();
  customer = await newCustomer();
});

const catalogEntry = async (model: string) =>
  (await api("/api/catalog", { token: customer.token })).body.items.filter((p: { model: string }) => p.model === model);

const productFor = async (type: string, model: string) => {
  const res = await api(`/api/products?type=${encodeURIComponent(type)}&model=${encodeURIComponent(model)}`, { token: admin });
  expect(res.status).toBe(200);
  return res.body.items[0] as { id: number; name: string; published: boolean; units: { inStock: number; total: number }; picture: { url: string } | null };
};

/** Units of a fresh type and model whose product stays a draft. */
async function draft(count = 2, fields: Record<string, unknown> = {}) {
  const model = unique("PR");
  const units = [];
  for (let i = 0; i < count; i++) units.push(await newDevice({ model, name: `Sec unit ${i + 1}`, price: `${10 + i}.00`, publish: false, ...fields }));
  const product = await productFor("sensor", model);
  return { model, units, product };
}

const patch = (id: number, json: unknown, token: string | null = admin) => api(`/api/products/${id}`, { method: "PATCH", token, json });

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR-and-the-rest-of-a-tiny-png")]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF-body")]);
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x10, 0, 0, 0]), Buffer.from("WEBPVP8 body")]);
const putPicture = (id: number, body: Buffer, contentType: string, token: string | null = admin) =>
  api(`/api/products/${id}/picture`, { method: "PUT", token, body: new Uint8Array(body), headers: { "content-type": contentType } });

const expectError = (res: ApiResponse, status: number, code: string) => expect([res.status, errorCode(res)]).toEqual([status, code]);

describe("a unit of a new type and model creates a draft product", () => {
  it("named after the first unit, unpublished, absent from the catalog, and cannot be ordered", async () => {
    const { model, units, product } = await draft(2);
    expect(product).toMatchObject({ name: "Sec unit 1", published: false, units: { inStock: 2, total: 2 } });
    expect(await catalogEntry(model)).toEqual([]);

    const byProduct = await placeOrder(customer.token, [{ type: "sensor", model, quantity: 1 }]);
    expectError(byProduct, 409, "conflict");
    expect(byProduct.body.error.message).toMatch(/not published/);
    const byUnit = await placeOrder(customer.token, [{ deviceId: units[0].id }]);
    expectError(byUnit, 409, "conflict");
    const { rows } = await sql().query("SELECT status FROM t_devices WHERE id = ANY($1::int[])", [units.map((u) => u.id)]);
    expect(rows.every((r) => r.status === "in_stock")).toBe(true);
  });

  it("from a CSV import too, and a unit moved to a new model gets that model's draft", async () => {
    const model = unique("CSV");
    const csv = `serialNumber,name,type,model,price\n${unique("SN")},Imported Probe,probe,${model},5.00\n`;
    const res = await api("/api/devices/import?dryRun=false", { method: "POST", token: admin, body: csv, headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(200);
    expect(await productFor("probe", model)).toMatchObject({ name: "Imported Probe", published: false, units: { total: 1 } });

    const unit = await newDevice({ publish: false });
    const moved = unique("MV");
    expect((await api(`/api/devices/${unit.id}`, { method: "PUT", token: admin, json: { model: moved } })).status).toBe(200);
    expect(await productFor("sensor", moved)).toMatchObject({ published: false, units: { total: 1 } });
  });

  it("an existing product is kept as the admin left it when more units arrive", async () => {
    const { model, product } = await draft(1);
    expect((await patch(product.id, { name: "Edited once" })).status).toBe(200);
    await newDevice({ model, name: "Another unit name", publish: false });
    expect(await productFor("sensor", model)).toMatchObject({ name: "Edited once", units: { total: 2 } });
  });
});

describe("admins edit a product once; the catalog shows it for every unit", () => {
  it("edits name, description and specifications, publishes, and customers see one entry with the product's text", async () => {
    const { model, product } = await draft(3);
    const edited = await patch(product.id, {
      name: "Security Sensor",
      description: "Door and window contact",
      specifications: { battery: "CR2032", range: "30 m" },
      published: true,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: "Security Sensor", published: true, specifications: { battery: "CR2032", range: "30 m" } });

    const entries = await catalogEntry(model);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: product.id,
      name: "Security Sensor",
      description: "Door and window contact",
      specifications: { battery: "CR2032", range: "30 m" },
      price: "10.00",
      maxPrice: "12.00",
      available: 3,
      pictureUrl: null,
    });

    // Every unit, whichever is cheapest at the moment, shows under the product's name.
    const first = await placeOrder(customer.token, [{ type: "sensor", model, quantity: 1 }]);
    expect(first.status).toBe(201);
    expect(await catalogEntry(model)).toEqual([expect.objectContaining({ name: "Security Sensor", price: "11.00", available: 2 })]);

    // The customer sees the published product, without stock records or the draft flag.
    const seen = await api(`/api/products/${product.id}`, { token: customer.token });
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      id: product.id,
      type: "sensor",
      model,
      name: "Security Sensor",
      description: "Door and window contact",
      specifications: { battery: "CR2032", range: "30 m" },
      picture: null,
    });

    // Unpublishing takes it out of the shop again; nothing already ordered changes.
    expect((await patch(product.id, { published: false })).status).toBe(200);
    expect(await catalogEntry(model)).toEqual([]);
    expect((await api(`/api/orders/${first.body.id}`, { token: customer.token })).body.status).toBe("pending");
    const audits = await sql().query("SELECT action FROM t_audit_events WHERE entity_type = 'product' AND entity_id = $1 ORDER BY id", [product.id]);
    expect(audits.rows.map((r) => r.action)).toEqual(["published", "unpublished"]);
  });
});

describe("orders show each unit as its product", () => {
  const ITEM_FIELDS = ["deviceId", "deviceStatus", "id", "model", "name", "quantity", "serialNumber", "subtotal", "type", "unitPrice"];

  it("by the product's name in the placed order and in both views of it, the unit's own name only without a product", async () => {
    const { model, units, product } = await draft(2);
    expect((await patch(product.id, { name: "Harbour Thermometer", published: true })).status).toBe(200);
    const placed = await placeOrder(customer.token, [{ type: "sensor", model, quantity: 2 }]);
    expect(placed.status).toBe(201);
    expect(placed.body.items.map((i: { name: string }) => i.name)).toEqual(["Harbour Thermometer", "Harbour Thermometer"]);

    for (const token of [customer.token, admin]) {
      const order = await api(`/api/orders/${placed.body.id}`, { token });
      expect(order.status).toBe(200);
      expect(order.body.items.map((i: { name: string }) => i.name)).toEqual(["Harbour Thermometer", "Harbour Thermometer"]);
      // Still the allow-listed fields only, for the customer as for the admin.
      for (const item of order.body.items) expect(Object.keys(item).sort()).toEqual(ITEM_FIELDS);
    }

    // A later rename shows on the order too: it names the product, not a copy taken at checkout.
    await patch(product.id, { name: "Harbour Thermometer Pro" });
    expect((await api(`/api/orders/${placed.body.id}`, { token: customer.token })).body.items[0].name).toBe("Harbour Thermometer Pro");

    // Units older than products have no product row: they keep their own names.
    await sql().query("DELETE FROM t_products WHERE id = $1", [product.id]);
    const orphaned = await api(`/api/orders/${placed.body.id}`, { token: customer.token });
    expect(orphaned.status).toBe(200);
    expect(orphaned.body.items.map((i: { name: string }) => i.name).sort()).toEqual(units.map((u) => u.name).sort());
  });

  it("by the product's name on its parcels too, in the list, the parcel and the order, for both views", async () => {
    const { model, product } = await draft(2);
    expect((await patch(product.id, { name: "Quay Barometer", published: true })).status).toBe(200);
    const placed = await placeOrder(customer.token, [{ type: "sensor", model, quantity: 2 }]);
    expect(placed.status).toBe(201);
    const parcel = await shipOrder(placed.body.id);
    const names = (devices: Array<{ name: string }>) => devices.map((d) => d.name);
    expect(names(parcel.devices)).toEqual(["Quay Barometer", "Quay Barometer"]);

    for (const token of [customer.token, admin]) {
      const one = await api(`/api/deliveries/${parcel.id}`, { token });
      expect(one.status).toBe(200);
      expect(names(one.body.devices)).toEqual(["Quay Barometer", "Quay Barometer"]);
      const list = await api(`/api/deliveries?orderId=${placed.body.id}`, { token });
      expect(list.body.items.map((d: { devices: Array<{ name: string }> }) => names(d.devices))).toEqual([["Quay Barometer", "Quay Barometer"]]);
      const order = await api(`/api/orders/${placed.body.id}`, { token });
      expect(names(order.body.deliveries[0].devices)).toEqual(["Quay Barometer", "Quay Barometer"]);
    }
  });
});

describe("customers", () => {
  it("cannot edit (403) and do not see unpublished products (404, absent from the list)", async () => {
    const { model, product, units } = await draft(1);
    // Nor its units, which are not for sale yet.
    expectError(await api(`/api/devices/${units[0].id}`, { token: customer.token }), 404, "not_found");
    expect((await api(`/api/devices?model=${model}`, { token: customer.token })).body).toMatchObject({ items: [], total: 0 });
    expect((await api(`/api/devices?model=${model}`, { token: admin })).body.total).toBe(1);
    const refused = await patch(product.id, { name: "Hijacked" }, customer.token);
    expectError(refused, 403, "forbidden");
    // A sentence, not the permission's name ("Your role may not product write").
    expect(refused.body.error.message).toBe("Only admins may edit products");
    expectError(await api(`/api/products/${product.id}`, { token: customer.token }), 404, "not_found");
    const list = await api(`/api/products?q=${model}`, { token: customer.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expectError(await api(`/api/products/${product.id}`), 401, "unauthorized");
    expect((await productFor("sensor", model)).name).toBe("Sec unit 1");
  });
});

describe("pictures", () => {
  it("PNG, JPEG and WebP are stored by their bytes; a published picture is public and cached by version", async () => {
    const { model, product } = await draft(1);
    const up = await putPicture(product.id, PNG, "image/png");
    expect(up.status).toBe(200);
    expect(up.body.picture).toMatchObject({ contentType: "image/png", byteSize: PNG.length, url: expect.stringMatching(/^\/api\/products\/\d+\/picture\?v=[0-9a-f]+$/) });

    // A draft's picture: admins only.
    expectError(await api(up.body.picture.url, { token: customer.token }), 404, "not_found");
    expectError(await api(up.body.picture.url), 404, "not_found");
    expect((await fetch(`${process.env.TEST_BASE_URL ?? "http://127.0.0.1:3100"}${up.body.picture.url}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);

    await publishProduct("sensor", model);
    const [entry] = await catalogEntry(model);
    expect(entry.pictureUrl).toBe(up.body.picture.url);
    const res = await fetch(`${process.env.TEST_BASE_URL ?? "http://127.0.0.1:3100"}${entry.pictureUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const again = await fetch(`${process.env.TEST_BASE_URL ?? "http://127.0.0.1:3100"}${entry.pictureUrl}`, { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);

    // A new picture gets a new URL; JPEG and WebP are accepted too.
    const jpeg = await putPicture(product.id, JPEG, "image/jpeg");
    expect(jpeg.body.picture.contentType).toBe("image/jpeg");
    expect(jpeg.body.picture.url).not.toBe(up.body.picture.url);
    expect((await putPicture(product.id, WEBP, "image/webp")).body.picture.contentType).toBe("image/webp");
  });

  it("refuses what is not an image (415), more than 1 MB (413), customers (403) and unknown products (404)", async () => {
    const { product } = await draft(1);
    expectError(await putPicture(product.id, Buffer.from("MZ this is not a png"), "image/png"), 415, "unsupported_media_type");
    expectError(await putPicture(product.id, Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/svg+xml"), 415, "unsupported_media_type");
    expectError(await putPicture(product.id, PNG, "text/plain"), 415, "unsupported_media_type");
    expectError(await putPicture(product.id, Buffer.alloc(0), "image/png"), 415, "unsupported_media_type");
    expectError(await putPicture(product.id, Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]), "image/png"), 413, "payload_too_large");
    expectError(await putPicture(product.id, PNG, "image/png", customer.token), 403, "forbidden");
    expectError(await putPicture(2_000_000_000, PNG, "image/png"), 404, "not_found");
    expect((await productFor("sensor", (await api(`/api/products/${product.id}`, { token: admin })).body.model)).picture).toBeNull();
  });
});

describe("bad input is a 4xx envelope naming the field, never a 500", () => {
  it.each([
    ["empty name", { name: "  " }, "name"],
    ["name too long", { name: "x".repeat(101) }, "name"],
    ["unknown field", { price: "1.00" }, "price"],
    ["type cannot change", { type: "gateway" }, "type"],
    ["published not a boolean", { published: "yes" }, "published"],
    ["specifications not an object", { specifications: ["a"] }, "specifications"],
    ["NUL in the description", { description: "a\u0000b" }, "description"],
    ["nothing to change", {}, "(body)"],
  ])("%s → 422", async (_label, body, field) => {
    const { product } = await draftOnce();
    const res = await patch(product.id, body);
    expectError(res, 422, "validation_failed");
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it("malformed JSON, wrong content type, bad ids and bad queries", async () => {
    const { product } = await draftOnce();
    expectError(await api(`/api/products/${product.id}`, { method: "PATCH", token: admin, body: "{name:", headers: { "content-type": "application/json" } }), 400, "bad_request");
    expectError(await api(`/api/products/${product.id}`, { method: "PATCH", token: admin, body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    expectError(await patch(2_000_000_000, { name: "Ghost" }), 404, "not_found");
    expectError(await api("/api/products/abc", { token: admin }), 404, "not_found");
    expectError(await api("/api/products/99999999999", { token: admin }), 404, "not_found");
    expectError(await api("/api/products?published=maybe", { token: admin }), 422, "validation_failed");
    expectError(await api("/api/products?limit=100000", { token: admin }), 422, "validation_failed");
    expectError(await api("/api/products?limit=101", { token: admin }), 422, "validation_failed");
    expectError(await api("/api/products?cursor=not-a-cursor", { token: admin }), 422, "validation_failed");
    expectError(await api(`/api/products?cursor=${Buffer.from(JSON.stringify([{}, 1])).toString("base64url")}`, { token: admin }), 422, "validation_failed");
    expectError(await api("/api/products/abc", { method: "DELETE", token: admin }), 404, "not_found");
    expect((await api(`/api/products?q=${encodeURIComponent("%_\\")}`, { token: admin })).status).toBe(200);
  });
});

describe("the products list pages by name", () => {
  it("a page at a time with the full total, every product once, in name order", async () => {
    const tag = unique("PG").toLowerCase();
    const names = ["Delta", "alpha", "Charlie", "bravo", "Echo"].map((n) => `${tag} ${n}`);
    for (const name of names) {
      const { product } = await draft(1);
      expect((await patch(product.id, { name })).status).toBe(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: ApiResponse = await api(`/api/products?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((p: { name: string }) => p.name));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual(
      (await sql().query("SELECT name FROM t_products WHERE name LIKE $1 ORDER BY name, id", [`${tag}%`])).rows.map((r) => r.name),
    );
  });
});

describe("deleting a product", () => {
  it("removes one without units (audited); one with units is a 409 that says why; customers are refused", async () => {
    const { model, units, product } = await draft(1);
    const refused = await api(`/api/products/${product.id}`, { method: "DELETE", token: admin });
    expectError(refused, 409, "conflict");
    expect(refused.body.error.message).toMatch(/has 1 unit in the inventory and cannot be deleted/);
    expect((await api(`/api/products/${product.id}`, { token: admin })).status).toBe(200);

    expect((await api(`/api/devices/${units[0].id}`, { method: "DELETE", token: admin })).status).toBe(204);
    const forbidden = await api(`/api/products/${product.id}`, { method: "DELETE", token: customer.token });
    expectError(forbidden, 403, "forbidden");
    expect(forbidden.body.error.message).toBe("Only admins may edit products");

    expect((await api(`/api/products/${product.id}`, { method: "DELETE", token: admin })).status).toBe(204);
    expectError(await api(`/api/products/${product.id}`, { token: admin }), 404, "not_found");
    expectError(await api(`/api/products/${product.id}`, { method: "DELETE", token: admin }), 404, "not_found");
    expect((await api(`/api/products?model=${model}`, { token: admin })).body).toMatchObject({ items: [], total: 0 });
    const audits = await sql().query("SELECT action, actor_label, data FROM t_audit_events WHERE entity_type = 'product' AND entity_id = $1 ORDER BY id", [product.id]);
    expect(audits.rows.at(-1)).toMatchObject({ action: "deleted", actor_label: "admin@example.com", data: { model, name: product.name } });

    // A new unit of the same type and model starts a fresh draft.
    await newDevice({ model, name: "Back again", publish: false });
    expect(await productFor("sensor", model)).toMatchObject({ name: "Back again", published: false, units: { total: 1 } });
  });
});

let shared: Promise<Awaited<ReturnType<typeof draft>>> | undefined;
const draftOnce = () => (shared ??= draft(1));
