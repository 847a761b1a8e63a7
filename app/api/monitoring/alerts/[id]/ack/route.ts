import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { readOptionalJson } from "@/lib/http/request";
import { acknowledgeAlert } from "@/lib/monitoring/alerts";
import { ackAlertSchema } from "@/lib/monitoring/schemas";

/** Admin: acknowledge an open alert, with an optional note. */
export const PUT = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "monitoring:read");
  const { id } = await params;
  const { note } = await readOptionalJson(req, ackAlertSchema);
  return json(await acknowledgeAlert(user, id, note));
});
