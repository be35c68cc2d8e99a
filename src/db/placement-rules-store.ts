// Prisma for the placement rules (features/placement-rules/store.ts): rule numbers, workplaces,
// audited changes to a placement, outcomes, and the IGU placements the bonus job looks at.
import { Prisma, type PrismaClient } from "@prisma/client";
import type { OutcomeRange, OutcomeTally } from "../features/placement-rules/placement-outcomes.js";
import type {
  IguMilestoneStore,
  IguPlacement,
  OutcomesStore,
  PlacementDecision,
  PlacementRulesPatch,
  PlacementRulesStore,
  RatioStoredPlacement,
} from "../features/placement-rules/store.js";
import { dateFromIso, type IsoDate, isoFromDate } from "../kernel/dates.js";
import type { AuditEntry, PlacementRecord, PlacementStatus, PostedMessageRef } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { prismaRawSql, type RawQueryable, type RawSql } from "./direct-sql.js";
import { placementRuleOverrides } from "./placement-rules-settings.js";
import { placementById } from "./rows.js";

/** A workplace by P-nummer, read by the store or inside a registration's workplace lock. */
export async function findWorkplace(client: Pick<RawQueryable, "$queryRaw">, pNumber: string) {
  const [row] = await client.$queryRaw<{ id: string; companyId: string; ordinaryEmployeesFte: number; asOf: Date; cvr: string }[]>`
    SELECT w."id", w."companyId", w."ordinaryEmployeesFte", w."asOf", c."cvr"
    FROM "Workplace" w JOIN "Company" c ON c."id" = w."companyId"
    WHERE w."pNumber" = ${pNumber}`;
  if (!row) return undefined;
  const { id, companyId, ordinaryEmployeesFte, asOf, cvr } = row;
  return { id, companyId, pNumber, ordinaryEmployeesFte, asOf: isoFromDate(asOf), cvr };
}

/** The placements at a workplace that count for the ratio rule. */
export async function listRatioPlacements(client: Pick<RawQueryable, "$queryRaw">, workplaceId: string): Promise<RatioStoredPlacement[]> {
  // Only what the rule reads: a workplace's history grows, and this runs under its lock on every registration there.
  const rows = await client.$queryRaw<
    { id: string; places: number; hoursPerWeek: number | null; startDate: Date; endDate: Date | null; endedOn: Date | null }[]
  >`
    SELECT p."id", p."places", p."hoursPerWeek", p."startDate", p."endDate", p."endedOn"
    FROM "Placement" p JOIN "PlacementType" t ON t."id" = p."typeId"
    WHERE p."workplaceId" = ${workplaceId} AND t."countsForRatio"
      -- A refused placement never starts, so it takes no room under the ratio rule.
      AND p."status" <> 'refused'
    ORDER BY p."startDate" ASC, p."id" ASC`;
  return rows.map((r) => ({
    id: r.id,
    places: r.places,
    hoursPerWeek: r.hoursPerWeek,
    startDate: isoFromDate(r.startDate),
    endDate: r.endDate ? isoFromDate(r.endDate) : null,
    endedOn: r.endedOn ? isoFromDate(r.endedOn) : null,
  }));
}

/** The patch's plain fields: each is the Placement column of the same name. */
const PATCH_COLUMNS = {
  weeks: true,
  endReason: true,
  outcome: true,
  representativeName: true,
  representativeConfirmed: true,
  tasks: true,
  monthlyWageCost: true,
  contactEmail: true,
  contactPhone: true,
  workingTime: true,
  vitasCreatedAt: true,
  vitasCreatedBy: true,
  extensionReason: true,
} as const satisfies Record<Exclude<keyof PlacementRulesPatch, "status" | "endDate" | "endedOn" | "ordinaryEmployees">, true>;

/** The SET list of an UPDATE that makes `patch`'s changes; fields left undefined are left alone. */
function patchAssignments(patch: PlacementRulesPatch): Prisma.Sql[] {
  const date = (iso: IsoDate | null) => (iso ? dateFromIso(iso) : null);
  const set: Prisma.Sql[] = [Prisma.sql`"updatedAt" = ${new Date()}`];
  for (const key of Object.keys(PATCH_COLUMNS) as (keyof typeof PATCH_COLUMNS)[]) {
    const value = patch[key];
    if (value !== undefined) set.push(Prisma.sql`${Prisma.raw(`"${key}"`)} = ${value}`);
  }
  if (patch.status !== undefined) set.push(Prisma.sql`"status" = ${patch.status}::"PlacementStatus"`);
  if (patch.endDate !== undefined) set.push(Prisma.sql`"endDate" = ${date(patch.endDate)}::date`);
  if (patch.endedOn !== undefined) set.push(Prisma.sql`"endedOn" = ${date(patch.endedOn)}::date`);
  if (patch.ordinaryEmployees) {
    set.push(Prisma.sql`"ordinaryEmployeesFte" = ${patch.ordinaryEmployees.fte}`);
    set.push(Prisma.sql`"ordinaryEmployeesAsOf" = ${date(patch.ordinaryEmployees.asOf)}::date`);
  }
  return set;
}

/**
 * An audited change to a placement, in the caller's transaction (the store's own, or a workplace
 * lock's). Raw SQL, as every statement under a workplace's lock: see readPlacements.
 */
export async function updatePlacement(tx: RawQueryable, id: string, patch: PlacementRulesPatch, audit: AuditEntry & { action: string }) {
  const before = await placementById(tx, id);
  if (!before) throw new Error(`placement ${id} was not found`);
  await tx.$executeRaw`UPDATE "Placement" SET ${Prisma.join(patchAssignments(patch))} WHERE "id" = ${id}`;
  const record = await placementById(tx, id);
  if (!record) throw new Error(`placement ${id} was not found after its update`);
  await writeAudit(tx, { actor: audit.actor, entity: "placement", entityId: id, action: audit.action, before, after: record });
  return record;
}

export class PrismaPlacementRulesStore implements PlacementRulesStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** The registration path's statements (direct-sql.ts). */
    private readonly sql: RawSql = prismaRawSql(prisma),
  ) {}

  async getPlacementRuleOverrides(partnershipId: string) {
    const row = await this.prisma.partnership.findUnique({ where: { id: partnershipId }, select: { settings: true } });
    return placementRuleOverrides(row?.settings);
  }

  findWorkplace(pNumber: string) {
    return findWorkplace(this.sql, pNumber);
  }

  listRatioPlacements(workplaceId: string) {
    return listRatioPlacements(this.sql, workplaceId);
  }

  async updatePlacement(id: string, patch: PlacementRulesPatch, audit: AuditEntry & { action: string }) {
    return this.sql.transaction((tx) => updatePlacement(tx, id, patch, audit));
  }

  async decidePlacement(
    id: string,
    expectedStatus: PlacementStatus,
    decision: PlacementDecision | { status: "active" },
    audit: AuditEntry & { action: string; at: Date },
  ) {
    return this.prisma.$transaction(async (tx) => {
      const before = await placementById(tx, id);
      if (!before) return undefined;
      // The status check is in the UPDATE itself: of two people deciding at once, one changes no row.
      const { count } = await tx.placement.updateMany({ where: { id, status: expectedStatus }, data: decision });
      if (count === 0) return undefined;
      const after = await placementById(tx, id);
      if (!after) throw new Error(`placement ${id} was not found after its update`);
      await writeAudit(tx, { actor: audit.actor, entity: "placement", entityId: id, action: audit.action, before, after, at: audit.at });
      return after;
    });
  }

  async startApprovedPlacements(today: IsoDate, audit: AuditEntry & { at: Date }) {
    const due = await this.prisma.placement.findMany({ where: { status: "approved", startDate: { lte: dateFromIso(today) } }, select: { id: true } });
    const started: PlacementRecord[] = [];
    for (const { id } of due) {
      const after = await this.decidePlacement(id, "approved", { status: "active" }, { ...audit, action: "start" });
      if (after) started.push(after);
    }
    return started;
  }

  async setPlacementMessage(id: string, ref: PostedMessageRef) {
    await this.prisma.placement.update({ where: { id }, data: { channelMessage: ref } });
  }

  async saveRatioExemption(placementId: string, reason: string, audit: AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.ratioExemption.findUnique({ where: { placementId } });
      const data = { reason, grantedBy: audit.actor, grantedAt: new Date() };
      const exemption = await tx.ratioExemption.upsert({ where: { placementId }, create: { placementId, ...data }, update: data });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "ratio_exemption",
        entityId: placementId,
        action: before ? "update" : "create",
        before: before ?? undefined,
        after: exemption,
      });
      const after = await placementById(tx, placementId);
      if (!after) throw new Error(`placement ${placementId} was not found`);
      return after;
    });
  }
}

export class PrismaOutcomesStore implements OutcomesStore {
  constructor(private readonly prisma: PrismaClient) {}

  async tallyOutcomes(partnershipId: string, range: OutcomeRange = {}): Promise<OutcomeTally[]> {
    const finishedOn = {
      ...(range.from ? { gte: dateFromIso(range.from) } : {}),
      ...(range.to ? { lte: dateFromIso(range.to) } : {}),
    };
    const [groups, types] = await Promise.all([
      this.prisma.placement.groupBy({
        by: ["typeId", "status", "outcome", "endReason"],
        where: {
          partnershipId,
          status: { in: ["ended", "completed"] },
          ...(range.from || range.to ? { endedOn: finishedOn } : {}),
        },
        _sum: { places: true },
      }),
      this.prisma.placementType.findMany({ where: { partnershipId }, select: { id: true, key: true } }),
    ]);
    const keyOf = new Map(types.map((t) => [t.id, t.key]));
    return groups.map((g) => ({
      typeKey: keyOf.get(g.typeId) ?? g.typeId,
      status: g.status === "completed" ? "completed" : "ended",
      outcome: g.outcome,
      endReason: g.endReason,
      places: g._sum.places ?? 0,
    }));
  }
}

export class PrismaIguMilestoneStore implements IguMilestoneStore {
  constructor(private readonly prisma: PrismaClient) {}

  async listRunningIguPlacements(today: IsoDate, endsFrom: IsoDate): Promise<IguPlacement[]> {
    const rows = await this.prisma.placement.findMany({
      where: {
        type: { key: "igu" },
        anonymisedAt: null,
        status: { not: "ended" },
        startDate: { lte: dateFromIso(today) },
        OR: [{ endDate: null }, { endDate: { gte: dateFromIso(endsFrom) } }],
      },
      select: {
        id: true,
        partnershipId: true,
        contactPerson: true,
        employerSector: true,
        startDate: true,
        endDate: true,
        createdBy: true,
        company: { select: { name: true } },
      },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
    });
    return rows.map((r) => ({
      id: r.id,
      partnershipId: r.partnershipId,
      companyName: r.company.name,
      contactPerson: r.contactPerson,
      employerSector: r.employerSector,
      startDate: isoFromDate(r.startDate),
      endDate: r.endDate ? isoFromDate(r.endDate) : null,
      createdBy: r.createdBy,
    }));
  }
}
