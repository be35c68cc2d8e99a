import { pino, type Logger } from "pino";

export type { Logger } from "pino";

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { app: "praktikbot" } });
}

/** A logger that writes nothing, for tests that check behaviour rather than logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
