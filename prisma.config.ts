// Prisma CLI configuration. Migrations run through a JavaScript driver adapter and
// Prisma's WASM engine, so no native engine is downloaded. The adapter follows
// DATABASE_URL exactly as the bot does (see src/db/database-url.ts).
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { parseDatabaseUrl } from "./src/db/database-url.js";

const target = parseDatabaseUrl(process.env.DATABASE_URL);
// The schema's `url = env("DATABASE_URL")` must look like a PostgreSQL URL even when the
// adapter opens PGlite; the adapter, not this value, decides where the CLI connects.
if (target.kind === "pglite") process.env.DATABASE_URL = "postgresql://pglite@localhost/pglite";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  // Imported on use: `prisma generate` loads this file before the client the adapter needs exists.
  adapter: async () => (await import("./src/db/cli-adapter.js")).cliAdapter(target),
} satisfies PrismaConfig;
