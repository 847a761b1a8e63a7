/**
 * Runs once when the Next.js server starts: validate the environment so a wrong or missing
 * value stops the web process at start-up with a readable message, not on the first request;
 * then set up this process's metrics (lib/metrics.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { configOrExit, isDevSecret } = await import("@/lib/config");
  const { logger } = await import("@/lib/logger");
  const config = configOrExit();
  if (config.NODE_ENV === "production" && isDevSecret() && !process.env.ALLOW_DEV_SECRET) {
    logger().warn("AUTH_SECRET is the development default; set a real secret (32+ characters) outside local demos");
  }
  const { setMetricsProcess, watchQueueDepth } = await import("@/lib/metrics");
  const { QUEUES, DEAD_LETTER_QUEUE } = await import("@/lib/telemetry/topology");
  setMetricsProcess("web");
  watchQueueDepth(config.RABBITMQ_URL, [...Object.values(QUEUES).map((q) => q.name), DEAD_LETTER_QUEUE]);
}
