import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";

export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? "admin@example.com",
  password: process.env.ADMIN_PASSWORD ?? "admin-demo-password",
};

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

/**
 * Waits until React has hydrated the page's forms, so a submit goes through their handlers
 * rather than the browser's native form submission. (React marks hydrated nodes with a fiber key.)
 */
export const ready = (page: Page) =>
  page.waitForFunction(() => {
    const el = document.querySelector("form, main button");
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  });

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await ready(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Sets up data over the API as the admin (faster than clicking, and not what the spec tests). */
export async function adminApi(request: APIRequestContext) {
  const res = await request.post("/api/auth/token", { data: ADMIN });
  expect(res.status()).toBe(201);
  const { token } = await res.json();
  const headers = { authorization: `Bearer ${token}` };
  return {
    /** A unit; its product (a draft when the type and model are new) is published unless `publish: false`. */
    async createDevice({ publish = true, ...fields }: Record<string, unknown>) {
      const created = await request.post("/api/devices", {
        headers,
        data: { serialNumber: unique("E2E"), type: "sensor", model: "E2E-1", price: "15.00", ...fields },
      });
      expect(created.status()).toBe(201);
      const device = (await created.json()) as { id: number; serialNumber: string; name: string; type: string; model: string };
      const found = await request.get(`/api/products?type=${encodeURIComponent(device.type)}&model=${encodeURIComponent(device.model)}`, { headers });
      const [product] = (await found.json()).items as { id: number; published: boolean }[];
      if (publish && !product.published) expect((await request.patch(`/api/products/${product.id}`, { headers, data: { published: true } })).status()).toBe(200);
      return { ...device, productId: product.id };
    },
    async setStatus(id: number, status: string, reason: string) {
      const res = await request.put(`/api/devices/${id}/status`, { headers, data: { status, reason } });
      expect(res.status()).toBe(200);
    },
  };
}

/** Records an order holding the unit straight in the database (orders have no API yet). */
export async function orderUnitDirectly(deviceId: number) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/device_store_test" });
  await client.connect();
  try {
    const customer = await client.query("SELECT id FROM t_users WHERE role = 'CUSTOMER' ORDER BY id LIMIT 1");
    const order = await client.query(
      `INSERT INTO t_orders (customer_id, order_number, status, total_amount, shipping_address, updated_at)
       VALUES ($1, $2, 'pending', 15.00, '1 Test Street', now()) RETURNING id`,
      [customer.rows[0].id, unique("ORD")],
    );
    await client.query("INSERT INTO t_order_items (order_id, device_id, quantity, unit_price, subtotal) VALUES ($1, $2, 1, 15.00, 15.00)", [
      order.rows[0].id,
      deviceId,
    ]);
  } finally {
    await client.end();
  }
}

/** A fresh customer with an API token, for setting up orders quickly. */
export async function customerApi(request: APIRequestContext) {
  const who = { email: `${unique("buyer").toLowerCase()}@example.com`, password: "customer-password-1", name: "Casey Customer" };
  expect((await request.post("/api/auth/register", { data: who })).status()).toBe(201);
  const res = await request.post("/api/auth/token", { data: { email: who.email, password: who.password } });
  expect(res.status()).toBe(201);
  const headers = { authorization: `Bearer ${(await res.json()).token}` };
  return {
    ...who,
    async placeOrder(items: { type: string; model: string; quantity: number }[]) {
      const placed = await request.post("/api/orders", { headers, data: { items, shippingAddress: "Casey Customer, 1 Long Street, 1010 Vienna, Austria" } });
      expect(placed.status()).toBe(201);
      return (await placed.json()) as { id: number; orderNumber: string };
    },
    /** This month's fleet report (month to date), made on the server with its PDF. */
    async generateFleetReport() {
      const made = await request.post("/api/reports", { headers, data: { kind: "fleet" } });
      expect(made.status()).toBeLessThan(300);
      return (await made.json()) as { id: number; title: string };
    },
  };
}

/** Admin API calls on orders and deliveries. */
export async function adminOrdersApi(request: APIRequestContext) {
  const res = await request.post("/api/auth/token", { data: ADMIN });
  const headers = { authorization: `Bearer ${(await res.json()).token}` };
  return {
    async move(orderId: number, status: string) {
      expect((await request.put(`/api/orders/${orderId}/status`, { headers, data: { status } })).status()).toBe(200);
    },
    async ship(orderId: number, trackingNumber: string) {
      const r = await request.post("/api/deliveries", { headers, data: { orderId, carrier: "DHL", trackingNumber } });
      expect(r.status()).toBe(201);
      return (await r.json()) as { id: number };
    },
  };
}

/** True when nothing makes the page scroll sideways (WCAG 1.4.10 reflow). */
export async function fitsViewport(page: Page): Promise<boolean> {
  // Against the configured width: a phone browser zooms out to fit wide content, which would make
  // window.innerWidth grow with the overflow and hide it.
  const width = page.viewportSize()!.width;
  return page.evaluate((w) => document.documentElement.scrollWidth <= w && document.body.scrollWidth <= w, width);
}
