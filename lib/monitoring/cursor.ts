import { ObjectId } from "mongodb";
import { AppError } from "@/lib/errors";

/**
 * Keyset cursors for MongoDB lists ordered newest first by a time field, ties broken by `_id`:
 * the cursor is the last item's time and id, so a page costs the same at any depth.
 */
export interface TimeCursor {
  at: Date;
  id: ObjectId;
}

export const encodeTimeCursor = (at: Date, id: ObjectId) => Buffer.from(JSON.stringify([at.toISOString(), id.toHexString()])).toString("base64url");

export function decodeTimeCursor(cursor: string): TimeCursor {
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new Error();
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) throw new Error();
    const [at, id] = parsed;
    if (typeof at !== "string" || typeof id !== "string" || !/^[0-9a-f]{24}$/.test(id)) throw new Error();
    const date = new Date(at);
    if (Number.isNaN(date.getTime())) throw new Error();
    return { at: date, id: new ObjectId(id) };
  } catch {
    throw new AppError("validation_failed", "Invalid input — cursor: is not a cursor from this list", {
      fields: [{ field: "cursor", message: "is not a cursor from this list" }],
    });
  }
}

/** The filter for items strictly after the cursor in (field desc, _id desc) order. */
export const afterTimeCursor = (field: string, c: TimeCursor) => ({
  $or: [{ [field]: { $lt: c.at } }, { [field]: c.at, _id: { $lt: c.id } }],
});
