import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { ownedDeviceIds } from "@/lib/monitoring/ownership";
import { periodRange, previousPeriod } from "./period";
import { generateReport } from "./service";

export interface ScheduleResult {
  period: string;
  created: number;
  existing: number;
  failed: number;
}

/**
 * Last month's reports: the store's, and a fleet report for every customer who owns devices.
 * Only what is missing is made (generateReport with replace: false, under the report's lock and
 * unique key), so running it on every check — from any number of workers, after a restart, on
 * the 2nd because the worker was down on the 1st — makes each report exactly once.
 */
export async function runScheduledReports(now = new Date()): Promise<ScheduleResult> {
  const range = periodRange(previousPeriod(now), now)!;
  const result: ScheduleResult = { period: range.period, created: 0, existing: 0, failed: 0 };
  const customers = await db().$queryRaw<{ id: number }[]>`
    SELECT DISTINCT o.customer_id AS id FROM t_orders o JOIN t_users u ON u.id = o.customer_id
    WHERE o.status IN ('shipped', 'delivered') AND u.role = 'CUSTOMER' ORDER BY 1`;
  const jobs: { kind: "store" | "fleet"; customerId: number | null }[] = [{ kind: "store", customerId: null }];
  for (const c of customers) if ((await ownedDeviceIds(c.id)).length) jobs.push({ kind: "fleet", customerId: c.id });
  for (const job of jobs) {
    try {
      const { created } = await generateReport({ ...job, range, trigger: "schedule", replace: false }, now);
      if (created) result.created++;
      else result.existing++;
    } catch (error) {
      result.failed++;
      logger().error({ err: error, ...job, period: range.period }, "scheduled report failed");
    }
  }
  return result;
}

/**
 * The worker's timer: checks every `everyMs` and stops checking once a month's reports are all
 * made, until the month turns.
 */
export class ReportScheduler {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<void>;
  private donePeriod?: string;

  start(everyMs: number, firstAfterMs = 10_000): void {
    this.first ??= setTimeout(() => void this.tick(), firstAfterMs);
    this.timer ??= setInterval(() => void this.tick(), everyMs);
  }

  tick(now = new Date()): Promise<void> {
    if (this.donePeriod === previousPeriod(now)) return Promise.resolve();
    this.running ??= runScheduledReports(now)
      .then((r) => {
        if (r.created || r.failed) logger().info(r, "scheduled reports");
        if (r.failed === 0) this.donePeriod = r.period;
      })
      .catch((error: Error) => logger().error({ err: error.message }, "scheduled reports check failed"))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearTimeout(this.first);
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
