// Prisma rows as the records the kernel and features work with, shared by the stores in src/db.
import { Prisma } from "@prisma/client";
import type { ChannelLinkRecord } from "../features/channels/store.js";
import type { DigestLinkRecord } from "../features/digests/store.js";
import type { SupportRequestRecord } from "../features/support-requests/store.js";
import { isoFromDate } from "../kernel/dates.js";
import type { ContactRecord, Need, PartnershipRecord, PlacementRecord, PlacementTypeRecord, QuarterlyStatusRecord } from "../kernel/records.js";
import type { RawQueryable } from "./direct-sql.js";
import { ZPostedMessageRefSchema } from "./json-schemas.js";

export const placementInclude = {
  company: true,
  type: true,
  organisation: { select: { name: true } },
  workplace: true,
  ratioExemption: true,
} as const;
export type PlacementRow = Prisma.PlacementGetPayload<{ include: typeof placementInclude }>;

type Queryable = Pick<RawQueryable, "$queryRaw">;

/** A placement's row and, prefixed, what placementInclude adds to it: the columns of the statement below. */
type FlatPlacementRow = Prisma.PlacementGetPayload<object> & {
  c_cvr: string;
  c_name: string;
  c_createdAt: Date;
  t_partnershipId: string;
  t_key: string;
  t_labelDa: string;
  t_labelEn: string;
  t_defaultWeeks: number | null;
  t_countsForRatio: boolean;
  t_sortOrder: number;
  o_name: string;
  w_companyId: string | null;
  w_pNumber: string | null;
  w_ordinaryEmployeesFte: number | null;
  w_asOf: Date | null;
  w_updatedAt: Date | null;
  r_reason: string | null;
  r_grantedBy: string | null;
  r_grantedAt: Date | null;
};

/** What placementInclude adds to a placement `p`, as prefixed columns of FlatPlacementRow. */
const INCLUDED_COLUMNS = Prisma.sql`
  c."cvr" AS "c_cvr", c."name" AS "c_name", c."createdAt" AS "c_createdAt",
  t."partnershipId" AS "t_partnershipId", t."key" AS "t_key", t."labelDa" AS "t_labelDa", t."labelEn" AS "t_labelEn",
  t."defaultWeeks" AS "t_defaultWeeks", t."countsForRatio" AS "t_countsForRatio", t."sortOrder" AS "t_sortOrder",
  o."name" AS "o_name",
  w."companyId" AS "w_companyId", w."pNumber" AS "w_pNumber", w."ordinaryEmployeesFte" AS "w_ordinaryEmployeesFte",
  w."asOf" AS "w_asOf", w."updatedAt" AS "w_updatedAt",
  r."reason" AS "r_reason", r."grantedBy" AS "r_grantedBy", r."grantedAt" AS "r_grantedAt"`;
const INCLUDED_JOINS = Prisma.sql`
  JOIN "Company" c ON c."id" = p."companyId"
  JOIN "PlacementType" t ON t."id" = p."typeId"
  JOIN "Organisation" o ON o."id" = p."organisationId"
  LEFT JOIN "Workplace" w ON w."id" = p."workplaceId"
  LEFT JOIN "RatioExemption" r ON r."placementId" = p."id"`;

/**
 * The placements `where` selects (a condition on `p`, the Placement), each with what
 * placementInclude adds: one statement of raw SQL. The registration path reads placements several
 * times; an `include` through the query builder costs several times the CPU of the statement itself.
 */
export async function readPlacements(db: Queryable, where: Prisma.Sql): Promise<PlacementRecord[]> {
  const rows = await db.$queryRaw<FlatPlacementRow[]>`
    SELECT p.*, ${INCLUDED_COLUMNS} FROM "Placement" p ${INCLUDED_JOINS} WHERE ${where}`;
  return rows.map((row) => toPlacement(nestedRow(row)));
}

/**
 * Runs `insert` (an INSERT INTO "Placement" of one row, which may do nothing on a conflict) and
 * reads the row back with what placementInclude adds, in one statement; undefined when nothing was inserted.
 */
export async function insertedPlacement(db: Queryable, insert: Prisma.Sql): Promise<PlacementRecord | undefined> {
  const [row] = await db.$queryRaw<FlatPlacementRow[]>`
    WITH "inserted" AS (${insert} RETURNING *)
    SELECT p.*, ${INCLUDED_COLUMNS} FROM "inserted" p ${INCLUDED_JOINS}`;
  return row ? toPlacement(nestedRow(row)) : undefined;
}

/** One placement by its id, with what placementInclude adds. */
export async function placementById(db: Queryable, id: string): Promise<PlacementRecord | undefined> {
  const [record] = await readPlacements(db, Prisma.sql`p."id" = ${id}`);
  return record;
}

/** The flat row in the shape the query builder gives with placementInclude. */
function nestedRow(row: FlatPlacementRow): PlacementRow {
  const {
    c_cvr,
    c_name,
    c_createdAt,
    t_partnershipId,
    t_key,
    t_labelDa,
    t_labelEn,
    t_defaultWeeks,
    t_countsForRatio,
    t_sortOrder,
    o_name,
    w_companyId,
    w_pNumber,
    w_ordinaryEmployeesFte,
    w_asOf,
    w_updatedAt,
    r_reason,
    r_grantedBy,
    r_grantedAt,
    ...placement
  } = row;
  return {
    ...placement,
    company: { id: placement.companyId, cvr: c_cvr, name: c_name, createdAt: c_createdAt },
    type: {
      id: placement.typeId,
      partnershipId: t_partnershipId,
      key: t_key,
      labelDa: t_labelDa,
      labelEn: t_labelEn,
      defaultWeeks: t_defaultWeeks,
      countsForRatio: t_countsForRatio,
      sortOrder: t_sortOrder,
    },
    organisation: { name: o_name },
    workplace:
      placement.workplaceId && w_companyId !== null && w_pNumber !== null && w_ordinaryEmployeesFte !== null && w_asOf && w_updatedAt
        ? {
            id: placement.workplaceId,
            companyId: w_companyId,
            pNumber: w_pNumber,
            ordinaryEmployeesFte: w_ordinaryEmployeesFte,
            asOf: w_asOf,
            updatedAt: w_updatedAt,
          }
        : null,
    ratioExemption:
      r_reason !== null && r_grantedBy !== null && r_grantedAt
        ? { placementId: placement.id, reason: r_reason, grantedBy: r_grantedBy, grantedAt: r_grantedAt }
        : null,
  };
}

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
    // A raw statement's failure (P2010) carries the driver adapter's error in its meta.
    const { meta, cause } = e as { meta?: { driverAdapterError?: unknown }; cause?: unknown };
    e = meta?.driverAdapterError ?? cause;
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
