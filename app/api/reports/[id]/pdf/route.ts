import { requireUser } from "@/lib/auth/session";
import { apiRoute } from "@/lib/http/api-route";
import { parseId } from "@/lib/http/request";
import { getReportPdf } from "@/lib/reports/service";

/** GET /api/reports/{id}/pdf — the stored PDF as a download (404 for someone else's). */
export const GET = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "report:read");
  const { pdf, filename } = await getReportPdf(user, parseId((await params).id, "Report"));
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(pdf.byteLength),
    },
  });
});
