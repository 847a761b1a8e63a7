/**
 * Empties the telemetry database named in MONGODB_URL (readings, rollups, alerts, connectivity):
 * the test run's counterpart of `migrate.ts --reset`. PostgreSQL ids restart with every reset,
 * so what an earlier run left under the same device ids (an open "device offline" alert, say)
 * would otherwise show up in this run. Refuses any database whose name does not end in `_test`.
 *   npx tsx scripts/reset-telemetry-store.ts
 */
import { MongoClient } from "mongodb";
import { configOrExit } from "@/lib/config";

const url = configOrExit().MONGODB_URL;
const client = new MongoClient(url, { serverSelectionTimeoutMS: 30_000 });
const db = client.db();
if (!db.databaseName.endsWith("_test")) {
  console.error(`refusing to empty ${db.databaseName}: only a database whose name ends in _test`);
  process.exit(2);
}
try {
  await db.dropDatabase();
  console.log(`emptied ${db.databaseName}`);
} finally {
  await client.close();
}
