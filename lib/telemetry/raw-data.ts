/**
 * What a document store accepts in free-form `raw_data`, checked without trusting the shape.
 * MongoDB refuses keys that start with `$` or contain `.` or NUL; FerretDB also refuses arrays
 * nested in arrays and (on PostgreSQL) NUL inside strings. A reading carrying any of those can
 * never be stored, so ingest answers 422 and the worker dead-letters it instead of retrying.
 */
export const RAW_DATA_MAX_DEPTH = 8;
export const RAW_DATA_MAX_KEY = 100;

export interface RawDataProblem {
  path: Array<string | number>;
  message: string;
}

const KEY_PROBLEMS: Array<[RegExp, string]> = [
  [/^\$/, "must not start with $"],
  [/\./, "must not contain '.'"],
  [/\0/, "must not contain NUL"],
];

/** The first problem found, walking at most RAW_DATA_MAX_DEPTH levels (never deeper). */
export function findRawDataProblem(value: unknown): RawDataProblem | null {
  const stack: Array<{ value: unknown; path: Array<string | number>; depth: number; inArray: boolean }> = [{ value, path: [], depth: 0, inArray: false }];
  while (stack.length > 0) {
    const { value: v, path, depth, inArray } = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\0")) return { path, message: "must not contain NUL" };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= RAW_DATA_MAX_DEPTH) return { path, message: `must not nest deeper than ${RAW_DATA_MAX_DEPTH} levels` };
    if (Array.isArray(v)) {
      if (inArray) return { path, message: "must not hold an array directly inside an array" };
      v.forEach((item, i) => stack.push({ value: item, path: [...path, i], depth: depth + 1, inArray: true }));
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      if (key.length === 0 || key.length > RAW_DATA_MAX_KEY) return { path: [...path, key], message: `key must be 1 to ${RAW_DATA_MAX_KEY} characters` };
      for (const [pattern, message] of KEY_PROBLEMS) if (pattern.test(key)) return { path: [...path, key], message: `key ${message}` };
      stack.push({ value: item, path: [...path, key], depth: depth + 1, inArray: false });
    }
  }
  return null;
}
