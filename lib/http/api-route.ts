import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { Prisma } from "@/lib/generated/prisma/client";
import { noteWrite } from "@/lib/read-cache";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { timeRequest } from "@/lib/metrics";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>;

export function errorResponse(error: AppError, headers?: HeadersInit): NextResponse {
  const body: { code: string; message: string; details?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.details !== undefined) body.details = error.details;
  return NextResponse.json({ error: body }, { status: error.status, headers });
}

/** Translate database errors that user input can legitimately cause into 4xx answers. */
function fromDatabaseError(error: unknown): AppError | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return new AppError("conflict", "A record with this value already exists", { target: error.meta?.target });
    if (error.code === "P2025") return new AppError("not_found", "Record not found");
    if (error.code === "P2003") return new AppError("conflict", "The record is referenced by others");
  }
  return undefined;
}

/** API answers (device secrets, orders) must never be stored by a browser or proxy cache. */
function noStore(response: Response): Response {
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** A route that marks its own answer cacheable (a versioned picture) keeps that; all else is no-store. */
const cachePolicy = (response: Response, options: RouteOptions) =>
  options.cacheable && response.headers.has("Cache-Control") ? response : noStore(response);

/** `Retry-After` is the real wait the limiter reported (seconds), never a guess. */
function retryAfterHeader(error: AppError): HeadersInit | undefined {
  if (error.code !== "rate_limited") return undefined;
  const seconds = (error.details as { retryAfterSec?: unknown } | undefined)?.retryAfterSec;
  return { "Retry-After": String(typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds) : 60) };
}

/**
 * Wraps a route handler with the project's error model: AppError → its status and envelope;
 * anything else is logged with an id and answered 500 with a generic message. Every call is timed
 * into the `http_request_duration_seconds` histogram (lib/metrics.ts).
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>, options: RouteOptions = {}): Handler<P> {
  return (req, ctx) => timeRequest(req.method, req.nextUrl.pathname, () => handle(handler, req, ctx, options));
}

interface RouteOptions {
  /**
   * false for a write that changes nothing the read cache holds (device telemetry goes to the
   * broker, not to PostgreSQL): at thousands of readings a second it would otherwise void the
   * cache on every request.
   */
  changesStore?: boolean;
  /** true: the handler sets its own Cache-Control on success (public, versioned content). */
  cacheable?: boolean;
}

async function handle<P>(handler: Handler<P>, req: NextRequest, ctx: RouteContext<P>, options: RouteOptions): Promise<Response> {
  try {
    return cachePolicy(await handler(req, ctx), options);
  } catch (error) {
    return failure(error, req);
  } finally {
    // Cached reads (lib/read-cache.ts) must not outlive a change made through this process.
    if (req.method !== "GET" && req.method !== "HEAD" && options.changesStore !== false) noteWrite();
  }
}

function failure(error: unknown, req: NextRequest): Response {
  const known = error instanceof AppError ? error : fromDatabaseError(error);
  if (known) {
    return noStore(errorResponse(known, retryAfterHeader(known)));
  }
  const errorId = randomUUID();
  logger().error({ err: error, errorId, method: req.method, path: req.nextUrl.pathname }, "api request failed");
  return noStore(errorResponse(new AppError("internal", `Unexpected error (errorId ${errorId})`)));
}

export const json = (data: unknown, status = 200) => NextResponse.json(data, { status });
