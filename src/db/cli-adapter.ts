// Driver adapter for the Prisma CLI (prisma.config.ts): the same DATABASE_URL rules as the bot.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { pgliteAdapter } from "./connect.js";
import type { DatabaseTarget } from "./database-url.js";

export async function cliAdapter(target: DatabaseTarget) {
  if (target.kind === "postgres") return new PrismaPg({ connectionString: target.url });
  const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  await pglite.waitReady;
  return pgliteAdapter(pglite);
}
