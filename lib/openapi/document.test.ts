import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, operationId } from "./document";
import { OPERATIONS } from "./operations";

const doc = buildOpenApiDocument();

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with draft 2020-12 schemas and every operation of the registry", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    const count = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(count).toBe(OPERATIONS.length);
  });

  it("resolves every $ref to a component schema", () => {
    const names = new Set(Object.keys(doc.components.schemas).map((n) => `#/components/schemas/${n}`));
    const dangling = refs(doc).filter((r) => !names.has(r));
    expect(dangling).toEqual([]);
  });

  it("declares exactly the path parameters each path names", () => {
    for (const op of OPERATIONS) {
      const inPath = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(op.params ?? {}).sort(), `${op.method} ${op.path}`).toEqual(inPath);
    }
  });

  it("gives every operation a success response, callers and a unique operationId", () => {
    for (const op of OPERATIONS) {
      expect(Object.keys(op.responses).some((s) => Number(s) < 300), `${op.method} ${op.path}`).toBe(true);
      expect(op.callers.length).toBeGreaterThan(0);
    }
    const ids = OPERATIONS.map(operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents request bodies as accepted (zod input) and responses as answered (zod output)", () => {
    const create = doc.components.schemas.CreateDevice as { properties: Record<string, { type?: unknown }>; required: string[] };
    // Money is accepted as a number or a decimal string, answered as a string.
    expect(create.properties.price.type).toEqual(["number", "string"]);
    expect(create.required).not.toContain("specifications");
    const device = doc.components.schemas.Device as { properties: Record<string, { type?: unknown; format?: string }>; additionalProperties: boolean };
    expect(device.properties.price.type).toBe("string");
    expect(device.properties.createdAt.format).toBe("date-time");
    expect(device.additionalProperties).toBe(false);
  });

  it("describes the one error envelope, with every error code", () => {
    const envelope = doc.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(envelope.properties.error.properties.code.enum).toEqual(expect.arrayContaining(["validation_failed", "not_found", "unauthorized"]));
    const get = doc.paths["/api/devices/{id}"].get as { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> };
    expect(get.responses["404"].content?.["application/json"].schema.$ref).toBe("#/components/schemas/Error");
  });

  it("reads query parameters from the route's own query schema, with defaults", () => {
    const list = doc.paths["/api/devices"].get as { parameters: { name: string; in: string; schema: { default?: unknown } }[] };
    const limit = list.parameters.find((p) => p.name === "limit");
    expect(limit?.in).toBe("query");
    expect(limit?.schema.default).toBe(25);
  });
});
