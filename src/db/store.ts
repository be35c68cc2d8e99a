import { Prisma, type PrismaClient } from "@prisma/client";
import type { Platform } from "../domain/actor.js";
import { dateFromIso, isoFromDate } from "../domain/dates.js";
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
} from "../domain/records.js";
import type { AuditEntry, NewContact, NewPlacement, NewQuarterlyStatus, PlacementQuery, Store } from "../domain/store.js";
import { ZTargetFilterSchema } from "./json-schemas.js";
import { PrismaSupportStore } from "./support-store.js";

const placementInclude = { company: true, type: true, organisation: { select: { name: true } } } as const;
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

/** JSON for the audit log: dates as ISO strings, nothing Prisma-specific. */
function auditJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
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

export class PrismaStore extends PrismaSupportStore implements Store {
  constructor(prisma: PrismaClient) {
    super(prisma);
  }

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
          },
          include: placementInclude,
        });
        const record = toPlacement(row);
        await tx.auditEvent.create({
          data: { actor: audit.actor, entity: "placement", entityId: row.id, action: "create", after: auditJson(record) },
        });
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
      await tx.auditEvent.create({
        data: {
          actor: audit.actor,
          entity: "contact",
          entityId: row.id,
          action: before ? "update" : "create",
          ...(before ? { before: auditJson(toContact(before)) } : {}),
          after: auditJson(toContact(row)),
        },
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
        await tx.auditEvent.create({
          data: {
            actor: audit.actor,
            entity: "quarterly_status",
            entityId: row.id,
            action: before ? "update" : "create",
            ...(before ? { before: auditJson(toQuarterlyStatus(before)) } : {}),
            after: auditJson(toQuarterlyStatus(row)),
          },
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

  async ping() {
    try {
      await this.prisma.$queryRawUnsafe("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }
}
