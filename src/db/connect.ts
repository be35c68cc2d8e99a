import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "./database-url.js";

export type Database = {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Raw SQL outside Prisma, for migrations and the health check. */
  exec: (sql: string) => Promise<void>;
  /** The embedded instance itself, for the job queue that shares it (PGlite only). */
  pglite?: PGlite;
  close: () => Promise<void>;
};

/** Opens the database DATABASE_URL names, with the matching Prisma driver adapter. */
export async function connectDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "pglite") {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await pglite.waitReady;
    const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
    return {
      prisma,
      target,
      pglite,
      exec: async (sql) => {
        await pglite.exec(sql);
      },
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  // A server that does not answer must fail fast enough for a chat reply (Slack waits 3 s).
  const adapter = new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    target,
    exec: async (sql) => {
      await prisma.$executeRawUnsafe(sql);
    },
    close: async () => {
      await prisma.$disconnect();
    },
  };
}

/**
 * pglite-prisma-adapter 0.6 is compiled against @prisma/driver-adapter-utils 6.10, whose type
 * declarations differ from 6.19's in names only; the runtime contract is the same one every
 * test exercises, so the factory is typed as Prisma 6.19's.
 */
export function pgliteAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
}
