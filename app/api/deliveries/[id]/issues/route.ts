import { requireUser } from "@/lib/auth/session";
import { reportIssueSchema } from "@/lib/deliveries/schemas";
import { reportDeliveryIssue } from "@/lib/deliveries/service";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";

/** Admin: record a delivery issue (damage, failed attempt, return, or a note). */
export const POST = apiRoute<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req, "delivery:manage");
  const id = parseId((await params).id, "Delivery");
  const input = await readJson(req, reportIssueSchema);
  return json(await reportDeliveryIssue(user, id, input), 201);
});
