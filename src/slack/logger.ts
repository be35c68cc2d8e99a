// Bolt and the Web API client log through the bot's pino logger.
import { inspect } from "node:util";
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "pino";

export function toSlackLogger(logger: Logger): SlackLogger {
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : inspect(p, { depth: 3 }))).join(" ");
  return {
    debug: (...msg: unknown[]) => logger.debug(text(msg)),
    info: (...msg: unknown[]) => logger.info(text(msg)),
    warn: (...msg: unknown[]) => logger.warn(text(msg)),
    error: (...msg: unknown[]) => logger.error(text(msg)),
    // The level is pino's; Bolt only asks.
    setLevel: () => {},
    getLevel: () => {
      const level = logger.level;
      if (level === "trace" || level === "debug") return LogLevel.DEBUG;
      if (level === "info") return LogLevel.INFO;
      if (level === "warn") return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}
