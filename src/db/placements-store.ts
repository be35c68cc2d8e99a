// Prisma for registering and listing placements (features/placements/store.ts).
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import type { NewPlacement, PlacementQuery, PlacementsStore, WorkplaceLockedStore } from "../features/placements/store.js";
import { dateFromIso, type IsoDate } from "../kernel/dates.js";
import { APPROVED_STATUSES, type AuditEntry, type PlacementRecord, type PlacementTally } from "../kernel/records.js";
import { writeAudit } from "./audit.js";
import { prismaRawSql, type RawQueryable, type RawSql } from "./direct-sql.js";
import { findWorkplace, listRatioPlacements, updatePlacement } from "./placement-rules-store.js";
import { insertedPlacement, placementInclude, readPlacements, toPlacement } from "./rows.js";

/**
 * The workplace's id by its P-nummer, created when new; a newly given employee figure replaces the
 * stored one. One statement: it runs inside the registration's transaction, under the workplace's lock.
 */
async function upsertWorkplace(tx: RawQueryable, companyId: string, w: NonNullable<NewPlacement["workplace"]>): Promise<string> {
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

/** The company by CVR; the first registration names it. */
async function companyFor(tx: RawQueryable, c: NewPlacement["company"]): Promise<CompanyRow> {
  // One statement names a new company or finds the known one. Two registrations of a new company
  // at different P-numbers hold different workplace locks: the first insert names it, and the
  // other's insert does nothing, without a unique violation that would end its transaction.
  let [existing] = await tx.$queryRaw<CompanyRow[]>`
    WITH "created" AS (
      INSERT INTO "Company" ("id", "cvr", "name", "createdAt") VALUES (${randomUUID()}, ${c.cvr}, ${c.name}, ${new Date()})
      ON CONFLICT ("cvr") DO NOTHING
      RETURNING "id", "cvr", "name", true AS "created")
    SELECT * FROM "created"
    UNION ALL
    SELECT "id", "cvr", "name", false AS "created" FROM "Company" WHERE "cvr" = ${c.cvr} AND NOT EXISTS (SELECT 1 FROM "created")`;
  // The other insert committed after this statement began: its row is there for the next one.
  existing ??= (await tx.$queryRaw<CompanyRow[]>`SELECT "id", "cvr", "name", false AS "created" FROM "Company" WHERE "cvr" = ${c.cvr}`)[0];
  if (!existing) throw new Error(`company ${c.cvr} was neither created nor found`);
  return existing;
}

/**
 * A later registration changes a company's shared name only when it is a secretariat admin's,
 * with an audit row, so no partner renames what others' placements show. Called once the
 * placement is saved, so a second delivery of the same submission renames nothing.
 */
async function renameCompany(tx: RawQueryable, existing: CompanyRow, c: NewPlacement["company"], audit: AuditEntry): Promise<boolean> {
  if (existing.created || !c.renameShared || existing.name === c.name) return false;
  // The name as it is now, the row locked: another admin's rename at the same instant is the one
  // this audit row says it changed from. NO KEY, as the UPDATE's own lock: the placements just
  // inserted hold key-share locks on the row, and FOR UPDATE would wait for them (a deadlock).
  const [current] = await tx.$queryRaw<{ name: string }[]>`SELECT "name" FROM "Company" WHERE "id" = ${existing.id} FOR NO KEY UPDATE`;
  if (!current || current.name === c.name) return false;
  await tx.$executeRaw`UPDATE "Company" SET "name" = ${c.name} WHERE "id" = ${existing.id}`;
  await writeAudit(tx, {
    actor: audit.actor,
    entity: "company",
    entityId: existing.id,
    action: "rename",
    before: { name: current.name },
    after: { name: c.name },
  });
  return true;
}

type CompanyRow = { id: string; cvr: string; name: string; created: boolean };

/**
 * A placement with its company and workplace, and its audit row, inside the caller's transaction,
 * once per idempotency key: when the key is taken (the same submission delivered twice), the
 * placement saved with it, not created. Raw SQL, as every statement a registration makes: see readPlacements.
 */
async function insertPlacement(tx: RawQueryable, p: NewPlacement, audit: AuditEntry): Promise<{ placement: PlacementRecord; created: boolean }> {
  const company = await companyFor(tx, p.company);
  const workplaceId = p.workplace ? await upsertWorkplace(tx, company.id, p.workplace) : null;
  const id = randomUUID();
  const now = new Date();
  const date = (iso: IsoDate | null | undefined) => (iso ? dateFromIso(iso) : null);
  const inserted = await insertedPlacement(
    tx,
    Prisma.sql`
      INSERT INTO "Placement" (
        "id", "partnershipId", "organisationId", "companyId", "companyName", "typeId", "places", "startDate", "weeks", "endDate",
        "employerSector", "sector", "shortageSector", "contactPerson", "needs", "note", "status", "createdBy", "createdAt", "updatedAt",
        "idempotencyKey", "workplaceId", "ordinaryEmployeesFte", "ordinaryEmployeesAsOf", "benefitGroup", "hoursPerWeek", "purpose",
        "representativeName", "representativeConfirmed", "caseReference")
      VALUES (
        ${id}, ${p.partnershipId}, ${p.organisationId}, ${company.id}, ${p.company.name}, ${p.typeId}, ${p.places}, ${dateFromIso(p.startDate)}::date,
        ${p.weeks}, ${date(p.endDate)}::date, ${p.employerSector}::"EmployerSector", ${p.sector}, ${p.shortageSector}, ${p.contactPerson},
        ${p.needs}::text[], ${p.note}, ${p.status ?? "active"}::"PlacementStatus", ${p.createdBy}, ${now}, ${now},
        ${p.idempotencyKey}, ${workplaceId}, ${p.ordinaryEmployees?.fte ?? null}, ${date(p.ordinaryEmployees?.asOf)}::date, ${p.benefitGroup ?? null},
        ${p.hoursPerWeek ?? null}, ${p.purpose ?? null}, ${p.representativeName ?? null}, ${p.representativeConfirmed ?? false}, ${p.caseReference ?? null})
      ON CONFLICT ("idempotencyKey") DO NOTHING`,
  );
  if (!inserted) {
    // The other delivery's row: it committed before this statement began, or this statement waited for it.
    const existing = await placementByKey(tx, p.idempotencyKey);
    if (!existing) throw new Error(`placement ${p.idempotencyKey} was neither created nor found`);
    return { placement: existing, created: false };
  }
  let record = inserted;
  if (await renameCompany(tx, company, p.company, audit)) record = { ...record, company: { ...record.company, name: p.company.name } };
  if (p.ratioExemption) {
    const exemption = { reason: p.ratioExemption.reason, grantedBy: p.ratioExemption.grantedBy, grantedAt: now };
    await tx.$executeRaw`
      INSERT INTO "RatioExemption" ("placementId", "reason", "grantedBy", "grantedAt")
      VALUES (${id}, ${exemption.reason}, ${exemption.grantedBy}, ${exemption.grantedAt})`;
    record = { ...record, ratioExemption: exemption };
  }
  await writeAudit(tx, { actor: audit.actor, entity: "placement", entityId: id, action: "create", after: record });
  return { placement: record, created: true };
}

/** The placement a registration's idempotency key names, if one was saved with it. */
async function placementByKey(db: Pick<RawQueryable, "$queryRaw">, key: string): Promise<PlacementRecord | undefined> {
  const [record] = await readPlacements(db, Prisma.sql`p."idempotencyKey" = ${key}`);
  return record;
}

/** How long a registration waits for a workplace's lock; registrations at one workplace are few. */
const LOCK_WAIT = "10s";

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
  constructor(
    private readonly prisma: PrismaClient,
    /** The registration path's statements (direct-sql.ts). */
    private readonly sql: RawSql = prismaRawSql(prisma),
  ) {}

  async findPlacementByIdempotencyKey(key: string) {
    return placementByKey(this.sql, key);
  }

  async createPlacement(p: NewPlacement, audit: AuditEntry) {
    // Two deliveries of one submission that race: the first one's row is the answer to both.
    return this.sql.transaction((tx) => insertPlacement(tx, p, audit));
  }

  async withWorkplaceLock<T>(pNumber: string, work: (locked: WorkplaceLockedStore) => Promise<T>): Promise<T> {
    return this.sql.transaction(async (tx) => {
      // Released when the transaction ends, after the insert is committed or rolled back. A wait
      // longer than LOCK_WAIT ends the transaction with an error instead of holding a request.
      // The lock's key names the setting's row ("waiting"), so the limit is set before the wait begins.
      await tx.$queryRaw`
        SELECT 1 AS locked FROM (SELECT set_config('lock_timeout', ${LOCK_WAIT}, true) AS "v") AS "waiting"
        CROSS JOIN LATERAL pg_advisory_xact_lock(${WORKPLACE_LOCK}::int4, hashtext(${pNumber} || left("waiting"."v", 0)))`;
      const locked: WorkplaceLockedStore = {
        findWorkplace: (n) => findWorkplace(tx, n),
        listRatioPlacements: (id) => listRatioPlacements(tx, id),
        updatePlacement: (id, patch, audit) => updatePlacement(tx, id, patch, audit),
        // The same submission delivered twice waits for this lock too, and finds the first one's row.
        createPlacement: (p, audit) => insertPlacement(tx, p, audit),
        findPlacementByIdempotencyKey: (key) => placementByKey(tx, key),
      };
      return work(locked);
    });
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
