import { NextResponse } from "next/server";
import { OPENAPI_CACHE_CONTROL } from "@/lib/http/security-headers";
import { openApiDocument } from "@/lib/openapi/document";

/**
 * The API contract (OpenAPI 3.1), generated from the routes' zod schemas. Public: it describes
 * the API and holds no data; cacheable, since it changes only with a deploy.
 */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": OPENAPI_CACHE_CONTROL } });
}
