import { z, type ZodError } from "zod";

/**
 * The one error model. Services throw AppError; the API layer turns it into
 * `{"error":{"code","message","details"?}}` with the status from STATUS_BY_CODE.
 */
export const STATUS_BY_CODE = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  out_of_stock: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export const ERROR_CODES = Object.keys(STATUS_BY_CODE) as [ErrorCode, ...ErrorCode[]];

/** The body of every API error (lib/http/api-route.ts `errorResponse`), as documented in /api/openapi.json. */
export const errorEnvelopeSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Validation failures: `{ fields: [{ field, message }] }`; rate limits: `{ retryAfterSec }`. */
    details: z.unknown().optional(),
  }),
});

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

export interface FieldIssue {
  field: string;
  message: string;
}

/** A validation failure that names each offending field, e.g. `items.0.deviceId`. */
export function validationError(error: ZodError, prefix?: string): AppError {
  const issues: FieldIssue[] = error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    // Unknown keys are reported once per key so the message names the field itself.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: base ? `${base}.${key}` : key,
        message: "unknown field",
      }));
    }
    return [{ field: base || "(body)", message: issue.message }];
  });
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.field}: ${i.message}`)
    .join("; ");
  return new AppError("validation_failed", `Invalid input — ${summary}`, { fields: issues });
}
