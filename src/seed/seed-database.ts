import type { PrismaClient } from "@prisma/client";
import { writeAudit } from "../db/audit.js";
import { dateFromIso } from "../kernel/dates.js";
import { EXAMPLE_PARTNERSHIPS, type SeedPartnership } from "./examples.js";

/**
 * Loads partnerships with their types, targets and organisations. Safe to run again: rows
 * are matched by slug and key, and existing ones are brought up to date, never duplicated.
 */
export async function seedPartnerships(
  prisma: PrismaClient,
  partnerships: readonly SeedPartnership[] = EXAMPLE_PARTNERSHIPS,
): Promise<{ partnerships: number }> {
  for (const seed of partnerships) {
    await prisma.$transaction(async (tx) => {
      const data = {
        name: seed.name,
        municipality: seed.municipality,
        periodStart: dateFromIso(seed.periodStart),
        periodEnd: dateFromIso(seed.periodEnd),
      };
      const partnership = await tx.partnership.upsert({ where: { slug: seed.slug }, create: { slug: seed.slug, ...data }, update: data });
      for (const [sortOrder, type] of seed.types.entries()) {
        const { key, ...rest } = type;
        await tx.placementType.upsert({
          where: { partnershipId_key: { partnershipId: partnership.id, key } },
          create: { partnershipId: partnership.id, key, ...rest, sortOrder },
          update: { ...rest, sortOrder },
        });
      }
      for (const [sortOrder, target] of seed.targets.entries()) {
        const { key, ...rest } = target;
        await tx.target.upsert({
          where: { partnershipId_key: { partnershipId: partnership.id, key } },
          create: { partnershipId: partnership.id, key, ...rest, sortOrder },
          update: { ...rest, sortOrder },
        });
      }
      for (const org of seed.organisations) {
        await tx.organisation.upsert({
          where: { partnershipId_name: { partnershipId: partnership.id, name: org.name } },
          create: { partnershipId: partnership.id, name: org.name, kind: org.kind },
          update: { kind: org.kind },
        });
      }
      await writeAudit(tx, { actor: "system:seed", entity: "partnership", entityId: partnership.id, action: "seed", after: { slug: seed.slug } });
    });
  }
  return { partnerships: partnerships.length };
}

/** Seeds only a database with no partnerships at all (SEED_EXAMPLES=1 at start-up). */
export async function seedIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.partnership.count()) > 0) return false;
  await seedPartnerships(prisma);
  return true;
}
