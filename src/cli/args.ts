// Reading `--name value` options for the secretariat's commands; a bad argument is one line.
import { parseArgs } from "node:util";
import { CliError } from "./migrate.js";

export function readOptions<const K extends string>(argv: string[], names: readonly K[], usage: string): Partial<Record<K, string>> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: Object.fromEntries(names.map((n) => [n, { type: "string" as const }])),
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
    return values as Partial<Record<K, string>>;
  } catch (error) {
    throw new CliError(`${(error as Error).message.split(/\.\s|\n/)[0]}. Usage: ${usage}`);
  }
}

export function required<T extends string>(value: T | undefined, name: string, usage: string): T {
  if (value === undefined || value === "") throw new CliError(`--${name} is missing. Usage: ${usage}`);
  return value;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} must be ${allowed.join(" or ")}, not "${value}"`);
  return value as T;
}

/** BOT_TIMEZONE as the bot reads it. */
export function timezoneFrom(env: NodeJS.ProcessEnv): string {
  const zone = env.BOT_TIMEZONE?.trim() || "Europe/Copenhagen";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw new CliError(`BOT_TIMEZONE "${zone}" is not an IANA time zone such as Europe/Copenhagen`);
  }
  return zone;
}
