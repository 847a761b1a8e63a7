import { noteWrite } from "@/lib/read-cache";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { lockOrder, moveOrder } from "./transitions";

const SYSTEM = { system: "order-expiry" };

/**
 * Cancels pending orders nobody confirmed within PENDING_ORDER_TTL_SEC: their units go back in
 * stock, and the order's timeline and the units' audit trail say why. Each order in its own
 * transaction under the order's row lock, so a confirmation racing the expiry wins or loses
 * cleanly. Returns how many orders expired.
 */
export async function expirePendingOrders(now = new Date(), batch = 100): Promise<number> {
  const ttlSec = config().PENDING_ORDER_TTL_SEC;
  const due = await db().order.findMany({
    where: { status: "pending", createdAt: { lt: new Date(now.getTime() - ttlSec * 1000) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: batch,
  });
  let expired = 0;
  for (const { id } of due) {
    await db().$transaction(async (tx) => {
      const order = await lockOrder(tx, id);
      if (order.status !== "pending") return;
      await moveOrder(tx, order, "cancelled", SYSTEM, {
        note: `expired: not confirmed within ${Math.round(ttlSec / 60)} min; units released`,
        data: { expired: true, ttlSec },
      });
      expired++;
    });
  }
  // Units went back in stock, possibly during a GET: list totals counted before are stale.
  if (expired) noteWrite();
  return expired;
}

let lastSweep = 0;
let running: Promise<unknown> | undefined;

/**
 * The lazy trigger for the web: at most one sweep per min(60 s, TTL) per process, awaited by
 * the caller so what it then reads is already settled. Long-running workers may instead call
 * expirePendingOrders() on a timer.
 */
export async function expireDueOrdersLazily(): Promise<void> {
  const interval = Math.min(60_000, config().PENDING_ORDER_TTL_SEC * 1000);
  if (!running && Date.now() - lastSweep >= interval) {
    lastSweep = Date.now();
    running = expirePendingOrders()
      .catch((error) => logger().warn({ err: error }, "pending order expiry failed"))
      .finally(() => (running = undefined));
  }
  await running;
}
