import { setTimeout as sleep } from "node:timers/promises";

/** Errors that say the database was briefly out of reach, not that the request was wrong. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && ["P1001", "P1002", "P1008", "P1017", "P2024", "P2034", "ECONNREFUSED", "ECONNRESET", "57P01", "57P03", "40001", "40P01"].includes(code)) {
    return true;
  }
  const message = error instanceof Error ? error.message : String(error);
  return /ECONNREFUSED|ECONNRESET|Connection terminated|server closed the connection|Can't reach database|terminating connection/i.test(message);
}

/**
 * Runs an operation that is safe to repeat (idempotent by key or read-only) again after a
 * transient database error, with a short backoff. Anything else is thrown at once.
 */
export async function withRetry<T>(operation: () => Promise<T>, opts: { attempts?: number; baseDelayMs?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 3;
  const base = opts.baseDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isTransientDatabaseError(error)) throw error;
      await sleep(base * 2 ** (attempt - 1));
    }
  }
}
