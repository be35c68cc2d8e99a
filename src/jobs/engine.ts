// The job queue: pg-boss in the bot's own database. On PGlite it shares the bot's embedded
// instance (pg-boss's PGlite backend), so nothing else runs and nothing is downloaded; on
// PostgreSQL it opens a small pool of its own from DATABASE_URL. pg-boss installs and migrates its
// tables in the `pgboss` schema when it starts.
import { type Clock, fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/connect.js";
import type { Logger } from "../kernel/logger.js";

export type JobEngineOptions = {
  /** "manual": no cron, no supervision, no workers; tests run jobs through Scheduler.runOnce. */
  mode: "start" | "manual";
  /** PostgreSQL: connections of the queue's own pool. */
  poolSize?: number;
  /** The queue's time (tests move it with pg-boss's TestClock); the system clock by default. */
  clock?: Clock;
};

export function createJobEngine(db: Database, logger: Logger, opts: JobEngineOptions): PgBoss {
  const automatic = opts.mode === "start";
  const common = {
    schedule: automatic,
    supervise: automatic,
    migrate: true,
    // Expired tasks and tasks whose runner stopped beating are handed back this often: with the
    // tasks' 30 s heartbeat, a replica's crash delays its tasks by a minute or two at most.
    superviseIntervalSeconds: 30,
    monitorIntervalSeconds: 30,
    // Replicas are told apart by their jobs' heartbeats; a registry row per process adds nothing.
    registerInstance: false,
    openTelemetry: { enabled: false },
    ...(opts.clock ? { clock: opts.clock } : {}),
  } as const;
  const boss =
    db.target.kind === "pglite"
      ? new PgBoss({ ...common, db: fromPglite(requirePglite(db)), backend: "pglite" })
      : new PgBoss({ ...common, connectionString: db.target.url, max: opts.poolSize ?? 4, connectionTimeoutMillis: 5_000 });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  boss.on("warning", (warning) => logger.warn({ warning }, "job queue warning"));
  return boss;
}

function requirePglite(db: Database) {
  if (!db.pglite) throw new Error("an embedded database without its PGlite instance");
  return db.pglite;
}
