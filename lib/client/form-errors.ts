/**
 * Pure helpers behind the console's forms (kept apart from React so they can be unit-tested):
 * reading the specifications textarea, and placing the API's field messages on the form's inputs.
 */

export const SPECIFICATIONS_ERROR = 'must be a JSON object of name and value pairs, e.g. {"battery": "CR2477"}';

export type SpecificationsParse = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** The specifications textarea: blank is `{}`; anything but a JSON object is refused with a field message. */
export function parseSpecifications(text: string): SpecificationsParse {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { ok: false, error: SPECIFICATIONS_ERROR };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: SPECIFICATIONS_ERROR };
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * The API names nested fields by path (`specifications.battery`); the form has one input per
 * top-level field. `allPlaced` is false when a message names no input of the form, so the caller
 * shows the API's own message instead of pointing at highlighted fields that are not there.
 */
export function placeFieldErrors(fieldErrors: Record<string, string>, fields: readonly string[]) {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) errors[path.split(".")[0]] ??= message;
  const allPlaced = Object.keys(errors).every((field) => fields.includes(field));
  return { errors, allPlaced };
}
