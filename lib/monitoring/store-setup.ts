import type { Db } from "mongodb";
import { config } from "@/lib/config";
import { ensureFerretEqualityIndexes, type EqualityIndexOutcome } from "@/lib/telemetry/ferretdb-equality-indexes";
import { ensureTelemetryCollections } from "@/lib/telemetry/mongo";
import { ensureAlertIndexes } from "./alert-model";
import { ensureConnectivityIndexes } from "./connectivity-detector";

/**
 * Everything the monitoring store needs before the worker writes to it, idempotently: the
 * collections and their indexes, and on FerretDB the indexes its pushed-down equalities use.
 * The worker runs it at start; the benchmarks run it so that they measure the store as deployed.
 */
export async function prepareMonitoringStore(db: Db, ferretPostgresUrl = config().FERRETDB_POSTGRESQL_URL): Promise<EqualityIndexOutcome> {
  await ensureTelemetryCollections(db);
  await ensureAlertIndexes(db);
  await ensureConnectivityIndexes(db);
  return ensureFerretEqualityIndexes(db, ferretPostgresUrl);
}
