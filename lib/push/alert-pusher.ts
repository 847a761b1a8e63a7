import type { Agent } from "node:https";
import webpush, { WebPushError, type RequestOptions } from "web-push";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { AlertChange } from "@/lib/monitoring/alert-raise";
import { alertPushPayload } from "./payload";
import type { VapidKeys } from "./settings";

export { vapidFromConfig } from "./settings";
import { deleteExpiredSubscription, listAlertRecipients, type PushTarget } from "./subscriptions";

/** Only a critical alert's first raise is pushed: repeats, acknowledgements and clears are not news on a lock screen. */
export const shouldPush = (change: AlertChange) => change.action === "raised" && change.alert.severity === "critical";

const MAX_QUEUED = 1000;

/**
 * Sends Web Push notifications for critical alerts as the worker raises them, to every
 * subscription allowed to hear about the device (lib/push/subscriptions.ts). Sends run one alert
 * at a time off the alert path (a slow push service never holds up readings); a subscription the
 * push service calls gone (404, 410) is deleted; other failures are logged and dropped — the
 * alert itself is in the console either way.
 */
export class AlertPusher {
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  sent = 0;
  expired = 0;
  failed = 0;

  constructor(
    private readonly vapid: VapidKeys,
    /** `agent`: TLS settings for the push service connection (the integration test trusts its own local service with it). */
    private readonly options: { ttlSec?: number; timeoutMs?: number; agent?: Agent } = {},
  ) {}

  notify(change: AlertChange): void {
    if (!shouldPush(change)) return;
    if (this.queued >= MAX_QUEUED) {
      logger().warn({ deviceId: change.alert.device_id }, "push queue full; critical alert not pushed");
      return;
    }
    this.queued++;
    this.chain = this.chain
      .then(() => this.deliver(change))
      .catch((error: Error) => logger().error({ err: error.message }, "alert push failed"))
      .finally(() => this.queued--);
  }

  private async deliver(change: AlertChange) {
    const deviceId = change.alert.device_id;
    const [targets, device] = await Promise.all([listAlertRecipients(deviceId), db().device.findUnique({ where: { id: deviceId }, select: { name: true } })]);
    if (!targets.length) return;
    const payload = JSON.stringify(alertPushPayload(change.alert, device?.name ?? null));
    await Promise.all(targets.map((t) => this.send(t, payload, change.alert._id.toHexString())));
  }

  private async send(target: PushTarget, payload: string, topic: string) {
    try {
      // `topic` (a newer notification for the same alert replaces an undelivered one) and `agent` are in web-push, not in its types.
      const options: RequestOptions & { topic: string; agent?: Agent } = {
        vapidDetails: this.vapid,
        TTL: this.options.ttlSec ?? 24 * 3600,
        urgency: "high",
        topic,
        contentEncoding: "aes128gcm",
        timeout: this.options.timeoutMs ?? 10_000,
        ...(this.options.agent ? { agent: this.options.agent } : {}),
      };
      await webpush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, options);
      this.sent++;
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        this.expired++;
        await deleteExpiredSubscription(target.id);
        logger().info({ subscriptionId: target.id, status: error.statusCode }, "push subscription expired; deleted");
        return;
      }
      this.failed++;
      const status = error instanceof WebPushError ? error.statusCode : undefined;
      logger().warn({ subscriptionId: target.id, status, err: (error as Error).message }, "push delivery failed");
    }
  }

  /** Waits for the pushes queued so far (SIGTERM, tests). */
  async drain(): Promise<void> {
    await this.chain;
  }
}

/** An alert publisher that also pushes critical raises (the worker wraps every alert publisher in it). */
export function withPush<T extends (change: AlertChange) => Promise<void>>(publish: T, pusher: AlertPusher | undefined): (change: AlertChange) => Promise<void> {
  if (!pusher) return publish;
  return async (change) => {
    pusher.notify(change);
    await publish(change);
  };
}
