// `npm run db:seed`: migrates the database DATABASE_URL names, then loads the example
// partnerships (Aalborg 2016, Fredericia 2013). Safe to run again: existing ones are updated.
import { EXAMPLE_PARTNERSHIPS } from "../seed/examples.js";
import { seedPartnerships } from "../seed/seed-database.js";
import { describeMigration, openMigratedDatabase, runCli } from "./migrate.js";

async function main(): Promise<void> {
  const { db, target, migration } = await openMigratedDatabase();
  try {
    console.log(describeMigration(target, migration));
    const slugs = EXAMPLE_PARTNERSHIPS.map((p) => p.slug);
    const existing = new Set((await db.prisma.partnership.findMany({ where: { slug: { in: slugs } }, select: { slug: true } })).map((p) => p.slug));
    await seedPartnerships(db.prisma);
    const created = slugs.filter((slug) => !existing.has(slug));
    const updated = slugs.filter((slug) => existing.has(slug));
    const parts = [
      created.length > 0 ? `added ${created.join(", ")}` : undefined,
      updated.length > 0 ? `brought ${updated.join(", ")} up to date (already there)` : undefined,
    ].filter((part) => part !== undefined);
    console.log(`Example partnerships: ${parts.join("; ")}`);
  } finally {
    await db.close();
  }
}

runCli("db:seed", main);
