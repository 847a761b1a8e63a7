import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertTopology, EXCHANGE } from "@/lib/telemetry/topology";
import { until } from "./process-helpers";

/**
 * Moving a broker's telemetry queues from classic to quorum (RABBITMQ_QUEUE_TYPE=quorum), in a
 * vhost of this test's own: durable queues cannot change type in place, so
 * scripts/migrate-queues.sh replaces the empty ones and leaves any that still hold messages.
 */
const vhost = `device_store_qtest_${randomUUID().slice(0, 8)}`;
const url = `amqp://guest:guest@127.0.0.1:5672/${vhost}`;
const rabbitmqctl = (...args: string[]) => execFileSync("rabbitmqctl", ["-q", ...args], { encoding: "utf8" });
const queueTypes = () =>
  Object.fromEntries(
    rabbitmqctl("list_queues", "-p", vhost, "--no-table-headers", "name", "type", "messages")
      .trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .map(([name, type, messages]) => [name, { type, messages: Number(messages) }]),
  );
const migrate = () => spawnSync("bash", ["scripts/migrate-queues.sh"], { env: { ...process.env, RABBITMQ_VHOST: vhost, RABBITMQ_QUEUE_TYPE: "quorum" }, encoding: "utf8" });

async function withChannel<T>(work: (ch: amqp.ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(url);
  try {
    const ch = await connection.createConfirmChannel();
    ch.on("error", () => {});
    return await work(ch);
  } finally {
    await connection.close().catch(() => {});
  }
}

beforeAll(() => {
  rabbitmqctl("add_vhost", vhost);
  rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
});
afterAll(() => {
  rabbitmqctl("delete_vhost", vhost);
});

describe("classic → quorum telemetry queues", () => {
  it("replaces empty classic queues, keeps one that holds messages until it is drained, then carries readings on quorum queues", async () => {
    await withChannel(async (ch) => {
      await assertTopology(ch, "classic");
      ch.publish(EXCHANGE, "status.1", Buffer.from("{}"), { persistent: true });
      await ch.waitForConfirms();
    });
    expect(queueTypes().queue_status).toEqual({ type: "classic", messages: 1 });

    const first = migrate();
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/queue_status .* holds 1 message/);
    expect(queueTypes().queue_status).toEqual({ type: "classic", messages: 1 }); // nothing lost
    expect(queueTypes().queue_data_ingestion).toBeUndefined();

    await withChannel((ch) => ch.purgeQueue("queue_status"));
    expect(migrate().status).toBe(0);
    await withChannel(async (ch) => {
      await assertTopology(ch, "quorum");
      ch.publish(EXCHANGE, "telemetry.7", Buffer.from('{"n":1}'), { persistent: true });
      await ch.waitForConfirms();
    });
    const after = queueTypes();
    for (const name of ["queue_data_ingestion", "queue_alerts", "queue_status"]) expect(after[name]?.type, name).toBe("quorum");
    // The broker's queue statistics lag a few seconds behind.
    await until("the reading counted in the quorum queue", () => queueTypes().queue_data_ingestion.messages === 1);
    // A second run has nothing to do.
    expect(migrate().status).toBe(0);
  });

  it("refuses to declare quorum over a classic queue that was not migrated (the broker's own rule)", async () => {
    rabbitmqctl("delete_queue", "-p", vhost, "queue_alerts");
    await withChannel((ch) => ch.assertQueue("queue_alerts", { durable: true, deadLetterExchange: "device_events.dlx" }));
    await expect(withChannel((ch) => assertTopology(ch, "quorum"))).rejects.toThrow(/PRECONDITION_FAILED|inequivalent/);
  });
});
