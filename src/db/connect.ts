import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "./database-url.js";

export type Database = {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Raw SQL outside Prisma, for migrations and the health check. */
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
};

/** Opens the database DATABASE_URL names, with the matching Prisma driver adapter. */
export async function connectDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "pglite") {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await pglite.waitReady;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      target,
      exec: async (sql) => {
        await pglite.exec(sql);
      },
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const adapter = new PrismaPg({ connectionString: target.url, max: 10 });
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
