import { requireUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/request";
import { parseAllowedHosts, pushSubscriptionSchema, unsubscribeSchema } from "@/lib/push/schemas";
import { deleteSubscription, saveSubscription } from "@/lib/push/subscriptions";

function requirePushEnabled() {
  if (config().WEB_PUSH !== "1") throw new AppError("service_unavailable", "Push notifications are not enabled on this server");
}

/** POST: turn critical-alert notifications on for this browser (the body is PushSubscription.toJSON()). */
export const POST = apiRoute(async (req) => {
  const user = await requireUser(req, "push:subscribe");
  requirePushEnabled();
  const input = await readJson(req, pushSubscriptionSchema(parseAllowedHosts(config().WEB_PUSH_ENDPOINT_HOSTS)), 8192);
  return json(await saveSubscription(user, input), 201);
});

/** DELETE {endpoint}: turn them off again. Only one's own subscription; another's is 404. */
export const DELETE = apiRoute(async (req) => {
  const user = await requireUser(req, "push:subscribe");
  const { endpoint } = await readJson(req, unsubscribeSchema, 8192);
  await deleteSubscription(user, endpoint);
  return new Response(null, { status: 204 });
});
