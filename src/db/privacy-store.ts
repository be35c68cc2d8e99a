// Prisma for the personal-data rules: retention, and a case reference's export and deletion.
// (features/privacy/store.ts).
import type { Prisma, PrismaClient } from "@prisma/client";
import type { CaseExport, PrivacyStore } from "../features/privacy/store.js";
import { dateFromIso, type IsoDate, isoFromDate } from "../kernel/dates.js";
import {
  CLEARED_PLACEMENT_FIELDS,
  CLEARED_SUPPORT_REQUEST_FIELDS,
  PERSONAL_PLACEMENT_FIELDS,
  PERSONAL_QUARTERLY_FIELDS,
  PERSONAL_SUPPORT_REQUEST_FIELDS,
  type PersonalPlacementField,
} from "../kernel/personal-data.js";
import { writeAudit } from "./audit.js";
import { prismaRawSql, type RawSql } from "./direct-sql.js";

type Tx = Prisma.TransactionClient;

function plain(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** A copy of an audit row's JSON with the given personal fields emptied. */
function scrub(json: Prisma.JsonValue | null, fields: readonly string[]): Prisma.InputJsonValue | undefined {
  if (!json || typeof json !== "object" || Array.isArray(json)) return undefined;
  const copy: Record<string, unknown> = { ...json };
  let changed = false;
  for (const field of fields) {
    if (copy[field] !== undefined && copy[field] !== null && copy[field] !== "") {
      copy[field] = null;
      changed = true;
    }
  }
  return changed ? (copy as Prisma.InputJsonValue) : undefined;
}

async function scrubPlacementAudit(tx: Tx, placementIds: string[]): Promise<void> {
  await scrubAudit(tx, "placement", placementIds, PERSONAL_PLACEMENT_FIELDS);
}

async function scrubAudit(tx: Tx, entity: string, ids: string[], fields: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx.auditEvent.findMany({ where: { entity, entityId: { in: ids } } });
  for (const row of rows) {
    const before = scrub(row.before, fields);
    const after = scrub(row.after, fields);
    if (before || after) await tx.auditEvent.update({ where: { id: row.id }, data: { ...(before ? { before } : {}), ...(after ? { after } : {}) } });
  }
}

export class PrismaPrivacyStore implements PrivacyStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** The registration path's statements (direct-sql.ts). */
    private readonly sql: RawSql = prismaRawSql(prisma),
  ) {}

  async caseReferenceExists(caseReference: string) {
    // Asked for each new pseudonym a registration draws: one statement of raw SQL.
    const [row] = await this.sql.$queryRaw<{ taken: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "Placement" WHERE "caseReference" = ${caseReference}) AS "taken"`;
    return row?.taken === true;
  }

  async listPlacementsToAnonymise(endedBefore: IsoDate, openStartedBefore: IsoDate) {
    const before = dateFromIso(endedBefore);
    const rows = await this.prisma.placement.findMany({
      where: {
        anonymisedAt: null,
        OR: [
          { endedOn: { lt: before } },
          { endedOn: null, endDate: { lt: before } },
          { endedOn: null, endDate: null, startDate: { lt: dateFromIso(openStartedBefore) } },
        ],
      },
      select: { id: true, partnershipId: true, endedOn: true, endDate: true, startDate: true },
      orderBy: [{ endDate: "asc" }, { id: "asc" }],
    });
    return rows.map((r) => ({ id: r.id, partnershipId: r.partnershipId, end: isoFromDate(r.endedOn ?? r.endDate ?? r.startDate) }));
  }

  async anonymiseCompanySupportRequests(requestedBefore: Date, audit: { actor: string; reason: Record<string, unknown> }) {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.supportRequest.findMany({
        where: {
          placementId: null,
          requestedAt: { lt: requestedBefore },
          OR: [{ note: { not: null } }, { language: { not: null } }, { declineReason: { not: null } }],
        },
        select: { id: true },
      });
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      await tx.supportRequest.updateMany({ where: { id: { in: ids } }, data: { note: null, language: null, declineReason: null } });
      await scrubAudit(tx, "support_request", ids, PERSONAL_SUPPORT_REQUEST_FIELDS);
      for (const id of ids) {
        await writeAudit(tx, {
          actor: audit.actor,
          entity: "support_request",
          entityId: id,
          action: "anonymise",
          after: { removed: PERSONAL_SUPPORT_REQUEST_FIELDS, ...audit.reason },
        });
      }
      return ids.length;
    });
  }

  async anonymiseQuarterlyStatuses(quarterBefore: string, audit: { actor: string; reason: Record<string, unknown> }) {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.quarterlyStatus.findMany({
        where: { quarter: { lt: quarterBefore }, OR: [{ activities: { not: "" } }, { plan: { not: "" } }] },
        select: { id: true },
      });
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      await tx.quarterlyStatus.updateMany({ where: { id: { in: ids } }, data: { activities: "", plan: "" } });
      await scrubAudit(tx, "quarterly_status", ids, PERSONAL_QUARTERLY_FIELDS);
      for (const id of ids) {
        await writeAudit(tx, {
          actor: audit.actor,
          entity: "quarterly_status",
          entityId: id,
          action: "anonymise",
          after: { removed: PERSONAL_QUARTERLY_FIELDS, ...audit.reason },
        });
      }
      return ids.length;
    });
  }

  async anonymisePlacement(id: string, at: Date, audit: { actor: string; reason: Record<string, unknown> }) {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.placement.findUnique({ where: { id } });
      if (!row || row.anonymisedAt) return undefined;
      const removed = PERSONAL_PLACEMENT_FIELDS.filter((f) => row[f] !== null && row[f] !== "") as PersonalPlacementField[];
      const claimed = await tx.placement.updateMany({
        where: { id, anonymisedAt: null },
        data: {
          ...CLEARED_PLACEMENT_FIELDS,
          anonymisedAt: at,
        },
      });
      if (claimed.count !== 1) return undefined;
      await scrubPlacementAudit(tx, [id]);
      const requests = await tx.supportRequest.findMany({ where: { placementId: id }, select: { id: true } });
      await tx.supportRequest.updateMany({ where: { placementId: id }, data: CLEARED_SUPPORT_REQUEST_FIELDS });
      await scrubAudit(
        tx,
        "support_request",
        requests.map((r) => r.id),
        PERSONAL_SUPPORT_REQUEST_FIELDS,
      );
      await writeAudit(tx, { actor: audit.actor, entity: "placement", entityId: id, action: "anonymise", after: { removed, ...audit.reason } });
      return removed;
    });
  }

  async exportCase(caseReference: string): Promise<CaseExport> {
    const placements = await this.prisma.placement.findMany({
      where: { caseReference },
      include: { company: true, type: true, organisation: { select: { name: true } }, workplace: true, ratioExemption: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const ids = placements.map((p) => p.id);
    const [supportRequests, auditEvents] = await Promise.all([
      this.prisma.supportRequest.findMany({ where: { placementId: { in: ids } }, orderBy: [{ requestedAt: "asc" }, { id: "asc" }] }),
      this.prisma.auditEvent.findMany({ where: { entityId: { in: ids } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    ]);
    return { caseReference, placements: placements.map(plain), supportRequests: supportRequests.map(plain), auditEvents: auditEvents.map(plain) };
  }

  async deleteCase(caseReference: string, audit: { actor: string }) {
    return this.prisma.$transaction(async (tx) => {
      const placements = await tx.placement.findMany({ where: { caseReference }, select: { id: true } });
      const ids = placements.map((p) => p.id);
      if (ids.length === 0) return { placements: 0, supportRequests: 0 };
      const requests = await tx.supportRequest.deleteMany({ where: { placementId: { in: ids } } });
      await tx.placement.deleteMany({ where: { id: { in: ids } } });
      await scrubPlacementAudit(tx, ids);
      await writeAudit(tx, {
        actor: audit.actor,
        entity: "case",
        entityId: caseReference,
        action: "delete",
        after: { placements: ids, supportRequests: requests.count },
      });
      return { placements: ids.length, supportRequests: requests.count };
    });
  }
}
