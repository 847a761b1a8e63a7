import { apiRoute, json } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/request";
import { authorizeIngest, ingestReadings } from "@/lib/telemetry/ingest";
import { z } from "zod";

// 500 readings with raw_data fit comfortably; anything larger is refused before parsing.
const INGEST_MAX_BYTES = 2 * 1024 * 1024;

/** Device telemetry: `Authorization: Bearer <device token>`, one reading or `{ readings: [...] }`. */
export const POST = apiRoute(async (req) => {
  const device = await authorizeIngest(req.headers.get("authorization"));
  const body = await readJson(req, z.unknown(), INGEST_MAX_BYTES);
  return json(await ingestReadings(device.deviceId, body), 202);
}, { changesStore: false });
