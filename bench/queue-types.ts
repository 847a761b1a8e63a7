/**
 * Quorum against classic queues on the local RabbitMQ, same run, same message shape: persistent
 * telemetry-sized messages published with confirms (in windows, like the ingest path), then
 * consumed with manual acks and prefetch 200 (like the worker). Runs in its own vhost and deletes
 * its queues afterwards.  npx tsx bench/queue-types.ts [--messages 20000]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import amqp from "amqplib";

const { values } = parseArgs({ options: { messages: { type: "string", default: "20000" }, url: { type: "string" } } });
const COUNT = Number(values.messages);
const URL = values.url ?? process.env.RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672/bench";
const WINDOW = 500;
const body = Buffer.from(JSON.stringify({ readings: [{ metrics: { temperature: 21.5, humidity: 40, cpu_usage: 12, memory_usage: 30, battery_level: 97 }, location: { lat: 48.1, lng: 11.5 }, timestamp: new Date().toISOString(), messageId: "0".repeat(36) }] }));

async function run(type: "classic" | "quorum") {
  const connection = await amqp.connect(URL);
  const ch = await connection.createConfirmChannel();
  const queue = `bench_queue_${type}_${process.pid}`;
  await ch.assertQueue(queue, { durable: true, arguments: { "x-queue-type": type } });

  const t0 = performance.now();
  for (let sent = 0; sent < COUNT; sent += WINDOW) {
    for (let i = sent; i < Math.min(COUNT, sent + WINDOW); i++) ch.sendToQueue(queue, body, { persistent: true });
    await ch.waitForConfirms();
  }
  const publishSec = (performance.now() - t0) / 1000;

  const consumer = await connection.createChannel();
  await consumer.prefetch(200);
  const t1 = performance.now();
  await new Promise<void>((resolve) => {
    let got = 0;
    void consumer.consume(queue, (msg) => {
      if (!msg) return;
      consumer.ack(msg);
      if (++got === COUNT) resolve();
    });
  });
  const consumeSec = (performance.now() - t1) / 1000;
  await ch.deleteQueue(queue);
  await connection.close();
  return { type, publishPerSec: Math.round(COUNT / publishSec), consumePerSec: Math.round(COUNT / consumeSec) };
}

const results: Awaited<ReturnType<typeof run>>[] = [];
// Alternate twice so neither type always runs on a colder or busier moment.
for (const type of ["classic", "quorum", "classic", "quorum"] as const) results.push(await run(type));
const best = (type: string, key: "publishPerSec" | "consumePerSec") => Math.max(...results.filter((r) => r.type === type).map((r) => r[key]));
const summary = {
  messages: COUNT,
  classic: { publishPerSec: best("classic", "publishPerSec"), consumePerSec: best("classic", "consumePerSec") },
  quorum: { publishPerSec: best("quorum", "publishPerSec"), consumePerSec: best("quorum", "consumePerSec") },
  runs: results,
};
const ratio = (k: "publishPerSec" | "consumePerSec") => (summary.quorum[k] / summary.classic[k]).toFixed(2);
console.log(`classic: publish ${summary.classic.publishPerSec}/s, consume ${summary.classic.consumePerSec}/s`);
console.log(`quorum:  publish ${summary.quorum.publishPerSec}/s (${ratio("publishPerSec")}× classic), consume ${summary.quorum.consumePerSec}/s (${ratio("consumePerSec")}× classic)`);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/queue-types.json", JSON.stringify(summary, null, 2) + "\n");
