// The Teams SDK logs through its own ILogger interface; this sends those lines to the bot's pino
// logger, one level lower for info and debug because the SDK is chatty about routine work.
import { format } from "node:util";
import type { AppOptions, IPlugin } from "@microsoft/teams.apps";
import type { Logger } from "pino";

type SdkLogger = NonNullable<AppOptions<IPlugin>["logger"]>;
type SdkLevel = "error" | "warn" | "info" | "debug" | "trace";

export function sdkLogger(logger: Logger, name = "teams-sdk"): SdkLogger {
  const write = (level: SdkLevel, msg: unknown[]) => {
    const target = level === "info" ? "debug" : level === "debug" ? "trace" : level;
    if (!logger.isLevelEnabled(target)) return;
    const error = msg.find((m): m is Error => m instanceof Error);
    const text = format(...msg.filter((m) => m !== error).map((m) => (typeof m === "string" ? m : safeInspect(m))));
    logger[target]({ component: name, ...(error ? { err: { message: error.message, name: error.name } } : {}) }, text);
  };
  const self: SdkLogger = {
    error: (...msg) => write("error", msg),
    warn: (...msg) => write("warn", msg),
    info: (...msg) => write("info", msg),
    debug: (...msg) => write("debug", msg),
    trace: (...msg) => write("trace", msg),
    log: (level, ...msg) => write(level, msg),
    child: (child) => sdkLogger(logger, `${name}/${child}`),
  };
  return self;
}

/** Objects the SDK logs (errors from HTTP calls among them) may hold request headers; keep it short. */
function safeInspect(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => !/header|authorization|token|secret|config|request/i.test(k));
  try {
    const text = JSON.stringify(Object.fromEntries(keys.map((k) => [k, record[k]])));
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return "[object]";
  }
}
