import type { z } from "zod";

/**
 * Who may call an operation. admin/customer: a signed-in user (session cookie or API token) of
 * that role; device: a device token; operator: the `METRICS_TOKEN` bearer token; public: anyone.
 */
export type Caller = "public" | "admin" | "customer" | "device" | "operator";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ResponseSpec {
  description: string;
  /** JSON body (validated by the conformance test); omitted for no body or a non-JSON one. */
  schema?: z.ZodType;
  /** A non-JSON body, e.g. "text/csv" (instead of JSON, or beside it when `schema` is set too). */
  contentType?: string;
}

export interface RequestBodySpec {
  /** JSON body schema (the same one the route parses with). */
  schema?: z.ZodType;
  /** A non-JSON body, e.g. "text/csv". */
  contentType?: string;
  description?: string;
  /** An empty body is accepted too (parsed as `{}`). */
  optional?: boolean;
}

/** One documented operation: what `/api/openapi.json` says and what the tests hold the routes to. */
export interface Operation {
  method: HttpMethod;
  /** OpenAPI path, `{name}` for a path parameter, e.g. `/api/devices/{id}`. */
  path: string;
  summary: string;
  description?: string;
  callers: Caller[];
  /** Path parameters (each a schema of the string's meaning). */
  params?: Record<string, z.ZodType>;
  /** Query parameters: the zod object schema the route reads them with. */
  query?: z.ZodType;
  body?: RequestBodySpec;
  /** Success responses by status. */
  responses: Record<number, ResponseSpec>;
  /** Error statuses answered with the error envelope (lib/errors.ts). */
  errors: number[];
}
