import { setTimeout as sleep } from "node:timers/promises";

/** Codes of errors that say the database was briefly out of reach or busy: Prisma's, Node's, and SQLSTATEs. */
const TRANSIENT_CODES = new Set([
  ...["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"],
  ...["ECONNREFUSED", "ECONNRESET"],
  // admin_shutdown, cannot_connect_now, serialization_failure, deadlock_detected, too_many_connections
  ...["57P01", "57P03", "40001", "40P01", "53300"],
]);

/** The same, as Prisma's driver adapters name them (DriverAdapterError.cause.kind). */
const TRANSIENT_KINDS = new Set(["TransactionWriteConflict", "DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

const TRANSIENT_MESSAGE = /ECONNREFUSED|ECONNRESET|Connection terminated|server closed the connection|Can't reach database|terminating connection/i;

/**
 * Errors that say the database was briefly out of reach, not that the request was wrong. A
 * driver adapter's error can reach us as it is, or wrapped by Prisma, so the whole chain is read.
 */
function isTransientDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== "object") return TRANSIENT_MESSAGE.test(String(e));
    const { code, originalCode, kind, message } = e as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown };
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    if (typeof originalCode === "string" && TRANSIENT_CODES.has(originalCode)) return true;
    if (typeof kind === "string" && TRANSIENT_KINDS.has(kind)) return true;
    if (typeof message === "string" && TRANSIENT_MESSAGE.test(message)) return true;
    const { cause, meta } = e as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    e = cause ?? meta?.driverAdapterError;
  }
  return false;
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
