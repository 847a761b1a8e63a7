/**
 * The one backoff for everything that retries (broker reconnects, store writes, start-up
 * waits): exponential from `baseMs`, capped at `maxMs`, with up to 20 % jitter so that
 * several workers do not retry in step.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

export function backoffDelay(attempt: number, { baseMs = 200, maxMs = 10_000 }: BackoffOptions = {}): number {
  const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(delay * (1 + Math.random() * 0.2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn`, retrying errors `isRetryable` accepts at most `retries` times; the last error (or
 * any error that is not retryable) is thrown.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: BackoffOptions & { retries: number; isRetryable: (error: unknown) => boolean; onRetry?: (error: unknown, delayMs: number, attempt: number) => void },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= options.retries || !options.isRetryable(error)) throw error;
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(error, delay, attempt);
      await sleep(delay);
    }
  }
}
