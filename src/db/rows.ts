// Prisma rows as the records the kernel and features work with, shared by the stores in src/db.
import { Prisma } from "@prisma/client";
import type { ChannelLinkRecord } from "../features/channels/store.js";
import type { DigestLinkRecord } from "../features/digests/store.js";
import type { SupportRequestRecord } from "../features/support-requests/store.js";
import { isoFromDate } from "../kernel/dates.js";
import type { ContactRecord, Need, PartnershipRecord, PlacementRecord, PlacementTypeRecord, QuarterlyStatusRecord } from "../kernel/records.js";
import { ZPostedMessageRefSchema } from "./json-schemas.js";

export const placementInclude = {
  company: true,
  type: true,
  organisation: { select: { name: true } },
  workplace: true,
  ratioExemption: true,
} as const;
export type PlacementRow = Prisma.PlacementGetPayload<{ include: typeof placementInclude }>;

export function toPartnership(row: Prisma.PartnershipGetPayload<object>): PartnershipRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    municipality: row.municipality,
    periodStart: isoFromDate(row.periodStart),
    periodEnd: isoFromDate(row.periodEnd),
  };
}

export function toType(row: Prisma.PlacementTypeGetPayload<object>): PlacementTypeRecord {
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

export function toPlacement(row: PlacementRow): PlacementRecord {
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
    ordinaryEmployees:
      row.ordinaryEmployeesFte !== null && row.ordinaryEmployeesAsOf !== null
        ? { fte: row.ordinaryEmployeesFte, asOf: isoFromDate(row.ordinaryEmployeesAsOf) }
        : null,
    extensionReason: row.extensionReason,
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
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    workingTime: row.workingTime,
    vitasCreatedAt: row.vitasCreatedAt,
    approvedAt: row.approvedAt,
    approvedBy: row.approvedBy,
    refusedAt: row.refusedAt,
    refusedBy: row.refusedBy,
    refusalReason: row.refusalReason,
    decidedByName: row.decidedByName,
    channelMessage: ZPostedMessageRefSchema.safeParse(row.channelMessage).data ?? null,
    caseReference: row.caseReference,
    ratioExemption: row.ratioExemption
      ? { reason: row.ratioExemption.reason, grantedBy: row.ratioExemption.grantedBy, grantedAt: row.ratioExemption.grantedAt }
      : null,
  };
}

export function toContact(row: Prisma.ContactGetPayload<object>): ContactRecord {
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

export function toQuarterlyStatus(row: Prisma.QuarterlyStatusGetPayload<object>): QuarterlyStatusRecord {
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

export const requestInclude = {
  organisation: { select: { name: true } },
  placement: { select: { company: { select: { name: true } } } },
} as const;
export type RequestRow = Prisma.SupportRequestGetPayload<{ include: typeof requestInclude }>;

export function toRequest(row: RequestRow): SupportRequestRecord {
  const ref = ZPostedMessageRefSchema.safeParse(row.channelMessage);
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    placementId: row.placementId,
    placementCompany: row.placement?.company.name ?? null,
    companyName: row.companyName,
    cvr: row.cvr,
    kind: row.kind,
    status: row.status,
    wantedOn: row.wantedOn ? isoFromDate(row.wantedOn) : null,
    timeWindow: row.timeWindow,
    language: row.language,
    hoursPerWeek: row.hoursPerWeek,
    weeks: row.weeks,
    note: row.note,
    requestedAt: row.requestedAt,
    dueAt: row.dueAt,
    requestedBy: row.requestedBy,
    requesterName: row.requesterName,
    holder: row.holder,
    holderName: row.holderName,
    takenAt: row.takenAt,
    closedAt: row.closedAt,
    declineReason: row.declineReason,
    channelMessage: ref.success ? ref.data : null,
    reminderSentAt: row.reminderSentAt,
    escalatedAt: row.escalatedAt,
    version: row.version,
  };
}

/** The part of a request's state the audit log keeps for a transition. */
export function auditState(r: SupportRequestRecord) {
  return { status: r.status, holder: r.holder, holderName: r.holderName, declineReason: r.declineReason, version: r.version };
}

export function toLink(row: Prisma.ChannelLinkGetPayload<object>): ChannelLinkRecord {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspaceId,
    channelId: row.channelId,
    partnershipId: row.partnershipId,
    organisationId: row.organisationId,
    purpose: row.purpose,
    locale: row.locale,
  };
}

export function toDigestLink(row: Prisma.ChannelLinkGetPayload<object>): DigestLinkRecord {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspaceId,
    channelId: row.channelId,
    partnershipId: row.partnershipId,
    organisationId: row.organisationId,
    weekday: row.weekday ?? 1,
    time: row.time ?? "08:00",
    locale: row.locale,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    failedAt: row.failedAt,
    failure: row.failure,
  };
}
