import { z } from "zod";
import { REQUEST_COMPONENTS, RESPONSE_COMPONENTS } from "./components";
import { OPERATIONS } from "./operations";
import type { Caller, Operation } from "./types";

type JsonSchema = Record<string, unknown>;
type Io = "input" | "output";

const ref = (name: string) => `#/components/schemas/${name}`;
const SAFE_INT = Number.MAX_SAFE_INTEGER;

/** Less noise, same meaning: `format: date-time` says what zod's long pattern says; ±2^53 bounds say nothing. */
function tidy(ctx: { jsonSchema: JsonSchema }) {
  const s = ctx.jsonSchema;
  if (s.format === "date-time") delete s.pattern;
  if (s.minimum === -SAFE_INT) delete s.minimum;
  if (s.maximum === SAFE_INT) delete s.maximum;
}

const options = (io: Io) => ({ target: "draft-2020-12" as const, io, unrepresentable: "any" as const, override: tidy });

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, id: _metaId, ...rest } = schema;
  return rest;
}

/** Named components, with `$ref`s between them (a page refers to its item). */
function convertComponents(components: Record<string, z.ZodType>, io: Io): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { ...options(io), uri: ref });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, strip(s as JsonSchema)]));
}

function nameOf(schema: z.ZodType, components: Record<string, z.ZodType>): string | undefined {
  return Object.entries(components).find(([, s]) => s === schema)?.[0];
}

function schemaFor(schema: z.ZodType, io: Io): JsonSchema {
  const name = nameOf(schema, io === "input" ? REQUEST_COMPONENTS : RESPONSE_COMPONENTS);
  return name ? { $ref: ref(name) } : strip(z.toJSONSchema(schema, options(io)) as JsonSchema);
}

const ERROR_TEXT: Record<number, string> = {
  400: "Bad request: the body is not JSON, or a required header is wrong",
  401: "Not signed in, or the token is invalid, expired or revoked",
  403: "The caller's role may not do this",
  404: "Not found (also: a record the caller may not learn exists)",
  409: "Conflict: a duplicate, a transition the lifecycle does not allow, or stock ran out",
  413: "The request body is too large",
  415: "Send the body with the documented Content-Type",
  422: "Validation failed: `details.fields` names each offending field",
  429: "Rate limited: retry after the `Retry-After` header's seconds",
  503: "A backing service is unavailable; retry later",
};

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: ref("Error") } } } });

function parameters(op: Operation): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [name, schema] of Object.entries(op.params ?? {})) {
    const s = strip(z.toJSONSchema(schema, options("input")) as JsonSchema);
    list.push({ name, in: "path", required: true, description: s.description, schema: s });
  }
  if (op.query) {
    const s = z.toJSONSchema(op.query, options("input")) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      list.push({ name, in: "query", required: s.required?.includes(name) ?? false, ...(prop.description ? { description: prop.description } : {}), schema: prop });
    }
  }
  return list;
}

function requestBody(op: Operation): JsonSchema | undefined {
  const body = op.body;
  if (!body) return undefined;
  const content: Record<string, JsonSchema> = {};
  if (body.schema) content["application/json"] = { schema: schemaFor(body.schema, "input") };
  if (body.contentType) content[body.contentType] = { schema: { type: "string" } };
  return { required: !body.optional, ...(body.description ? { description: body.description } : {}), content };
}

function responses(op: Operation): JsonSchema {
  const out: JsonSchema = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const content: Record<string, JsonSchema> = {};
    if (spec.schema) content["application/json"] = { schema: schemaFor(spec.schema, "output") };
    if (spec.contentType) content[spec.contentType] = { schema: { type: "string" } };
    out[status] = { description: spec.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  for (const status of op.errors) out[status] = errorResponse(ERROR_TEXT[status] ?? "Error");
  if (op.errors.length) out.default = errorResponse("Unexpected error (500): logged with the errorId its message names");
  return out;
}

const SCHEMES: Record<Exclude<Caller, "public">, string[]> = {
  admin: ["apiToken", "session"],
  customer: ["apiToken", "session"],
  device: ["deviceToken"],
  operator: ["operatorToken"],
};

function security(callers: Caller[]): JsonSchema[] {
  const names = [...new Set(callers.flatMap((c) => (c === "public" ? [] : SCHEMES[c])))];
  const list: JsonSchema[] = names.map((n) => ({ [n]: [] }));
  return callers.includes("public") ? [{}, ...list] : list;
}

const TAGS: Record<string, string> = { health: "system", metrics: "system", "openapi.json": "system", catalog: "orders" };
const tagOf = (path: string) => {
  const segment = path.split("/")[2];
  return TAGS[segment] ?? segment;
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export function operationId(op: Pick<Operation, "method" | "path">): string {
  const parts = op.path
    .replace(/^\/api\//, "")
    .split("/")
    .map((seg) => (seg.startsWith("{") ? `By${capital(seg.slice(1, -1))}` : seg.split(/[^A-Za-z0-9]+/).map(capital).join("")));
  return op.method.toLowerCase() + parts.join("");
}

function operationObject(op: Operation): JsonSchema {
  const params = parameters(op);
  const body = requestBody(op);
  return {
    operationId: operationId(op),
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [tagOf(op.path)],
    "x-callers": op.callers,
    security: security(op.callers),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(op),
  };
}

/** The OpenAPI 3.1 document, generated from the zod schemas the routes parse with and answer by. */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Device Store + Monitoring API",
      version: "0.1.0",
      description:
        "REST API of the device store and its monitoring. Every error is `{\"error\":{\"code\",\"message\",\"details\"?}}`. " +
        "JSON bodies need `Content-Type: application/json`. Programs sign in with `POST /api/auth/token` and send `Authorization: Bearer <token>`.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    tags: [...new Set(OPERATIONS.map((o) => tagOf(o.path)))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...convertComponents(REQUEST_COMPONENTS, "input"), ...convertComponents(RESPONSE_COMPONENTS, "output") },
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A user's token from `POST /api/auth/token`" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A browser session (`__Secure-` prefixed over HTTPS)" },
        deviceToken: { type: "http", scheme: "bearer", description: "A device's `dvt_…` token from `POST /api/devices/{id}/credentials`" },
        operatorToken: { type: "http", scheme: "bearer", description: "The operator's `METRICS_TOKEN` (Prometheus, probes)" },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let cached: OpenApiDocument | undefined;
/** Built once per process: it depends only on code. */
export const openApiDocument = (): OpenApiDocument => (cached ??= buildOpenApiDocument());
