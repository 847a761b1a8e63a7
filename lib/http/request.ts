import type { NextRequest } from "next/server";
import type { z } from "zod";
import { config } from "@/lib/config";
import { AppError, validationError } from "@/lib/errors";
import { assertSafeJson, assertSafeText, jsonDepthExceeds, MAX_JSON_DEPTH } from "@/lib/text";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body, refusing more than `limit` bytes without buffering all of it. */
export async function readBytes(req: Request, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const readBodyText = async (req: Request, limit: number) => (await readBytes(req, limit)).toString("utf8");

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `Request body exceeds ${Math.round(limit / 1024)} kB`);

/** A text body (CSV uploads): 413 when larger than `limit`. */
export async function readText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const text = await readBodyText(req, limit);
  assertSafeText("(body)", text);
  return text;
}

/** Parse a JSON body: 413 when too large, 400 when not JSON, 422 naming the field when invalid. */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  limit = MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  requireJsonContentType(req);
  return parseWith(schema, parseJsonText(await readBodyText(req, limit)));
}

/**
 * A JSON route accepts only `Content-Type: application/json`: a cross-site HTML form can send
 * text/plain, urlencoded or multipart without a CORS preflight, never application/json.
 */
export function requireJsonContentType(req: Request): void {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
}

/** JSON.parse behind the depth bound, then the NUL/surrogate check over every key and string. */
function parseJsonText(text: string): unknown {
  if (jsonDepthExceeds(text)) {
    throw new AppError("bad_request", `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body must be valid JSON");
  }
  assertSafeJson(body);
  return body;
}

/** Parse query parameters (each one a string) with a schema; 422 names the parameter. */
export function readQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  for (const [key, value] of req.nextUrl.searchParams) assertSafeText(key, value);
  const params = Object.fromEntries(req.nextUrl.searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Route ids are positive integers; anything else cannot name a record, so it is a 404. */
export function parseId(raw: string, what: string): number {
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw new AppError("not_found", `${what} not found`);
  return id;
}

/**
 * The client's address for rate limits. `next start` has no socket address in a handler; it
 * fills X-Forwarded-For from the socket only when the client sent none. So a forwarded address
 * is trusted only with TRUST_PROXY=1, i.e. behind our gateway, which overwrites
 * X-Forwarded-For and sets X-Real-IP to the peer address. Without a gateway a client can pick
 * its own address bucket: production runs behind the gateway.
 */
export function clientAddressFrom(header: (name: string) => string | null | undefined): string {
  if (config().TRUST_PROXY === "1") {
    const real = header("x-real-ip")?.trim();
    if (real) return real.slice(0, 100);
  }
  return header("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 100) || "unknown";
}

export const clientAddress = (req: Request) => clientAddressFrom((name) => req.headers.get(name));

/** Like readJson, but an empty body (e.g. a bare `PUT …/confirm`) parses as `{}`. */
export async function readOptionalJson<S extends z.ZodType>(req: Request, schema: S, limit = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const text = await readBodyText(req, limit);
  if (!text.trim()) return parseWith(schema, {});
  requireJsonContentType(req);
  return parseWith(schema, parseJsonText(text));
}

function parseWith<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
