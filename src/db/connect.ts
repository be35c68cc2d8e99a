import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PGliteLike } from "pg-boss";
import { ChangeFeed, type ListenerLog, listenOnPostgres, reportingWrites } from "./change-feed.js";
import type { DatabaseTarget } from "./database-url.js";
import { DirectSql } from "./direct-sql.js";
import { PgliteThread } from "./pglite-thread.js";

export type Database = {
  prisma: PrismaClient;
  /** Raw SQL on the adapter Prisma uses, without its query compiler (direct-sql.ts): the registration path. */
  sql: DirectSql;
  target: DatabaseTarget;
  /** Raw SQL outside Prisma, for migrations and the health check. */
  exec: (sql: string) => Promise<void>;
  /** The changes to the tables this process caches, as they commit (change-feed.ts). */
  changes: ChangeFeed;
  /** The embedded database's client for the job queue that shares it (PGlite only). */
  pglite?: PGliteLike;
  /**
   * A new embedded cluster opened for the bot's own migrations: migrateDatabase saves it, just
   * migrated, so the next new cluster starts from there (PGlite only; once).
   */
  saveMigratedTemplate?: () => Promise<void>;
  /** A new embedded cluster that started from the template of the bot's migrations: they are applied already. */
  createdMigrated?: boolean;
  close: () => Promise<void>;
};

/**
 * Opens the database DATABASE_URL names, with the matching Prisma driver adapter. `migrations`:
 * the fingerprint of the migrations migrateDatabase will apply (`migrationsFingerprint()`), so a
 * new embedded cluster can start with them already applied.
 */
export async function connectDatabase(target: DatabaseTarget, opts: { migrations?: string; log?: ListenerLog } = {}): Promise<Database> {
  const changes = new ChangeFeed();
  if (target.kind === "pglite") {
    // Embedded PostgreSQL works on a thread of its own, beside the one that answers requests.
    const thread = await PgliteThread.open(target.dataDir, opts.migrations);
    thread.hearChanges(changes);
    const { factory, adapter } = await connectedOnce(thread.adapterFactory());
    const prisma = new PrismaClient({ adapter: factory });
    const { fresh, migrated } = thread.opened;
    return {
      prisma,
      sql: new DirectSql(adapter),
      target,
      changes,
      pglite: thread.jobQueueClient(),
      ...(fresh && !migrated && opts.migrations ? { saveMigratedTemplate: () => thread.saveMigratedTemplate() } : {}),
      ...(fresh && migrated ? { createdMigrated: true } : {}),
      exec: (sql) => thread.exec(sql),
      close: async () => {
        await prisma.$disconnect();
        await adapter.dispose();
        await thread.close();
      },
    };
  }
  // A server that does not answer must fail fast enough for a chat reply (Slack waits 3 s).
  const { factory, adapter } = await connectedOnce(
    reportingWrites(new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 }), changes),
  );
  const prisma = new PrismaClient({ adapter: factory });
  const listener = listenOnPostgres(target.url, changes, opts.log);
  return {
    prisma,
    sql: new DirectSql(adapter),
    target,
    changes,
    exec: async (sql) => {
      await prisma.$executeRawUnsafe(sql);
    },
    close: async () => {
      await listener.close();
      await prisma.$disconnect();
      await adapter.dispose();
    },
  };
}

/**
 * The factory's adapter, connected once, and a factory that hands Prisma that same adapter: one
 * pool for Prisma's statements and DirectSql's. Closing is the owner's (Database.close), not Prisma's.
 */
async function connectedOnce(
  factory: SqlMigrationAwareDriverAdapterFactory,
): Promise<{ factory: SqlMigrationAwareDriverAdapterFactory; adapter: SqlDriverAdapter }> {
  const adapter = await factory.connect();
  const shared: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: async () => {},
  };
  return {
    adapter,
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => shared,
      connectToShadowDb: () => factory.connectToShadowDb(),
    },
  };
}
