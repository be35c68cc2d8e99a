// Driver adapter for the Prisma CLI (prisma.config.ts): the same DATABASE_URL rules as the bot.
import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseTarget } from "./database-url.js";
import { pgliteAdapter } from "./pglite-adapter.js";
import { openPglite } from "./pglite-open.js";

export async function cliAdapter(target: DatabaseTarget) {
  if (target.kind === "postgres") return new PrismaPg({ connectionString: target.url });
  return pgliteAdapter((await openPglite(target.dataDir)).pglite);
}
