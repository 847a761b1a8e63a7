import { requireUser } from "@/lib/auth/session";
import { apiRoute } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/request";
import { exportDevicesCsv } from "@/lib/inventory/csv-import";
import { exportDevicesQuerySchema } from "@/lib/inventory/schemas";

/** The filtered inventory as a CSV download (admin only); the same filters as the list. */
export const GET = apiRoute(async (req) => {
  const user = await requireUser(req, "device:read");
  const filter = readQuery(req, exportDevicesQuerySchema);
  const csv = await exportDevicesCsv(user, filter);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="devices-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
});
