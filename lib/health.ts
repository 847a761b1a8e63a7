import amqp from "amqplib";
import { MongoClient } from "mongodb";
import { config } from "@/lib/config";
import { db } from "@/lib/db";

type CheckResult = "ok" | "down";

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await withTimeout(probe(), 3000);
    return "ok";
  } catch {
    return "down";
  }
}

/** Probes each backing service with a fresh, short connection: health must not lie from a cache. */
export async function checkHealth() {
  const [postgres, rabbitmq, mongodb] = await Promise.all([
    check(() => db().$queryRaw`SELECT 1`),
    check(async () => {
      const connection = await amqp.connect(config().RABBITMQ_URL);
      await connection.close();
    }),
    check(async () => {
      const client = new MongoClient(config().MONGODB_URL, {
        serverSelectionTimeoutMS: 2500,
        connectTimeoutMS: 2500,
        socketTimeoutMS: 2500,
      });
      try {
        await withTimeout(client.db().command({ ping: 1 }), 2500);
      } finally {
        // Forced: a server that hangs must not keep this probe's sockets open.
        void client.close(true).catch(() => {});
      }
    }),
  ]);
  const checks = { postgres, rabbitmq, mongodb };
  const down = Object.entries(checks).filter(([, v]) => v !== "ok").map(([k]) => k);
  return { ok: down.length === 0, checks, down };
}
