import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Text the database can store. PostgreSQL refuses NUL in text (error 22021, which used to
 * surface as a 500) and a lone UTF-16 surrogate cannot be encoded as UTF-8 at all, so both are
 * refused at the edge: by `textSchema` in every schema, and by `assertSafeJson` /
 * `assertSafeText` on every body and query before a schema runs (which also covers JSON keys).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const unsafeTextReason = (value: string): string | undefined => {
  if (value.includes("\u0000")) return "must not contain NUL characters";
  if (LONE_SURROGATE.test(value)) return "must be valid Unicode (no lone surrogates)";
  return undefined;
};

/** The one string schema for user-supplied text; chain .trim(), .min(), .max() as usual. */
export const textSchema = () => z.string().refine((v) => unsafeTextReason(v) === undefined, { message: "must not contain NUL characters or invalid Unicode" });

/** Deeper JSON than any of our shapes needs is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

const invalid = (field: string, message: string) =>
  new AppError("validation_failed", `Invalid input — ${field}: ${message}`, { fields: [{ field, message }] });

/**
 * Nesting depth of raw JSON text by a single scan (no parse, no recursion), so a 10 000-deep
 * array costs O(n) and never reaches a recursive walk.
 */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/** Throws 422 naming the first key or string value (at any depth) that the database can't store. */
export function assertSafeJson(value: unknown): void {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === "string") {
      const reason = unsafeTextReason(v);
      if (reason) throw invalid(path || "(body)", reason);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: path ? `${path}.${i}` : String(i) }));
    } else if (v && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        const keyPath = path ? `${path}.${key}` : key;
        const reason = unsafeTextReason(key);
        if (reason) throw invalid(keyPath.replace(/\u0000/g, "\\u0000"), `key ${reason}`);
        stack.push({ value: item, path: keyPath });
      }
    }
  }
}

/** For query parameters and other flat text: 422 naming the parameter. */
export function assertSafeText(field: string, value: string): void {
  const reason = unsafeTextReason(field) ?? unsafeTextReason(value);
  if (reason) throw invalid(unsafeTextReason(field) ? "(query)" : field, reason);
}
