import { requireUser } from "@/lib/auth/session";
import { apiRoute } from "@/lib/http/api-route";
import { parseId, readQuery } from "@/lib/http/request";
import { streamReadingsCsv } from "@/lib/monitoring/export";
import { assertWatchable } from "@/lib/monitoring/readings";
import { exportQuerySchema } from "@/lib/monitoring/schemas";

/** A device's readings over `from`..`to` as CSV, streamed in batches, with no row cap. */
export const GET = apiRoute<{ deviceId: string }>(async (req, { params }) => {
  const user = await requireUser(req, "monitoring:read");
  const deviceId = parseId((await params).deviceId, "Device");
  const { from, to } = readQuery(req, exportQuerySchema);
  await assertWatchable(user, deviceId);
  return new Response(streamReadingsCsv(deviceId, from, to), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="device-${deviceId}-readings.csv"`,
      "cache-control": "no-store",
    },
  });
});
