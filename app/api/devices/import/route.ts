import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-route";
import { readQuery, readText } from "@/lib/http/request";
import { importDevicesCsv } from "@/lib/inventory/csv-import";
import { importDevicesQuerySchema } from "@/lib/inventory/schemas";

// Not text/plain: a cross-site HTML form can send that without a preflight, text/csv it cannot.
const CSV_TYPES = ["text/csv", "application/csv"];

/** Bulk upsert by serial number from a CSV body (≤ 1 MB); dryRun=true only reports. */
export const POST = apiRoute(async (req) => {
  const user = await requireUser(req, "device:write");
  const { dryRun } = readQuery(req, importDevicesQuerySchema);
  const type = req.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (!type || !CSV_TYPES.includes(type)) {
    throw new AppError("bad_request", "Send the CSV as the request body with Content-Type: text/csv");
  }
  const text = await readText(req);
  return json(await importDevicesCsv(user, text, { dryRun: dryRun === "true" }));
});
