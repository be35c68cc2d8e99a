// Prisma for registering and listing placements (features/placements/store.ts).
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { NewPlacement, PlacementQuery, PlacementsStore, WorkplaceLockedStore } from "../features/placements/store.js";
import { dateFromIso, type IsoDate } from "../kernel/dates.js";
import { APPROVED_STATUSES, type AuditEntry, type PlacementRecord, type PlacementTally } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { findWorkplace, listRatioPlacements, updatePlacement } from "./placement-rules-store.js";
import { isUniqueViolation, placementInclude, toPlacement } from "./rows.js";

/**
 * The workplace's id by its P-nummer, created when new; a newly given employee figure replaces the
 * stored one. One statement: it runs inside the registration's transaction, under the workplace's lock.
 */
async function upsertWorkplace(tx: Prisma.TransactionClient, companyId: string, w: NonNullable<NewPlacement["workplace"]>): Promise<string> {
  const asOf = dateFromIso(w.asOf);
  const given = w.ordinaryEmployeesFte !== undefined;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Workplace" ("id", "companyId", "pNumber", "ordinaryEmployeesFte", "asOf", "updatedAt")
    VALUES (${randomUUID()}, ${companyId}, ${w.pNumber}, ${w.ordinaryEmployeesFte ?? 0}, ${asOf}::date, now())
    ON CONFLICT ("pNumber") DO UPDATE SET
      "ordinaryEmployeesFte" = CASE WHEN ${given} THEN EXCLUDED."ordinaryEmployeesFte" ELSE "Workplace"."ordinaryEmployeesFte" END,
      "asOf" = CASE WHEN ${given} THEN EXCLUDED."asOf" ELSE "Workplace"."asOf" END,
      "updatedAt" = CASE WHEN ${given} THEN EXCLUDED."updatedAt" ELSE "Workplace"."updatedAt" END
    RETURNING "id"`;
  if (!row) throw new Error(`workplace ${w.pNumber} was neither created nor found`);
  return row.id;
}

/**
 * The company by CVR. The first registration names it; a later one changes the shared name only
 * when it is a secretariat admin's, with an audit row, so no partner renames what others' placements show.
 */
async function companyFor(tx: Prisma.TransactionClient, c: NewPlacement["company"], audit: AuditEntry) {
  const known = await tx.company.findUnique({ where: { cvr: c.cvr } });
  if (!known) {
    // Two registrations of a new company at different P-numbers hold different workplace locks:
    // the first insert names the company and the other finds it, without a unique violation
    // that would end its transaction.
    await tx.$executeRaw`INSERT INTO "Company" ("id", "cvr", "name") VALUES (${randomUUID()}, ${c.cvr}, ${c.name}) ON CONFLICT ("cvr") DO NOTHING`;
    return tx.company.findUniqueOrThrow({ where: { cvr: c.cvr } });
  }
  const existing = known;
  if (!c.renameShared || existing.name === c.name) return existing;
  const renamed = await tx.company.update({ where: { id: existing.id }, data: { name: c.name } });
  await writeAudit(tx, {
    actor: audit.actor,
    entity: "company",
    entityId: existing.id,
    action: "rename",
    before: { name: existing.name },
    after: { name: c.name },
  });
  return renamed;
}

/** A placement with its company and workplace, and its audit row, inside the caller's transaction. */
async function insertPlacement(tx: Prisma.TransactionClient, p: NewPlacement, audit: AuditEntry): Promise<PlacementRecord> {
  const company = await companyFor(tx, p.company, audit);
  const workplaceId = p.workplace ? await upsertWorkplace(tx, company.id, p.workplace) : null;
  const row = await tx.placement.create({
    data: {
      partnershipId: p.partnershipId,
      organisationId: p.organisationId,
      companyId: company.id,
      companyName: p.company.name,
      typeId: p.typeId,
      places: p.places,
      startDate: dateFromIso(p.startDate),
      weeks: p.weeks,
      endDate: p.endDate ? dateFromIso(p.endDate) : null,
      employerSector: p.employerSector,
      sector: p.sector,
      shortageSector: p.shortageSector,
      contactPerson: p.contactPerson,
      needs: p.needs,
      note: p.note,
      createdBy: p.createdBy,
      idempotencyKey: p.idempotencyKey,
      ...(p.status ? { status: p.status } : {}),
      workplaceId,
      ordinaryEmployeesFte: p.ordinaryEmployees?.fte ?? null,
      ordinaryEmployeesAsOf: p.ordinaryEmployees ? dateFromIso(p.ordinaryEmployees.asOf) : null,
      benefitGroup: p.benefitGroup ?? null,
      hoursPerWeek: p.hoursPerWeek ?? null,
      purpose: p.purpose ?? null,
      representativeName: p.representativeName ?? null,
      representativeConfirmed: p.representativeConfirmed ?? false,
      caseReference: p.caseReference ?? null,
      ...(p.ratioExemption ? { ratioExemption: { create: p.ratioExemption } } : {}),
    },
    include: placementInclude,
  });
  const record = toPlacement(row);
  await writeAudit(tx, { actor: audit.actor, entity: "placement", entityId: row.id, action: "create", after: record });
  return record;
}

/** Keys of the bot's advisory locks (pg_advisory_xact_lock's first key), so no other lock shares a key. */
const WORKPLACE_LOCK = 6501;

function placementWhere(query: Omit<PlacementQuery, "limit">): Prisma.PlacementWhereInput {
  return {
    partnershipId: { in: [...query.partnershipIds] },
    ...(query.organisationIds ? { organisationId: { in: [...query.organisationIds] } } : {}),
    ...(query.statuses ? { status: { in: [...query.statuses] } } : {}),
  };
}

export class PrismaPlacementsStore implements PlacementsStore {
  constructor(private readonly prisma: PrismaClient) {}

  async findPlacementByIdempotencyKey(key: string) {
    const row = await this.prisma.placement.findUnique({ where: { idempotencyKey: key }, include: placementInclude });
    return row ? toPlacement(row) : undefined;
  }

  async createPlacement(p: NewPlacement, audit: AuditEntry) {
    try {
      const placement = await this.prisma.$transaction((tx) => insertPlacement(tx, p, audit));
      return { placement, created: true };
    } catch (error) {
      // Two deliveries of one submission raced; the first one's row is the answer.
      if (isUniqueViolation(error)) {
        const existing = await this.findPlacementByIdempotencyKey(p.idempotencyKey);
        if (existing) return { placement: existing, created: false };
      }
      throw error;
    }
  }

  async withWorkplaceLock<T>(pNumber: string, work: (locked: WorkplaceLockedStore) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        // Released when the transaction ends, after the insert is committed or rolled back.
        await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${WORKPLACE_LOCK}::int4, hashtext(${pNumber}))`;
        const locked: WorkplaceLockedStore = {
          findWorkplace: (n) => findWorkplace(tx, n),
          listRatioPlacements: (id) => listRatioPlacements(tx, id),
          updatePlacement: (id, patch, audit) => updatePlacement(tx, id, patch, audit),
          // The same submission delivered twice waits for this lock too, so the key is looked up here.
          createPlacement: async (p, audit) => {
            const existing = await tx.placement.findUnique({ where: { idempotencyKey: p.idempotencyKey }, include: placementInclude });
            if (existing) return { placement: toPlacement(existing), created: false };
            return { placement: await insertPlacement(tx, p, audit), created: true };
          },
        };
        return work(locked);
      },
      // Waiting for the lock counts against the time limit; registrations at one workplace are few.
      { maxWait: 10_000, timeout: 30_000 },
    );
  }

  async listPlacements(query: PlacementQuery) {
    const rows = await this.prisma.placement.findMany({
      where: placementWhere(query),
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: query.limit,
      include: placementInclude,
    });
    return rows.map(toPlacement);
  }

  async countPlacements(query: Omit<PlacementQuery, "limit">) {
    return this.prisma.placement.count({ where: placementWhere(query) });
  }

  async tallyPlacements(partnershipId: string, period: { from: IsoDate; to: IsoDate }): Promise<PlacementTally[]> {
    const [groups, types] = await Promise.all([
      this.prisma.placement.groupBy({
        by: ["typeId", "employerSector", "shortageSector"],
        // Only what the municipality approved counts towards the targets.
        where: {
          partnershipId,
          status: { in: [...APPROVED_STATUSES] },
          startDate: { gte: dateFromIso(period.from), lte: dateFromIso(period.to) },
        },
        _sum: { places: true },
      }),
      this.prisma.placementType.findMany({ where: { partnershipId }, select: { id: true, key: true } }),
    ]);
    const keyOf = new Map(types.map((t) => [t.id, t.key]));
    return groups.map((g) => ({
      typeKey: keyOf.get(g.typeId) ?? g.typeId,
      employerSector: g.employerSector,
      shortageSector: g.shortageSector,
      places: g._sum.places ?? 0,
    }));
  }
}
