import { randomUUID } from "node:crypto";
import { z } from "zod";
import { config } from "@/lib/config";
import { AppError, validationError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import { authenticateDevice } from "@/lib/provisioning/credentials";
import { publishReadings } from "./publisher";
import { TokenBuckets } from "./rate-limit";
import { deviceMessageId, ingestBatchSchema, ingestReadingSchema, MAX_BATCH } from "./schema";

/** Units that are out in the field; anything else (in stock, defective…) may not send. */
export const SENDING_STATUSES = new Set(["sold", "deployed"]);

const globalForIngest = globalThis as unknown as { ingestBuckets?: TokenBuckets };
const buckets = () => (globalForIngest.ingestBuckets ??= new TokenBuckets(config().INGEST_RATE_PER_SEC, config().INGEST_BURST));

/** 401 for a bad token, 403 for a unit that is not in the field. */
export async function authorizeIngest(authorization: string | null) {
  const device = await authenticateDevice(authorization);
  if (!SENDING_STATUSES.has(device.status)) {
    throw new AppError("forbidden", `Device ${device.deviceId} is ${device.status}; only sold or deployed units may send telemetry`);
  }
  return device;
}

/** 413 for a batch over the limit, 422 naming the field for an invalid reading. */
export function parseIngestBody(body: unknown) {
  const readings = (body as { readings?: unknown } | null)?.readings;
  if (Array.isArray(readings) && readings.length > MAX_BATCH) {
    throw new AppError("payload_too_large", `A batch may hold at most ${MAX_BATCH} readings (got ${readings.length})`);
  }
  // Pick the shape by its key so that errors name the field rather than "no union member matched".
  if (body !== null && typeof body === "object" && "readings" in body) {
    const batch = ingestBatchSchema.safeParse(body);
    if (!batch.success) throw validationError(batch.error);
    return batch.data.readings;
  }
  const single = ingestReadingSchema.safeParse(body);
  if (!single.success) throw validationError(single.error);
  return [single.data];
}

/** `POST /api/ingest`'s 202 answer: the readings are safe in RabbitMQ, not yet stored. */
export const ingestAcceptedSchema = z.strictObject({
  accepted: z.number().int().positive(),
  /** One per reading, in order; storage is idempotent on it. */
  messageIds: z.array(z.string()),
  receivedAt: z.iso.datetime(),
});

/**
 * Accepts a device's readings: rate check, then one persistent publish confirmed by the broker.
 * Resolves only after the confirm, so a 202 means the readings are safe in RabbitMQ.
 */
export async function ingestReadings(deviceId: number, body: unknown): Promise<z.infer<typeof ingestAcceptedSchema>> {
  const readings = parseIngestBody(body);
  if (!buckets().take(deviceId, readings.length)) {
    throw new AppError("rate_limited", `Device ${deviceId} is over its rate of ${config().INGEST_RATE_PER_SEC} readings per second`);
  }
  const receivedAt = new Date();
  const stamped = readings.map((r) => ({ ...r, messageId: r.messageId ? deviceMessageId(deviceId, r.messageId) : randomUUID(), receivedAt }));
  await publishReadings(deviceId, stamped);
  metrics().ingestAccepted.inc(stamped.length);
  return { accepted: stamped.length, messageIds: stamped.map((r) => r.messageId), receivedAt: receivedAt.toISOString() };
}
