import { Prisma, type PrismaClient } from "@prisma/client";
import type { Platform } from "../kernel/actor.js";
import { dateFromIso, isoFromDate } from "../kernel/dates.js";
import type {
  ChatUserRecord,
  ContactRecord,
  Need,
  OrganisationRecord,
  PartnershipRecord,
  PlacementRecord,
  PlacementTally,
  PlacementTypeRecord,
  PlacementDetailTally,
  QuarterlyStatusRecord,
  SupportRequestTimes,
  TargetFilter,
  TargetRecord,
} from "../kernel/records.js";
import type { AuditEntry, NewContact, NewPlacement, NewQuarterlyStatus, PlacementQuery, Store } from "../kernel/store.js";
import type { PlacementRulesPatch } from "../features/placement-rules/store.js";
import { ZTargetFilterSchema } from "./json-schemas.js";
import { placementRuleOverrides } from "./placement-rules-settings.js";
import { PrismaPrivacyStore } from "./privacy-store.js";
import * as digests from "./digest-store.js";
import type { DigestStore } from "../features/digests/store.js";
import type { OutcomeRange, OutcomeTally } from "../features/placement-rules/placement-outcomes.js";
import { writeAudit } from "./audit.js";

const placementInclude = {
  company: true,
  type: true,
  organisation: { select: { name: true } },
  workplace: true,
  ratioExemption: true,
} as const;
type PlacementRow = Prisma.PlacementGetPayload<{ include: typeof placementInclude }>;

function toPartnership(row: Prisma.PartnershipGetPayload<object>): PartnershipRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    municipality: row.municipality,
    periodStart: isoFromDate(row.periodStart),
    periodEnd: isoFromDate(row.periodEnd),
  };
}

function toType(row: Prisma.PlacementTypeGetPayload<object>): PlacementTypeRecord {
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    key: row.key,
    labelDa: row.labelDa,
    labelEn: row.labelEn,
    defaultWeeks: row.defaultWeeks,
    countsForRatio: row.countsForRatio,
    sortOrder: row.sortOrder,
  };
}

function toPlacement(row: PlacementRow): PlacementRecord {
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    company: { id: row.company.id, cvr: row.company.cvr, name: row.company.name },
    type: toType(row.type),
    places: row.places,
    startDate: isoFromDate(row.startDate),
    weeks: row.weeks,
    endDate: row.endDate ? isoFromDate(row.endDate) : null,
    employerSector: row.employerSector,
    sector: row.sector,
    shortageSector: row.shortageSector,
    contactPerson: row.contactPerson,
    needs: row.needs as Need[],
    note: row.note,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    workplace: row.workplace
      ? {
          id: row.workplace.id,
          companyId: row.workplace.companyId,
          pNumber: row.workplace.pNumber,
          ordinaryEmployeesFte: row.workplace.ordinaryEmployeesFte,
          asOf: isoFromDate(row.workplace.asOf),
        }
      : null,
    benefitGroup: row.benefitGroup,
    hoursPerWeek: row.hoursPerWeek,
    purpose: row.purpose,
    representativeName: row.representativeName,
    representativeConfirmed: row.representativeConfirmed,
    endReason: row.endReason,
    endedOn: row.endedOn ? isoFromDate(row.endedOn) : null,
    outcome: row.outcome,
    tasks: row.tasks,
    monthlyWageCost: row.monthlyWageCost,
    vitasCreatedAt: row.vitasCreatedAt,
    caseReference: row.caseReference,
    ratioExemption: row.ratioExemption
      ? { reason: row.ratioExemption.reason, grantedBy: row.ratioExemption.grantedBy, grantedAt: row.ratioExemption.grantedAt }
      : null,
  };
}

function toContact(row: Prisma.ContactGetPayload<object>): ContactRecord {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspaceId,
    userId: row.userId,
    organisationId: row.organisationId,
    role: row.role,
    displayName: row.displayName,
    locale: row.locale,
  };
}

function toQuarterlyStatus(row: Prisma.QuarterlyStatusGetPayload<object>): QuarterlyStatusRecord {
  return {
    id: row.id,
    organisationId: row.organisationId,
    quarter: row.quarter,
    activities: row.activities,
    companiesContacted: row.companiesContacted,
    placementsHelped: row.placementsHelped,
    iguAgreements: row.iguAgreements,
    eventsHeld: row.eventsHeld,
    plan: row.plan,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

/** A workplace by its P-nummer; a newly given employee figure replaces the stored one. */
async function upsertWorkplace(tx: Prisma.TransactionClient, companyId: string, w: NonNullable<NewPlacement["workplace"]>) {
  const asOf = dateFromIso(w.asOf);
  const existing = await tx.workplace.findUnique({ where: { pNumber: w.pNumber } });
  if (existing) {
    if (w.ordinaryEmployeesFte === undefined) return existing;
    return tx.workplace.update({ where: { id: existing.id }, data: { ordinaryEmployeesFte: w.ordinaryEmployeesFte, asOf } });
  }
  return tx.workplace.create({ data: { companyId, pNumber: w.pNumber, ordinaryEmployeesFte: w.ordinaryEmployeesFte ?? 0, asOf } });
}

/**
 * A unique constraint said no. Prisma reports it as P2002; some driver adapters (PGlite)
 * surface the database's own error instead, with SQLSTATE 23505 somewhere in its causes.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return true;
    const { code, kind, originalCode } = e as { code?: unknown; kind?: unknown; originalCode?: unknown };
    if (code === "23505" || originalCode === "23505" || kind === "UniqueConstraintViolation") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export class PrismaStore extends PrismaPrivacyStore implements Store {
  constructor(prisma: PrismaClient) {
    super(prisma);
  }

  // The weekly digest (digest-store.ts).
  digestFacts: DigestStore["digestFacts"] = (...a) => digests.digestFacts(this.prisma, ...a);
  saveDigestLink: DigestStore["saveDigestLink"] = (...a) => digests.saveDigestLink(this.prisma, ...a);
  removeDigestLink: DigestStore["removeDigestLink"] = (...a) => digests.removeDigestLink(this.prisma, ...a);
  listDigestLinks: DigestStore["listDigestLinks"] = (...a) => digests.listDigestLinks(this.prisma, ...a);
  claimDigestRun: DigestStore["claimDigestRun"] = (...a) => digests.claimDigestRun(this.prisma, ...a);
  finishDigestRun: DigestStore["finishDigestRun"] = (...a) => digests.finishDigestRun(this.prisma, ...a);
  markDigestLinkFailed: DigestStore["markDigestLinkFailed"] = (...a) => digests.markDigestLinkFailed(this.prisma, ...a);
  recordEndsAsPlanned: DigestStore["recordEndsAsPlanned"] = (...a) => digests.recordEndsAsPlanned(this.prisma, ...a);

  async getPlacementById(id: string) {
    const row = await this.prisma.placement.findUnique({ where: { id }, include: placementInclude });
    return row ? toPlacement(row) : undefined;
  }

  async findContact(platform: Platform, workspaceId: string, userIds: readonly string[]) {
    const row = await this.prisma.contact.findFirst({
      where: { platform, workspaceId, userId: { in: [...userIds] } },
      orderBy: { createdAt: "asc" },
    });
    return row ? toContact(row) : undefined;
  }

  async displayNameOf(actorRef: string): Promise<string | undefined> {
    const [platform, workspaceId, ...rest] = actorRef.split(":");
    const userId = rest.join(":");
    if ((platform !== "slack" && platform !== "teams") || !workspaceId || !userId) return undefined;
    const key = { platform, workspaceId, userId } as const;
    const [contact, chatUser] = await Promise.all([
      this.prisma.contact.findUnique({ where: { platform_workspaceId_userId: key }, select: { displayName: true } }),
      this.prisma.chatUser.findUnique({ where: { platform_workspaceId_userId: key }, select: { displayName: true } }),
    ]);
    return contact?.displayName ?? chatUser?.displayName ?? undefined;
  }

  async rememberChatUser(user: Omit<ChatUserRecord, "lastSeenAt">) {
    const data = { displayName: user.displayName, lastSeenAt: new Date() };
    await this.prisma.chatUser.upsert({
      where: { platform_workspaceId_userId: { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId } },
      create: { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId, ...data },
      update: user.displayName ? data : { lastSeenAt: data.lastSeenAt },
    });
  }

  async listChatUsers(platform: Platform, workspaceId: string, limit: number): Promise<ChatUserRecord[]> {
    const rows = await this.prisma.chatUser.findMany({
      where: { platform, workspaceId },
      orderBy: { lastSeenAt: "desc" },
      take: limit,
    });
    return rows.map((r) => ({ ...r }));
  }

  async listPartnerships() {
    const rows = await this.prisma.partnership.findMany({ orderBy: [{ periodStart: "desc" }, { name: "asc" }] });
    return rows.map(toPartnership);
  }

  async getPartnership(id: string) {
    const row = await this.prisma.partnership.findUnique({ where: { id } });
    return row ? toPartnership(row) : undefined;
  }

  async listOrganisations(partnershipIds: readonly string[]): Promise<OrganisationRecord[]> {
    const rows = await this.prisma.organisation.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      orderBy: [{ name: "asc" }],
    });
    return rows.map((r) => ({ id: r.id, partnershipId: r.partnershipId, name: r.name, kind: r.kind }));
  }

  async getOrganisation(id: string) {
    const row = await this.prisma.organisation.findUnique({ where: { id } });
    return row ? { id: row.id, partnershipId: row.partnershipId, name: row.name, kind: row.kind } : undefined;
  }

  async listPlacementTypes(partnershipIds: readonly string[]) {
    const rows = await this.prisma.placementType.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      orderBy: [{ sortOrder: "asc" }, { labelDa: "asc" }],
    });
    return rows.map(toType);
  }

  async listTargets(partnershipId: string): Promise<TargetRecord[]> {
    const rows = await this.prisma.target.findMany({ where: { partnershipId }, orderBy: { sortOrder: "asc" } });
    return rows.map((r) => ({
      id: r.id,
      partnershipId: r.partnershipId,
      key: r.key,
      labelDa: r.labelDa,
      labelEn: r.labelEn,
      kind: r.kind,
      min: r.min,
      max: r.max,
      filter: ZTargetFilterSchema.parse(r.filter) as TargetFilter,
      sortOrder: r.sortOrder,
    }));
  }

  async findPlacementByIdempotencyKey(key: string) {
    const row = await this.prisma.placement.findUnique({ where: { idempotencyKey: key }, include: placementInclude });
    return row ? toPlacement(row) : undefined;
  }

  async createPlacement(p: NewPlacement, audit: AuditEntry) {
    try {
      const placement = await this.prisma.$transaction(async (tx) => {
        const company = await tx.company.upsert({
          where: { cvr: p.company.cvr },
          create: { cvr: p.company.cvr, name: p.company.name },
          update: { name: p.company.name },
        });
        const workplace = p.workplace ? await upsertWorkplace(tx, company.id, p.workplace) : undefined;
        const row = await tx.placement.create({
          data: {
            partnershipId: p.partnershipId,
            organisationId: p.organisationId,
            companyId: company.id,
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
            workplaceId: workplace?.id ?? null,
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
      });
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

  private placementWhere(query: Omit<PlacementQuery, "limit">): Prisma.PlacementWhereInput {
    return {
      partnershipId: { in: [...query.partnershipIds] },
      ...(query.organisationIds ? { organisationId: { in: [...query.organisationIds] } } : {}),
    };
  }

  async listPlacements(query: PlacementQuery) {
    const rows = await this.prisma.placement.findMany({
      where: this.placementWhere(query),
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: query.limit,
      include: placementInclude,
    });
    return rows.map(toPlacement);
  }

  async countPlacements(query: Omit<PlacementQuery, "limit">) {
    return this.prisma.placement.count({ where: this.placementWhere(query) });
  }

  async tallyPlacements(partnershipId: string): Promise<PlacementTally[]> {
    const [groups, types] = await Promise.all([
      this.prisma.placement.groupBy({
        by: ["typeId", "employerSector", "shortageSector"],
        where: { partnershipId },
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

  async saveContact(contact: NewContact, audit: AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      const where = {
        platform_workspaceId_userId: { platform: contact.platform, workspaceId: contact.workspaceId, userId: contact.userId },
      };
      const before = await tx.contact.findUnique({ where });
      const row = before
        ? await tx.contact.update({
            where,
            data: {
              organisationId: contact.organisationId,
              role: contact.role,
              displayName: contact.displayName ?? before.displayName,
            },
          })
        : await tx.contact.create({ data: { ...contact, createdBy: audit.actor } });
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "contact",
        entityId: row.id,
        action: before ? "update" : "create",
        before: before ? toContact(before) : undefined,
        after: toContact(row),
      });
      return { contact: toContact(row), created: !before };
    });
  }

  async getQuarterlyStatus(organisationId: string, quarter: string) {
    const row = await this.prisma.quarterlyStatus.findUnique({ where: { organisationId_quarter: { organisationId, quarter } } });
    return row ? toQuarterlyStatus(row) : undefined;
  }

  async saveQuarterlyStatus(status: NewQuarterlyStatus, audit: AuditEntry) {
    const write = () =>
      this.prisma.$transaction(async (tx) => {
        const where = { organisationId_quarter: { organisationId: status.organisationId, quarter: status.quarter } };
        const before = await tx.quarterlyStatus.findUnique({ where });
        const row = before
          ? await tx.quarterlyStatus.update({ where, data: { ...status, updatedBy: audit.actor } })
          : await tx.quarterlyStatus.create({ data: { ...status, createdBy: audit.actor, updatedBy: audit.actor } });
        await writeAudit(tx, {
          actor: audit.actor,
          entity: "quarterly_status",
          entityId: row.id,
          action: before ? "update" : "create",
          before: before ? toQuarterlyStatus(before) : undefined,
          after: toQuarterlyStatus(row),
        });
        return { status: toQuarterlyStatus(row), created: !before };
      });
    try {
      return await write();
    } catch (error) {
      // Two first filings raced; the second becomes an edit of the first.
      if (isUniqueViolation(error)) return write();
      throw error;
    }
  }

  async listQuarterlyStatuses(partnershipId: string, quarter: string) {
    const rows = await this.prisma.quarterlyStatus.findMany({
      where: { quarter, organisation: { partnershipId } },
      orderBy: { organisation: { name: "asc" } },
    });
    return rows.map(toQuarterlyStatus);
  }

  async tallyPlacementDetails(partnershipId: string, range: { from?: string; to: string }): Promise<PlacementDetailTally[]> {
    const [groups, types] = await Promise.all([
      this.prisma.placement.groupBy({
        by: ["organisationId", "typeId", "sector", "employerSector", "shortageSector"],
        where: {
          partnershipId,
          startDate: { ...(range.from ? { gte: dateFromIso(range.from) } : {}), lte: dateFromIso(range.to) },
        },
        _sum: { places: true },
        _count: { _all: true },
      }),
      this.prisma.placementType.findMany({ where: { partnershipId }, select: { id: true, key: true } }),
    ]);
    const keyOf = new Map(types.map((t) => [t.id, t.key]));
    return groups.map((g) => ({
      organisationId: g.organisationId,
      typeKey: keyOf.get(g.typeId) ?? g.typeId,
      sector: g.sector,
      employerSector: g.employerSector,
      shortageSector: g.shortageSector,
      places: g._sum.places ?? 0,
      placements: g._count._all,
    }));
  }

  async listSupportRequestTimes(partnershipId: string, from: Date, to: Date): Promise<SupportRequestTimes[]> {
    return this.prisma.supportRequest.findMany({
      where: { partnershipId, OR: [{ requestedAt: { gte: from, lt: to } }, { closedAt: { gte: from, lt: to } }] },
      select: { status: true, requestedAt: true, dueAt: true, closedAt: true },
    });
  }

  async getPlacementRuleOverrides(partnershipId: string) {
    const row = await this.prisma.partnership.findUnique({ where: { id: partnershipId }, select: { settings: true } });
    return placementRuleOverrides(row?.settings);
  }

  async findWorkplace(pNumber: string) {
    const row = await this.prisma.workplace.findUnique({ where: { pNumber }, include: { company: { select: { cvr: true } } } });
    if (!row) return undefined;
    const { id, companyId, ordinaryEmployeesFte, asOf } = row;
    return { id, companyId, pNumber: row.pNumber, ordinaryEmployeesFte, asOf: isoFromDate(asOf), cvr: row.company.cvr };
  }

  async listRatioPlacements(workplaceId: string) {
    const rows = await this.prisma.placement.findMany({
      where: { workplaceId, type: { countsForRatio: true } },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
      include: placementInclude,
    });
    return rows.map(toPlacement);
  }

  async updatePlacement(id: string, patch: PlacementRulesPatch, audit: AuditEntry & { action: string }) {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.placement.findUniqueOrThrow({ where: { id }, include: placementInclude });
      const { endDate, endedOn, ...rest } = patch;
      const row = await tx.placement.update({
        where: { id },
        data: {
          ...rest,
          ...(endDate !== undefined ? { endDate: endDate ? dateFromIso(endDate) : null } : {}),
          ...(endedOn !== undefined ? { endedOn: endedOn ? dateFromIso(endedOn) : null } : {}),
        },
        include: placementInclude,
      });
      const record = toPlacement(row);
      await writeAudit(tx, { actor: audit.actor, entity: "placement", entityId: id, action: audit.action, before: toPlacement(before), after: record });
      return record;
    });
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
      return toPlacement(await tx.placement.findUniqueOrThrow({ where: { id: placementId }, include: placementInclude }));
    });
  }

  async ping() {
    try {
      await this.prisma.$queryRawUnsafe("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }
}
