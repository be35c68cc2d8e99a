// `npm run playground [-- --as admin|jobcenter|partner]`: the bot with the demo data and the
// Microsoft 365 Agents Playground against it, as one of the demo's three people (the Playground
// has no way to switch user: stop it with Ctrl+C and start it again as someone else). The bot
// listens on PORT, or a free port when PORT is unset; the Playground on a free port it prints.
import { ConfigError } from "../config.js";
import { createLogger } from "../logger.js";
import { PLAYGROUND_ROLES } from "../seed/playground-world.js";
import { readOptions } from "./args.js";
import { CliError, runCli } from "./migrate.js";
import { isPlaygroundRole, startPlaygroundSession } from "./playground-session.js";

const USAGE = `npm run playground -- [--as ${PLAYGROUND_ROLES.join("|")}]`;

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2), ["as"], USAGE);
  const as = opts.as ?? "admin";
  if (!isPlaygroundRole(as)) throw new CliError(`--as must be ${PLAYGROUND_ROLES.join(", ")} or left out, not "${as}"`);
  const logger = createLogger((process.env.LOG_LEVEL as "info" | undefined) ?? "warn", process.stdout.isTTY ? "pretty" : "json");
  const started = Date.now();
  let session: Awaited<ReturnType<typeof startPlaygroundSession>>;
  try {
    session = await startPlaygroundSession({ as, logger });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  console.log(
    [
      "",
      `Praktikbot is running at ${session.bot.url} (demo data, ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`,
      `Open the Agents Playground: ${session.url}`,
      `You are ${session.person.name} (${as}). Type hjælp. Ctrl+C stops both.`,
      "",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => void session.stop().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    void session.exited.then(stop);
  });
}

runCli("playground", main);
