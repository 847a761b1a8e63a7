/**
 * Runs once when the Next.js server starts: validate the environment so a wrong or missing
 * value stops the web process at start-up with a readable message, not on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { configOrExit, isDevSecret } = await import("@/lib/config");
  const config = configOrExit();
  if (config.NODE_ENV === "production" && isDevSecret() && !process.env.ALLOW_DEV_SECRET) {
    console.warn("[config] AUTH_SECRET is the development default; set a real secret (32+ characters) outside local demos.");
  }
}
