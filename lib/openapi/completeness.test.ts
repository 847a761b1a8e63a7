import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import * as analyticsSchemas from "@/lib/analytics/range";
import * as productSchemas from "@/lib/products/schemas";
import * as pushSchemas from "@/lib/push/schemas";
import * as reportSchemas from "@/lib/reports/schemas";
import * as authSchemas from "@/lib/auth/schemas";
import * as deliverySchemas from "@/lib/deliveries/schemas";
import * as inventorySchemas from "@/lib/inventory/schemas";
import * as monitoringSchemas from "@/lib/monitoring/schemas";
import * as orderSchemas from "@/lib/orders/schemas";
import * as provisioningSchemas from "@/lib/provisioning/schemas";
import { OPERATIONS, UNDOCUMENTED } from "./operations";

const API_DIR = join(process.cwd(), "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [path] : [];
  });
}

/** `app/api/devices/[id]/route.ts` → `/api/devices/{id}` (a catch-all `[...x]` is `{x}`). */
function apiPath(file: string): string {
  const segments = relative(API_DIR, file).split(sep).slice(0, -1);
  return ["/api", ...segments.map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"))].join("/");
}

/** The HTTP methods a route module exports: `export const GET`, `export function GET`, `export { h as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const names = METHODS.join("|");
  for (const m of source.matchAll(new RegExp(`export\\s+(?:const|let|var|(?:async\\s+)?function)\\s+(${names})\\b`, "g"))) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const exported = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (exported && METHODS.includes(exported)) found.add(exported);
    }
  }
  return [...found];
}

const onDisk = routeFiles(API_DIR).flatMap((file) => exportedMethods(readFileSync(file, "utf8")).map((method) => `${method} ${apiPath(file)}`));
const documented = OPERATIONS.map((op) => `${op.method} ${op.path}`);

describe("the OpenAPI registry covers every route handler", () => {
  it("finds the route handlers (the walk itself works)", () => {
    expect(onDisk).toContain("GET /api/devices");
    expect(onDisk).toContain("PUT /api/devices/{id}/status");
    expect(onDisk).toContain("POST /api/auth/{nextauth}");
    expect(onDisk.length).toBeGreaterThan(30);
  });

  it("documents every exported method of every app/api route (or excludes it with a reason)", () => {
    const missing = onDisk.filter((key) => !documented.includes(key) && !(key in UNDOCUMENTED));
    expect(missing, "routes without an entry in lib/openapi/*-operations.ts").toEqual([]);
  });

  it("documents no operation that has no route handler", () => {
    expect(documented.filter((key) => !onDisk.includes(key))).toEqual([]);
    expect(Object.keys(UNDOCUMENTED).filter((key) => !onDisk.includes(key)), "stale exclusions").toEqual([]);
  });

  it("documents each operation once and excludes nothing it documents", () => {
    expect(new Set(documented).size).toBe(documented.length);
    expect(documented.filter((key) => key in UNDOCUMENTED)).toEqual([]);
  });

  it("reads all three export styles", () => {
    expect(exportedMethods("export const GET = apiRoute(async () => x);\nexport async function POST() {}\nexport function PUT() {}")).toEqual(["GET", "POST", "PUT"]);
    expect(exportedMethods("export { handler as GET, handler as POST };").sort()).toEqual(["GET", "POST"]);
    expect(exportedMethods("export const dynamic = 'force-dynamic';\nconst GETTER = 1;")).toEqual([]);
  });
});


const SCHEMA_MODULES = [analyticsSchemas, authSchemas, deliverySchemas, inventorySchemas, monitoringSchemas, orderSchemas, productSchemas, provisioningSchemas, pushSchemas, reportSchemas];
const exportName = (schema: unknown) => {
  for (const mod of SCHEMA_MODULES) for (const [name, value] of Object.entries(mod)) if (value === schema) return name;
  return undefined;
};

/**
 * Input parsed outside the route file: where, and the schemas that file must use. Ingest picks
 * ingestBatchSchema or ingestReadingSchema (the two halves of the documented ingestBodySchema)
 * by the body's keys, so that errors name the field.
 */
const PARSED_ELSEWHERE: Record<string, { file: string; uses: string[] }> = {
  "POST /api/ingest": { file: "lib/telemetry/ingest.ts", uses: ["ingestBatchSchema.safeParse(body)", "ingestReadingSchema.safeParse(body)"] },
  // Built per request from the configured push-service hosts: the route must use the same factory.
  "POST /api/push/subscriptions": { file: "app/api/push/subscriptions/route.ts", uses: ["readJson(req, pushSubscriptionSchema("] },
};

describe("the documented input schemas are the ones the routes parse with", () => {
  for (const op of OPERATIONS) {
    const key = `${op.method} ${op.path}`;
    if (!op.query && !op.body?.schema) continue;
    it(key, () => {
      const elsewhere = PARSED_ELSEWHERE[key];
      if (elsewhere) {
        const source = readFileSync(join(process.cwd(), elsewhere.file), "utf8");
        for (const use of elsewhere.uses) expect(source).toContain(use);
        return;
      }
      const file = join(API_DIR, ...op.path.split("/").slice(2).map((s) => s.replace(/^\{(.+)\}$/, "[$1]")), "route.ts");
      const source = readFileSync(file, "utf8");
      if (op.query) {
        const name = exportName(op.query);
        expect(name, `${key}: the query schema is not exported from a lib/*/schemas module`).toBeDefined();
        expect(source).toMatch(new RegExp(`readQuery\\(req, ${name}\\)`));
      }
      if (op.body?.schema) {
        const name = exportName(op.body.schema);
        expect(name, `${key}: the body schema is not exported from a lib/*/schemas module`).toBeDefined();
        expect(source).toMatch(new RegExp(`read(Optional)?Json\\(req, ${name}[,)]`));
      }
    });
  }
});
