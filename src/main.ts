// `npm start`: reads the environment, starts the bot, and stops cleanly on SIGINT/SIGTERM. The
// database starts opening (embedded PGlite on its own thread) before the rest of the app's code is
// loaded, so the two happen side by side.
import { type Config, ConfigError, loadConfig } from "./config.js";
import { connectDatabase } from "./db/connect.js";
import { migrationsFingerprint } from "./db/migrate.js";
import { createLogger } from "./logger.js";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Praktikbot cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, config.logFormat);
  const opening = connectDatabase(config.database, { migrations: migrationsFingerprint(), log: logger });
  // Settled here too, so a database that fails while the code loads is not an unhandled rejection.
  opening.catch(() => undefined);
  const { startApp } = await import("./app.js");
  const app = await startApp(config, { logger, database: await opening, closeDatabase: true });
  logger.info(
    {
      url: app.url,
      database: config.database.description,
      slack: config.slack ? `${config.slack.mode} mode` : "off",
      teams: config.teams.mode,
      admins: config.admins.size,
    },
    `Praktikbot is listening on ${app.url}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("Praktikbot stopped with an error:", error);
  process.exit(1);
});
