import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { mongoClient } from "@/lib/telemetry/mongo";
import { publisherLink } from "@/lib/telemetry/publisher";
import { EXCHANGE } from "@/lib/telemetry/topology";

type CheckResult = "ok" | "down";
export interface Health {
  ok: boolean;
  checks: { postgres: CheckResult; rabbitmq: CheckResult; mongodb: CheckResult };
  down: string[];
}

const checkSchema = z.enum(["ok", "down"]);
/**
 * `GET /api/health`: the overall status for everyone; which service is down only for admins and
 * the operator token. Degraded (503) also carries the error envelope's `error`.
 */
export const healthResponseSchema = z.strictObject({
  status: z.enum(["ok", "degraded"]),
  checks: z.strictObject({ postgres: checkSchema, rabbitmq: checkSchema, mongodb: checkSchema }).optional(),
  error: z.strictObject({ code: z.literal("service_unavailable"), message: z.string() }).optional(),
});
export const livenessResponseSchema = z.strictObject({ status: z.literal("ok") });

/** A few seconds: enough that a burst of health requests costs one round of probes. */
const CACHE_MS = 3_000;
const PROBE_TIMEOUT_MS = 3_000;

const withTimeout = <T>(promise: Promise<T>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), ms))),
  ]).finally(() => clearTimeout(timer));
};

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await withTimeout(probe(), PROBE_TIMEOUT_MS);
    return "ok";
  } catch {
    return "down";
  }
}

/**
 * Probes each backing service over the connections the web already keeps (Prisma's pool, the
 * ingest AMQP link, the telemetry Mongo client) — no new connection per call — and shares one
 * result among all callers for CACHE_MS.
 */
async function probe(): Promise<Health> {
  const [postgres, rabbitmq, mongodb] = await Promise.all([
    check(() => db().$queryRaw`SELECT 1`),
    check(async () => (await publisherLink().channel()).checkExchange(EXCHANGE)),
    check(() => mongoClient(config().MONGODB_URL).db().command({ ping: 1 })),
  ]);
  const checks = { postgres, rabbitmq, mongodb };
  const down = Object.entries(checks).filter(([, v]) => v !== "ok").map(([k]) => k);
  return { ok: down.length === 0, checks, down };
}

const globalHealth = globalThis as unknown as { health?: { at: number; result: Promise<Health> } };

export function checkHealth(): Promise<Health> {
  const cached = globalHealth.health;
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.result;
  const result = probe();
  globalHealth.health = { at: Date.now(), result };
  return result;
}
