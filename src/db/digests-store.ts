// Prisma for the weekly digest: the facts a digest is built from (a few grouped queries per
// partnership, never one row per placement), digest links and the DigestRun record of what each
// channel got each ISO week (features/digests/store.ts).
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import type {
  DigestFacts,
  DigestFactsQuery,
  DigestLinkRecord,
  DigestRunOutcome,
  DigestsStore,
  NewDigestLink,
  NewPlacementCount,
} from "../features/digests/store.js";
import type { Platform } from "../kernel/actor.js";
import { dateFromIso, type IsoDate, isoFromDate } from "../kernel/dates.js";
import { APPROVED_STATUSES, type EmployerSector, isApproved, type PlacementStatus } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { upsertChannelLink } from "./channel-links.js";
import { prismaRawSql, type RawQueryable, type RawSql } from "./direct-sql.js";
import { toDigestLink } from "./rows.js";

/** The week's registrations by organisation: approved places counted, waiting places apart. */
function newPlacementCounts(rows: { organisationId: string; status: PlacementStatus; _sum: { places: number | null }; _count: { _all: number } }[]) {
  const byOrganisation = new Map<string, NewPlacementCount>();
  for (const r of rows) {
    const count = byOrganisation.get(r.organisationId) ?? { organisationId: r.organisationId, placements: 0, places: 0, waitingPlaces: 0 };
    count.placements += r._count._all;
    if (isApproved(r.status)) count.places += r._sum.places ?? 0;
    else count.waitingPlaces += r._sum.places ?? 0;
    byOrganisation.set(r.organisationId, count);
  }
  return [...byOrganisation.values()];
}

async function digestFacts(prisma: PrismaClient, partnershipId: string, q: DigestFactsQuery): Promise<DigestFacts> {
  const [weekly, fresh, ending, support, filed] = await Promise.all([
    prisma.$queryRaw<{ week: string; key: string; sector: string; shortage: boolean; places: number }[]>`
      SELECT to_char(date_trunc('week', (p."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${q.timezone}), 'YYYY-MM-DD') AS week,
             t."key" AS key, p."employerSector"::text AS sector, p."shortageSector" AS shortage, SUM(p."places")::int AS places
        FROM "Placement" p JOIN "PlacementType" t ON t."id" = p."typeId"
        JOIN "Partnership" s ON s."id" = p."partnershipId"
       WHERE p."partnershipId" = ${partnershipId} AND p."createdAt" < ${q.asOf}
         -- a placement that starts outside the partnership's period is not the agreement's
         AND p."startDate" BETWEEN s."periodStart" AND s."periodEnd"
         AND p."status"::text IN (${Prisma.join([...APPROVED_STATUSES])})
       GROUP BY 1, 2, 3, 4`,
    // A refused placement never starts: it is not new; one waiting for approval is shown as waiting.
    prisma.placement.groupBy({
      by: ["organisationId", "status"],
      where: { partnershipId, createdAt: { gte: q.newSince, lt: q.asOf }, status: { not: "refused" } },
      _sum: { places: true },
      _count: { _all: true },
    }),
    prisma.placement.findMany({
      where: {
        partnershipId,
        // Approved and running: one waiting for approval has nothing to extend yet.
        status: { in: ["active", "extended"] },
        endDate: { gte: dateFromIso(q.endingFrom), lte: dateFromIso(q.endingTo) },
        createdAt: { lt: q.asOf },
      },
      select: {
        id: true,
        organisationId: true,
        organisation: { select: { name: true } },
        company: { select: { name: true } },
        type: { select: { key: true, labelDa: true, labelEn: true } },
        caseReference: true,
        startDate: true,
        endDate: true,
        weeks: true,
        status: true,
      },
      orderBy: [{ endDate: "asc" }, { id: "asc" }],
    }),
    prisma.supportRequest.groupBy({
      by: ["organisationId"],
      where: { partnershipId, status: { in: ["open", "taken"] }, requestedAt: { lt: q.asOf } },
      _count: { _all: true },
    }),
    prisma.quarterlyStatus.findMany({
      where: { quarter: { in: q.quarters }, organisation: { partnershipId } },
      select: { quarter: true, organisationId: true },
    }),
  ]);
  const overdue = await prisma.supportRequest.groupBy({
    by: ["organisationId"],
    where: { partnershipId, status: { in: ["open", "taken"] }, requestedAt: { lt: q.asOf }, dueAt: { lt: q.asOf } },
    _count: { _all: true },
  });
  const decisions =
    ending.length === 0
      ? []
      : await prisma.auditEvent.findMany({
          where: { entity: "placement", action: "ends_as_planned", entityId: { in: ending.map((p) => p.id) } },
          select: { entityId: true, after: true },
        });
  const plannedEnd = new Set(decisions.map((d) => `${d.entityId}:${String((d.after as { endDate?: string } | null)?.endDate)}`));
  const overdueBy = new Map(overdue.map((o) => [o.organisationId, o._count._all]));
  const filedBy: Record<string, string[]> = Object.fromEntries(q.quarters.map((quarter) => [quarter, [] as string[]]));
  for (const f of filed) {
    filedBy[f.quarter] ??= [];
    filedBy[f.quarter]!.push(f.organisationId);
  }
  return {
    weekly: weekly.map((w) => ({
      weekStart: w.week,
      typeKey: w.key,
      employerSector: w.sector as EmployerSector,
      shortageSector: w.shortage,
      places: Number(w.places),
    })),
    newPlacements: newPlacementCounts(fresh),
    ending: ending.map((p) => {
      const endDate = isoFromDate(p.endDate!);
      return {
        id: p.id,
        organisationId: p.organisationId,
        organisationName: p.organisation.name,
        companyName: p.company.name,
        typeKey: p.type.key,
        typeLabelDa: p.type.labelDa,
        typeLabelEn: p.type.labelEn,
        caseReference: p.caseReference,
        startDate: isoFromDate(p.startDate),
        endDate,
        weeks: p.weeks,
        status: p.status,
        endsAsPlanned: plannedEnd.has(`${p.id}:${endDate}`),
      };
    }),
    support: support.map((s) => ({ organisationId: s.organisationId, open: s._count._all, overdue: overdueBy.get(s.organisationId) ?? 0 })),
    filed: filedBy,
  };
}

async function saveDigestLink(prisma: PrismaClient, link: NewDigestLink, audit: { actor: string }): Promise<DigestLinkRecord> {
  const { weekday, time, ...rest } = link;
  return upsertChannelLink(prisma, { ...rest, purpose: "digest", schedule: { weekday, time } }, audit.actor, toDigestLink);
}

async function removeDigestLink(
  prisma: PrismaClient,
  address: { platform: Platform; workspaceId: string; channelId: string },
  audit: { actor: string },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const where = { platform_workspaceId_channelId_purpose: { ...address, purpose: "digest" as const } };
    const before = await tx.channelLink.findUnique({ where });
    if (!before) return false;
    await tx.channelLink.delete({ where });
    await writeAudit(tx, { actor: audit.actor, entity: "channel_link", entityId: before.id, action: "delete", before: toDigestLink(before) });
    return true;
  });
}

async function listDigestLinks(prisma: PrismaClient, filter: { id?: string; partnershipId?: string; channelId?: string } = {}): Promise<DigestLinkRecord[]> {
  const rows = await prisma.channelLink.findMany({
    where: {
      purpose: "digest",
      ...(filter.id ? { id: filter.id } : {}),
      ...(filter.partnershipId ? { partnershipId: filter.partnershipId } : {}),
      ...(filter.channelId ? { channelId: filter.channelId } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toDigestLink);
}

async function digestRunsOfWeek(prisma: PrismaClient, isoWeek: string): Promise<Set<string>> {
  const rows = await prisma.digestRun.findMany({ where: { isoWeek }, select: { channelLinkId: true } });
  return new Set(rows.map((r) => r.channelLinkId));
}

/**
 * The link and its week's record in one statement of raw SQL: a run of 1,000 channels asks it
 * 1,000 times, and two reads through the query builder cost more CPU than the post itself.
 */
async function digestTask(sql: RawQueryable, channelLinkId: string, isoWeek: string) {
  const [row] = await sql.$queryRaw<(Partial<Prisma.ChannelLinkGetPayload<object>> & { recorded: boolean })[]>`
    SELECT l.*, EXISTS (SELECT 1 FROM "DigestRun" r WHERE r."channelLinkId" = ${channelLinkId} AND r."isoWeek" = ${isoWeek}) AS "recorded"
    FROM (VALUES (1)) AS one
    LEFT JOIN "ChannelLink" l ON l."id" = ${channelLinkId} AND l."purpose" = 'digest'`;
  const { recorded = false, ...link } = row ?? {};
  return { link: isChannelLinkRow(link) ? toDigestLink(link) : undefined, recorded };
}

/** A row of the LEFT JOIN above that found its link. */
function isChannelLinkRow(row: Partial<Prisma.ChannelLinkGetPayload<object>>): row is Prisma.ChannelLinkGetPayload<object> {
  return typeof row.id === "string";
}

/** Once per channel and week: the unique (channel, week) decides, and a second record changes nothing. */
async function recordDigestRun(sql: RawQueryable, channelLinkId: string, isoWeek: string, outcome: DigestRunOutcome, at: Date): Promise<boolean> {
  const posted = outcome.status === "posted";
  const recorded = await sql.$executeRaw`
    INSERT INTO "DigestRun" ("id", "channelLinkId", "isoWeek", "status", "postedAt", "error", "messageRef")
    VALUES (${randomUUID()}, ${channelLinkId}, ${isoWeek}, ${outcome.status}, ${posted ? at : null}, ${posted ? null : outcome.error.slice(0, 1000)},
      ${posted && outcome.messageRef != null ? JSON.stringify(outcome.messageRef) : null}::jsonb)
    ON CONFLICT ("channelLinkId", "isoWeek") DO NOTHING`;
  return recorded === 1;
}

async function markDigestLinkFailed(prisma: PrismaClient, channelLinkId: string, failure: string, at: Date): Promise<boolean> {
  const marked = await prisma.channelLink.updateMany({ where: { id: channelLinkId, failedAt: null }, data: { failedAt: at, failure: failure.slice(0, 500) } });
  return marked.count === 1;
}

async function recordEndsAsPlanned(prisma: PrismaClient, placementId: string, endDate: IsoDate, audit: { actor: string }): Promise<void> {
  await writeAudit(prisma, { actor: audit.actor, entity: "placement", entityId: placementId, action: "ends_as_planned", after: { endDate } });
}

export class PrismaDigestsStore implements DigestsStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** A digest task's two statements, asked once per channel (direct-sql.ts). */
    private readonly sql: RawSql = prismaRawSql(prisma),
  ) {}

  digestFacts: DigestsStore["digestFacts"] = (...a) => digestFacts(this.prisma, ...a);
  saveDigestLink: DigestsStore["saveDigestLink"] = (...a) => saveDigestLink(this.prisma, ...a);
  removeDigestLink: DigestsStore["removeDigestLink"] = (...a) => removeDigestLink(this.prisma, ...a);
  listDigestLinks: DigestsStore["listDigestLinks"] = (...a) => listDigestLinks(this.prisma, ...a);
  digestRunsOfWeek: DigestsStore["digestRunsOfWeek"] = (...a) => digestRunsOfWeek(this.prisma, ...a);
  digestTask: DigestsStore["digestTask"] = (...a) => digestTask(this.sql, ...a);
  recordDigestRun: DigestsStore["recordDigestRun"] = (...a) => recordDigestRun(this.sql, ...a);
  markDigestLinkFailed: DigestsStore["markDigestLinkFailed"] = (...a) => markDigestLinkFailed(this.prisma, ...a);
  recordEndsAsPlanned: DigestsStore["recordEndsAsPlanned"] = (...a) => recordEndsAsPlanned(this.prisma, ...a);
}
