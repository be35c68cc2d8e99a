// Prisma for quarterly statuses, the quarterly report's sums and the spreadsheet export
// (features/quarterly/store.ts).
import type { PrismaClient } from "@prisma/client";
import type { ExportStore, NewQuarterlyStatus, PlacementExportRow, QuarterlyStore, RequestExportRow } from "../features/quarterly/store.js";
import { dateFromIso } from "../kernel/dates.js";
import { APPROVED_STATUSES, type AuditEntry, type PlacementDetailTally, type SupportRequestTimes } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { isUniqueViolation, toQuarterlyStatus } from "./rows.js";

export class PrismaQuarterlyStore implements QuarterlyStore {
  constructor(private readonly prisma: PrismaClient) {}

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
          // Only what the municipality approved counts in the report, as in `fremdrift`.
          status: { in: [...APPROVED_STATUSES] },
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
}

/** Read straight from the tables: an export is the secretariat's own copy. */
export class PrismaExportStore implements ExportStore {
  constructor(private readonly prisma: PrismaClient) {}

  async findPartnershipBySlug(slug: string): Promise<{ id: string; slug: string; name: string } | undefined> {
    return (await this.prisma.partnership.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } })) ?? undefined;
  }

  async listPartnershipSlugs(): Promise<string[]> {
    return (await this.prisma.partnership.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((p) => p.slug);
  }

  async placementExportRows(partnershipId: string): Promise<PlacementExportRow[]> {
    const rows = await this.prisma.placement.findMany({
      where: { partnershipId },
      orderBy: [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        places: true,
        startDate: true,
        weeks: true,
        endDate: true,
        employerSector: true,
        sector: true,
        shortageSector: true,
        status: true,
        createdAt: true,
        organisation: { select: { name: true } },
        company: { select: { name: true, cvr: true } },
        type: { select: { labelDa: true, labelEn: true } },
      },
    });
    return rows.map((r) => ({
      organisation: r.organisation.name,
      company: r.company.name,
      cvr: r.company.cvr,
      typeLabelDa: r.type.labelDa,
      typeLabelEn: r.type.labelEn,
      places: r.places,
      startDate: r.startDate,
      weeks: r.weeks,
      endDate: r.endDate,
      employerSector: r.employerSector,
      sector: r.sector,
      shortageSector: r.shortageSector,
      status: r.status,
      createdAt: r.createdAt,
    }));
  }

  async requestExportRows(partnershipId: string): Promise<RequestExportRow[]> {
    const rows = await this.prisma.supportRequest.findMany({
      where: { partnershipId },
      orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      select: {
        kind: true,
        status: true,
        companyName: true,
        holder: true,
        holderName: true,
        declineReason: true,
        requestedAt: true,
        dueAt: true,
        closedAt: true,
        organisation: { select: { name: true } },
        placement: { select: { company: { select: { name: true } } } },
      },
    });
    return rows.map((r) => ({
      organisation: r.organisation.name,
      kind: r.kind,
      company: r.placement?.company.name ?? r.companyName,
      status: r.status,
      holder: r.holderName ?? r.holder,
      declineReason: r.declineReason,
      requestedAt: r.requestedAt,
      dueAt: r.dueAt,
      closedAt: r.closedAt,
    }));
  }
}
