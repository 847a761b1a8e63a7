/**
 * What raises the store's own write ceiling? Raw `insertMany` of the worker's documents into
 * fresh scratch collections, varying one thing at a time against a baseline in the same run:
 *   - batch size (250, 1,000, 4,000 documents per insertMany);
 *   - writes in flight (1, 2, 4 concurrent insertMany calls);
 *   - indexes: all that monitoring_data carries (on FerretDB, with the GIN index its pushed-down
 *     `device_id` equality uses: lib/telemetry/ferretdb-equality-indexes.ts), the MongoDB ones
 *     alone (without that GIN index), without `time` (retention's), and the unique `messageId`
 *     alone (the idempotency key, which cannot go).
 * Rounds are interleaved (every variant once per round, in rotating order) and each figure is the
 * median of its rounds, reported as a ratio to the baseline (1,000 × 1, all indexes): a noisy
 * machine shifts every variant of a round together.
 *
 *   npx tsx bench/ingest-ceiling.ts [--docs 20000] [--rounds 3] [--quick]
 * Uses MONGODB_URL's server, in a database of its own (<db>_bench_ceiling), dropped afterwards.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { MongoClient, type Collection, type Document } from "mongodb";
import { prepareMonitoringStore } from "@/lib/monitoring/store-setup";
import { COLLECTIONS, ensureTelemetryCollections } from "@/lib/telemetry/mongo";
import { readingSchema } from "@/lib/telemetry/schema";
import { SimDevice } from "@/simulator/device-model";
import { recordResults } from "./results-file";

const { values } = parseArgs({ options: { docs: { type: "string" }, rounds: { type: "string" }, quick: { type: "boolean", default: false } } });
const QUICK = values.quick!;
const DOCS = Number(values.docs ?? (QUICK ? 4_000 : 20_000));
const ROUNDS = Number(values.rounds ?? (QUICK ? 1 : 3));
const DEVICES = 20;

type IndexSet = "all" | "mongoOnly" | "noTime" | "uniqueOnly";
interface Variant {
  name: string;
  batch: number;
  inFlight: number;
  indexes: IndexSet;
}
const BASELINE: Variant = { name: "baseline: 1000 × 1, all indexes", batch: 1000, inFlight: 1, indexes: "all" };
const VARIANTS: Variant[] = [
  BASELINE,
  { name: "batches of 250", batch: 250, inFlight: 1, indexes: "all" },
  { name: "batches of 4000", batch: 4000, inFlight: 1, indexes: "all" },
  { name: "2 in flight", batch: 1000, inFlight: 2, indexes: "all" },
  { name: "4 in flight", batch: 1000, inFlight: 4, indexes: "all" },
  { name: "without FerretDB's device_id GIN index", batch: 1000, inFlight: 1, indexes: "mongoOnly" },
  { name: "without the time index", batch: 1000, inFlight: 1, indexes: "noTime" },
  { name: "messageId index only", batch: 1000, inFlight: 1, indexes: "uniqueOnly" },
];

function documents(count: number): Document[] {
  const devices = Array.from({ length: DEVICES }, (_, i) => new SimDevice(i + 1));
  return Array.from({ length: count }, (_, i) => ({
    ...readingSchema.parse(devices[i % DEVICES].next()!),
    messageId: randomUUID(),
    device_id: (i % DEVICES) + 1,
    receivedAt: new Date(),
  }));
}

async function freshCollection(client: MongoClient, indexes: IndexSet): Promise<Collection> {
  const scratch = client.db(`${client.db().databaseName}_bench_ceiling`);
  await scratch.dropDatabase().catch(() => undefined);
  if (indexes === "all") await prepareMonitoringStore(scratch);
  if (indexes === "mongoOnly") await ensureTelemetryCollections(scratch);
  const col = scratch.collection(COLLECTIONS.data);
  if (indexes === "noTime" || indexes === "uniqueOnly") {
    await col.createIndex({ messageId: 1 }, { unique: true, name: "messageId_unique" });
    if (indexes === "noTime") await col.createIndex({ device_id: 1, timestamp: -1 }, { name: "device_time" });
  }
  return col;
}

async function run(client: MongoClient, v: Variant): Promise<number> {
  const col = await freshCollection(client, v.indexes);
  // Documents are built before the clock starts; copies, since the driver adds `_id`.
  const batches: Document[][] = [];
  const docs = documents(DOCS);
  for (let i = 0; i < docs.length; i += v.batch) batches.push(docs.slice(i, i + v.batch));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: v.inFlight }, async () => {
      while (next < batches.length) await col.insertMany(batches[next++], { ordered: false });
    }),
  );
  return DOCS / ((performance.now() - started) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const client = new MongoClient(process.env.MONGODB_URL ?? "mongodb://127.0.0.1:27017/device_monitoring_bench");
try {
  const rates = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
    for (const v of order) rates.get(v.name)!.push(await run(client, v));
  }
  const base = median(rates.get(BASELINE.name)!);
  const rows = VARIANTS.map((v) => {
    const rate = median(rates.get(v.name)!);
    return { variant: v.name, "docs/s (median)": Math.round(rate), "× baseline": Math.round((rate / base) * 100) / 100 };
  });
  console.log(`raw insertMany, ${DOCS} documents per run, median of ${ROUNDS} interleaved round(s):`);
  console.table(rows);
  const best = rows.reduce((a, b) => (b["docs/s (median)"] > a["docs/s (median)"] ? b : a));
  recordResults({
    "ingestCeiling.baselineDocsPerSec": Math.round(base),
    "ingestCeiling.bestVariant": best.variant,
    "ingestCeiling.bestRatio": best["× baseline"],
    ...Object.fromEntries(VARIANTS.slice(1).map((v, i) => [`ingestCeiling.ratio.${["batch250", "batch4000", "inFlight2", "inFlight4", "noEqualityIndex", "noTimeIndex", "uniqueIndexOnly"][i]}`, rows[i + 1]["× baseline"]])),
  });
  await client.db(`${client.db().databaseName}_bench_ceiling`).dropDatabase().catch(() => undefined);
} finally {
  await client.close();
}
