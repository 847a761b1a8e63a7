import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? "admin@example.com",
  password: process.env.ADMIN_PASSWORD ?? "admin-demo-password",
};

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

/** Waits until the page's scripts have loaded, so a form submits through its handler, not natively. */
export const ready = (page: Page) => page.waitForLoadState("networkidle");

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
    async createDevice(fields: Record<string, unknown>) {
      const created = await request.post("/api/devices", {
        headers,
        data: { serialNumber: unique("E2E"), type: "sensor", model: "E2E-1", price: "15.00", ...fields },
      });
      expect(created.status()).toBe(201);
      return (await created.json()) as { id: number; serialNumber: string; name: string };
    },
    async setStatus(id: number, status: string, reason: string) {
      const res = await request.put(`/api/devices/${id}/status`, { headers, data: { status, reason } });
      expect(res.status()).toBe(200);
    },
  };
}
