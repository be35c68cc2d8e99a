// Puts the bot together: database, migrations, optional example data, the shared HTTP
// server with /healthz, and the Slack and Teams adapters on one port.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Logger } from "pino";
import type { PlatformAdapter } from "./adapter.js";
import { Bot } from "./bot/bot.js";
import type { Config } from "./config.js";
import { connectDatabase, type Database } from "./db/connect.js";
import { migrateDatabase, migrationNames, migrationsFingerprint } from "./db/migrate.js";
import { withCachedSlackInstallations } from "./db/read-cache.js";
import { PrismaSlackInstallations } from "./db/slack-installations.js";
import { createPrismaStores } from "./db/stores.js";
import { TokenCipher } from "./db/token-cipher.js";
import { weeklyDigestsJob } from "./features/digests/weekly-job.js";
import { eventRemindersJob } from "./features/events/reminders-job.js";
import { iguMilestonesJob } from "./features/placement-rules/igu-milestones-job.js";
import { startPlacementsJob } from "./features/placement-rules/start-placements-job.js";
import { placementRetentionJob } from "./features/privacy/retention-job.js";
import { quarterlyStatusRemindersJob } from "./features/quarterly/reminders-job.js";
import { supportDeadlinesJob } from "./features/support-requests/deadlines-job.js";
import { FileShelf } from "./http/file-shelf.js";
import { createI18n } from "./i18n/index.js";
import { createJobEngine } from "./jobs/engine.js";
import { Scheduler } from "./jobs/scheduler.js";
import { todayIn } from "./kernel/dates.js";
import { RoutingMessenger } from "./kernel/messenger.js";
import { seedDemo } from "./seed/demo-data.js";
import { seedIfEmpty } from "./seed/seed-database.js";
import { createTeamsAdapter } from "./teams/index.js";

export type RunningApp = {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  port: number;
  db: Database;
  bot: Bot;
  adapters: PlatformAdapter[];
  /** Scheduled jobs; runOnce(now) runs them for one time slot. */
  jobs: Scheduler;
  close(): Promise<void>;
};

export type StartOptions = {
  logger: Logger;
  clock?: () => Date;
  /** Use this database instead of opening the one in config (tests share one per file). */
  database?: Database;
  /** Close `database` with the app (main.ts opens it early, while the app's code loads). */
  closeDatabase?: boolean;
  /** "manual": scheduled jobs only run through jobs.runOnce (tests); default: on their cron schedule, on the job queue. */
  jobs?: "start" | "manual";
};

export async function startApp(config: Config, opts: StartOptions): Promise<RunningApp> {
  const { logger } = opts;
  const ownsDatabase = !opts.database || opts.closeDatabase === true;
  const db = opts.database ?? (await connectDatabase(config.database, { migrations: migrationsFingerprint(), log: logger }));
  try {
    const { applied } = await migrateDatabase(db);
    // A new embedded database that started from the migrated template got them all at once.
    if (db.createdMigrated) logger.info({ applied: migrationNames(), from: "template" }, "database migrated");
    else if (applied.length > 0) logger.info({ applied }, "database migrated");
    if (config.seedExamples === "demo") {
      const loaded = await seedDemo(db.prisma, { today: todayIn(config.timezone, (opts.clock ?? (() => new Date()))()) });
      if (loaded.length > 0) logger.info({ loaded }, "demo data loaded (SEED_EXAMPLES=demo)");
    } else if (config.seedExamples && (await seedIfEmpty(db.prisma))) logger.info("example partnerships loaded (SEED_EXAMPLES=1)");
  } catch (error) {
    if (ownsDatabase) await db.close();
    throw error;
  }

  const { stores, store, cache } = createPrismaStores(db.prisma, { now: opts.clock, changes: db.changes, sql: db.sql });
  const messenger = new RoutingMessenger(logger);
  const i18n = createI18n(config.defaultLocale);
  const bot = new Bot({
    messenger,
    store,
    i18n,
    admins: config.admins,
    timezone: config.timezone,
    clock: opts.clock,
    logger,
  });

  const http = express();
  http.disable("x-powered-by");
  http.get("/healthz", async (_req, res) => {
    const ok = await store.ping();
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "database unavailable" });
  });

  const files = new FileShelf();
  files.route(http);
  const context = { bot, http, logger, defaultLocale: config.defaultLocale, store, files, publicUrl: () => config.publicUrl ?? url };
  const adapters: PlatformAdapter[] = [];
  if (config.slack) {
    const oauthKey = config.slack.oauth?.tokenEncryptionKey;
    // Bolt asks for the workspace's installation on every request: read from memory until one changes.
    const installations = withCachedSlackInstallations(
      new PrismaSlackInstallations(db.prisma, oauthKey ? new TokenCipher(oauthKey) : undefined, opts.clock),
      cache,
    );
    // Bolt is loaded only when Slack is configured.
    const { createSlackAdapter } = await import("./slack/index.js");
    adapters.push(await createSlackAdapter(config.slack, context, installations));
  }
  if (config.teams.mode !== "off") adapters.push(await createTeamsAdapter(config.teams, context));
  else logger.warn("Teams is off: no CLIENT_ID/CLIENT_SECRET/TENANT_ID and HOST is not a loopback address");
  for (const adapter of adapters) messenger.register(adapter.name, adapter.messenger);
  const boss = createJobEngine(db, logger, { mode: opts.jobs ?? "start" });
  await boss.start();
  const jobs = new Scheduler({ boss, logger, timezone: config.timezone, clock: opts.clock })
    .add(supportDeadlinesJob({ store, messenger, i18n, logger, timezone: config.timezone, admins: config.admins }))
    .add(weeklyDigestsJob({ store, messenger, i18n, logger, timezone: config.timezone, admins: config.admins }))
    .add(placementRetentionJob({ store, logger, timezone: config.timezone, retentionYears: config.retentionYears }))
    .add(
      quarterlyStatusRemindersJob({
        store,
        notices: stores.notices,
        messenger,
        i18n,
        logger,
        timezone: config.timezone,
        admins: config.admins,
      }),
    )
    .add(eventRemindersJob({ store, notices: stores.notices, messenger, i18n, logger, timezone: config.timezone }))
    .add(iguMilestonesJob({ store, placements: stores.iguMilestones, notices: stores.notices, messenger, i18n, logger, timezone: config.timezone }))
    .add(startPlacementsJob({ store, logger, timezone: config.timezone }));

  const server: Server = await new Promise((resolve, reject) => {
    const s = config.host ? http.listen(config.port, config.host) : http.listen(config.port);
    s.once("listening", () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const host = config.host ?? "localhost";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  for (const adapter of adapters) await adapter.start();
  // The schedules and workers start behind the server: nothing a request needs waits for them.
  const jobsStarted =
    opts.jobs === "manual" ? Promise.resolve() : jobs.start().catch((error: unknown) => logger.error({ err: error }, "scheduled jobs did not start"));

  return {
    url,
    port: address.port,
    db,
    bot,
    adapters,
    jobs,
    close: async () => {
      await jobsStarted;
      await jobs.stop();
      await boss.stop({ graceful: true, timeout: 10_000 }).catch((error: unknown) => logger.warn({ err: error }, "job queue stop failed"));
      for (const adapter of adapters) await adapter.stop().catch((error: unknown) => logger.warn({ err: error }, "adapter stop failed"));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (ownsDatabase) await db.close();
    },
  };
}
