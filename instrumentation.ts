/**
 * Runs once when the Next.js server starts: validate the environment so a wrong or missing
 * value (in production: a development or guessable AUTH_SECRET) stops the web process at
 * start-up with a readable message, not on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { configOrExit } = await import("@/lib/config");
  configOrExit();
}
