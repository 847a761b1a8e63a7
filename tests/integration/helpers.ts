import { randomUUID } from "node:crypto";
import pg from "pg";

/** Integration tests talk to a real server over HTTP and look at the real database directly. */
export const BASE_URL = process.env.TEST_BASE_URL ?? "http://127.0.0.1:3100";
export const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/device_store_test";
export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? "admin@example.com",
  password: process.env.ADMIN_PASSWORD ?? "admin-demo-password",
};

let pool: pg.Pool | undefined;
export function sql() {
  pool ??= new pg.Pool({ connectionString: DATABASE_URL, max: 4, allowExitOnIdle: true });
  return pool;
}

export async function countRows(table: string, where = "TRUE", params: unknown[] = []): Promise<number> {
  const { rows } = await sql().query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0].n;
}

export interface ApiOptions {
  method?: string;
  token?: string | null;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Another server than the one under test (fault tests run their own). */
  baseUrl?: string;
}

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(path: string, options: ApiOptions = {}): Promise<ApiResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  const res = await fetch(`${options.baseUrl ?? BASE_URL}${path}`, { method: options.method ?? "GET", headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text (CSV, HTML) */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function tokenFor(email: string, password: string): Promise<string> {
  const res = await api<{ token: string }>("/api/auth/token", { method: "POST", json: { email, password } });
  if (res.status !== 201) throw new Error(`sign-in failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

// The promise, not the token: a file's parallel first calls share one sign-in.
let adminTokenCache: Promise<string> | undefined;
export function adminToken(): Promise<string> {
  adminTokenCache ??= tokenFor(ADMIN.email, ADMIN.password).catch((error: unknown) => {
    adminTokenCache = undefined;
    throw error;
  });
  return adminTokenCache;
}

export const unique = (prefix = "T") => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

/** Registers a fresh customer and returns their id, email and bearer token. */
export async function newCustomer(name = "Test Customer") {
  const email = `${unique("c").toLowerCase()}@example.com`;
  const password = "customer-password-1";
  const res = await api("/api/auth/register", { method: "POST", json: { email, password, name } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as number, email, password, token: await tokenFor(email, password) };
}

/**
 * Creates a device as admin; fields may be overridden. A unit of a new type and model creates a
 * draft product; unless `publish: false`, the helper publishes it (as an admin would before
 * selling), so tests about orders can order it.
 */
export async function newDevice(overrides: Record<string, unknown> = {}) {
  const { publish = true, ...fields } = overrides;
  const res = await api("/api/devices", {
    method: "POST",
    token: await adminToken(),
    json: { serialNumber: unique("SN"), name: "Test Sensor", type: "sensor", model: "TST-1", price: "10.00", ...fields },
  });
  if (res.status !== 201) throw new Error(`create device failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (publish) await publishProduct(res.body.type, res.body.model);
  return res.body as { id: number; serialNumber: string; status: string; price: string; [k: string]: unknown };
}

const published = new Map<string, Promise<number>>();

/** Publishes the product of a type and model through the API (once per process); returns its id. */
export function publishProduct(type: string, model: string): Promise<number> {
  const key = `${type}\u0000${model}`;
  let done = published.get(key);
  if (!done) {
    done = (async () => {
      const token = await adminToken();
      const found = await api(`/api/products?type=${encodeURIComponent(type)}&model=${encodeURIComponent(model)}`, { token });
      const product = found.body?.items?.[0];
      if (found.status !== 200 || !product) throw new Error(`product ${type}/${model} not found: ${found.status} ${JSON.stringify(found.body)}`);
      if (!product.published) {
        const res = await api(`/api/products/${product.id}`, { method: "PATCH", token, json: { published: true } });
        if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
      }
      return product.id as number;
    })();
    done.catch(() => published.delete(key));
    published.set(key, done);
  }
  return done;
}

/** Asserts the project's error envelope and returns its code. */
export function errorCode(res: ApiResponse): string {
  const error = (res.body as { error?: { code?: unknown; message?: unknown } })?.error;
  if (!error || typeof error.code !== "string" || typeof error.message !== "string") {
    throw new Error(`not an error envelope (status ${res.status}): ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return error.code;
}
