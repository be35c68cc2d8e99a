import { type Logger, pino } from "pino";
import pretty from "pino-pretty";

export type { Logger } from "pino";

export type LogFormat = "json" | "pretty";

/**
 * JSON lines for log collectors; readable lines for a person at a terminal. Pretty printing
 * runs in-process (no worker thread), so nothing is lost when the bot stops.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info", format: LogFormat = defaultLogFormat()): Logger {
  const options = { level, base: { app: "praktikbot" } };
  if (format === "pretty") {
    return pino(options, pretty({ colorize: process.stdout.isTTY === true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,app", sync: true }));
  }
  return pino(options);
}

function defaultLogFormat(): LogFormat {
  return process.stdout.isTTY ? "pretty" : "json";
}

/** A logger that writes nothing, for tests that check behaviour rather than logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
