import type { Db } from "mongodb";
import { logger } from "@/lib/logger";
import type { AlertPublisher } from "@/lib/monitoring/alert-engine";
import { withAlertLock } from "@/lib/monitoring/alert-lock";
import { clearAlertBySystem, raiseAlert } from "@/lib/monitoring/alert-raise";
import type { ReadingDoc } from "@/lib/telemetry/mongo";
import { AnomalyDetector, type AnomalyOptions } from "./anomaly";
import { anomalyAlert } from "./insight-alerts";

/**
 * `anomaly` alerts in the worker: readings just stored go through the streaming detector (in
 * arrival order, per device), a finding raises (or repeats) the device's `anomaly` alert with its
 * explanation, and `clearAfterReadings` calm readings clear it. The detector learns in memory, so
 * with several workers each learns from the share of readings it consumes.
 */
export class AnomalyAlerts {
  private detector: AnomalyDetector;
  /** Devices with an anomaly alert raised by this process → calm readings since the last finding. */
  private calm = new Map<number, number>();
  private chain: Promise<void> = Promise.resolve();
  raised = 0;
  cleared = 0;

  constructor(
    private readonly db: Db,
    private readonly publish: AlertPublisher,
    private readonly options: { clearAfterReadings: number; detector?: Partial<AnomalyOptions> } = { clearAfterReadings: 30 },
  ) {
    this.detector = new AnomalyDetector(options.detector);
  }

  observe(docs: ReadingDoc[]): void {
    if (!docs.length) return;
    this.chain = this.chain.then(() => this.evaluate(docs)).catch((error: Error) => logger().error({ err: error.message }, "anomaly evaluation failed"));
  }

  private async evaluate(docs: ReadingDoc[]) {
    const sorted = [...docs].sort((a, b) => a.device_id - b.device_id || a.timestamp.getTime() - b.timestamp.getTime());
    for (const doc of sorted) {
      const findings = this.detector.observe(doc.device_id, doc.timestamp, doc.metrics);
      if (findings.length) {
        this.calm.set(doc.device_id, 0);
        const alert = anomalyAlert(doc.device_id, findings[0]);
        const change = await withAlertLock(doc.device_id, "anomaly", () =>
          raiseAlert(this.db, { ...alert, count: 1, at: doc.timestamp, details: { ...alert.details, findings: findings.length } }),
        );
        if (change.action === "raised") this.raised++;
        await this.announce(change);
      } else if (this.calm.has(doc.device_id)) {
        const calm = this.calm.get(doc.device_id)! + 1;
        if (calm < this.options.clearAfterReadings) {
          this.calm.set(doc.device_id, calm);
          continue;
        }
        this.calm.delete(doc.device_id);
        const change = await withAlertLock(doc.device_id, "anomaly", () => clearAlertBySystem(this.db, doc.device_id, "anomaly", doc.timestamp));
        if (change) {
          this.cleared++;
          await this.announce(change);
        }
      }
    }
  }

  private async announce(change: Parameters<AlertPublisher>[0]) {
    await this.publish(change).catch((error: Error) => logger().warn({ err: error.message }, "anomaly alert publish failed"));
  }

  /** Evaluates everything observed so far (SIGTERM, tests). */
  async drain(): Promise<void> {
    await this.chain;
  }
}
