/**
 * Runs once when the Next.js server starts: validate the environment so a wrong or missing
 * value (in production: a development or guessable AUTH_SECRET) stops the web process at
 * start-up with a readable message, not on the first request; then set up this process's
 * metrics (lib/metrics.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { configOrExit } = await import("@/lib/config");
  const config = configOrExit();
  const { setMetricsProcess, watchQueueDepth } = await import("@/lib/metrics");
  const { QUEUES, DEAD_LETTER_QUEUE } = await import("@/lib/telemetry/topology");
  setMetricsProcess("web");
  watchQueueDepth(config.RABBITMQ_URL, [...Object.values(QUEUES).map((q) => q.name), DEAD_LETTER_QUEUE]);
}
