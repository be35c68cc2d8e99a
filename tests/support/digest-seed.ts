// A seeded partnership for the digest tests and the benchmark: placements registered over many
// weeks, some ending soon, support requests open and overdue.

import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";

export type DigestSeed = { partnershipId: string; organisationIds: string[]; placements: number };

/** Adds `count` placements to aalborg-2016 spread over `from`..`to` (registration times). */
export async function seedDigestPlacements(
  prisma: PrismaClient,
  opts: { count: number; from: Date; to: Date; endingFrom?: string; seed?: number },
): Promise<DigestSeed> {
  const partnership = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const organisations = await prisma.organisation.findMany({ where: { partnershipId: partnership.id }, orderBy: { name: "asc" } });
  const types = await prisma.placementType.findMany({ where: { partnershipId: partnership.id }, orderBy: { sortOrder: "asc" } });
  const company = await prisma.company.upsert({ where: { cvr: "24256790" }, create: { cvr: "24256790", name: "Aalborg Portland" }, update: {} });
  let state = opts.seed ?? 7;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const span = opts.to.getTime() - opts.from.getTime();
  const rows = [];
  for (let i = 0; i < opts.count; i++) {
    const type = types[Math.floor(random() * Math.min(types.length, 4))]!;
    const createdAt = new Date(opts.from.getTime() + Math.floor(random() * span));
    const start = createdAt.toISOString().slice(0, 10);
    const end = new Date(createdAt.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
    rows.push({
      id: randomUUID(),
      partnershipId: partnership.id,
      organisationId: organisations[Math.floor(random() * organisations.length)]!.id,
      companyId: company.id,
      typeId: type.id,
      places: 1 + Math.floor(random() * 3),
      startDate: new Date(`${start}T00:00:00Z`),
      weeks: 13,
      endDate: new Date(`${end}T00:00:00Z`),
      employerSector: random() < 0.3 ? ("public" as const) : ("private" as const),
      sector: "construction",
      shortageSector: random() < 0.6,
      contactPerson: "Hanne Jensen",
      needs: [],
      status: "active" as const,
      createdBy: "slack:T1:USEED",
      createdAt,
      idempotencyKey: randomUUID(),
    });
  }
  for (let i = 0; i < rows.length; i += 2000) await prisma.placement.createMany({ data: rows.slice(i, i + 2000) });
  return { partnershipId: partnership.id, organisationIds: organisations.map((o) => o.id), placements: rows.length };
}
