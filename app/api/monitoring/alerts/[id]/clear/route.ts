import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { clearAlert } from "@/lib/monitoring/alerts";

/** Admin: clear an alert by hand, freeing its open slot. */
export const PUT = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "monitoring:read");
  return json(await clearAlert(user, (await params).id));
});
