// The ratio rule (BAB § 65) under concurrency: registrations at one P-nummer sent at the same
// instant are counted one after another under the workplace's lock, so exactly as many are
// stored as the rule allows — on the database (PGlite here, PostgreSQL in CI) and in memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaStore } from "../../../src/db/stores.js";
import { extendPlacement } from "../../../src/features/placement-rules/extend-placement.js";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import type { NewPlacement } from "../../../src/features/placements/store.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import type { Actor } from "../../../src/kernel/actor.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";
import { createMemoryStores } from "../../support/memory/index.js";

const actor: Actor = { platform: "slack", workspaceId: "T1", userId: "UADMIN", locale: "da" };
/** 24 ordinary employees: the rule allows max(1, ⌊24/5⌋) = 4 full-time people at once. */
const EMPLOYEES = 24;
const ALLOWED = 4;
const SENT = 12;
let batch = 0;

function praktik(ids: { organisationId: string; typeId: string }, pNumber: string): PlacementInput {
  return {
    organisationId: ids.organisationId,
    companyName: "Aalborg Portland A/S",
    cvr: "24256790",
    employerSector: "private",
    sector: "construction",
    shortageSector: true,
    typeId: ids.typeId,
    places: 1,
    startDate: "2016-10-03",
    weeks: undefined,
    contactPerson: "Hanne Jensen",
    needs: [],
    note: undefined,
    pNumber,
    ordinaryEmployees: EMPLOYEES,
    benefitGroup: "integrationsprogram",
    hoursPerWeek: 37,
    purpose: "skills",
    representativeName: "Jens Tillid",
    representativeConfirmed: true,
  };
}

async function sendTogether(store: Parameters<typeof registerPlacement>[0], access: Access, ids: { organisationId: string; typeId: string }, pNumber: string) {
  const results = await Promise.all(
    Array.from({ length: SENT }, (_, i) => registerPlacement(store, access, praktik(ids, pNumber), `concurrent:${pNumber}:${++batch}:${i}`)),
  );
  return {
    saved: results.filter((r) => r.kind === "saved").length,
    refused: results.filter((r) => r.kind === "invalid" && r.problems.pNumber?.key === "rules:ratio.exceeded_admin").length,
  };
}

describe("registrations at one P-nummer at the same instant", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });
  /** The Prisma store, an admin's access, and Aalborg's Dansk Industri and virksomhedspraktik. */
  const onDatabase = async () => {
    const store = createPrismaStore(db.prisma);
    const partnership = await db.prisma.partnership.findFirstOrThrow({ where: { slug: "aalborg-2016" } });
    const organisation = await db.prisma.organisation.findFirstOrThrow({ where: { partnershipId: partnership.id, name: "Dansk Industri Aalborg" } });
    const type = await db.prisma.placementType.findFirstOrThrow({ where: { partnershipId: partnership.id, key: "virksomhedspraktik" } });
    const access = await resolveAccess(store, actor, new Set(["UADMIN"]));
    return { store, access, ids: { organisationId: organisation.id, typeId: type.id } };
  };
  /** A placement of a type the ratio rule does not count, so it is saved without a workplace lock. */
  const unlockedPlacement = async (organisationId: string, idempotencyKey: string, company: NewPlacement["company"]): Promise<NewPlacement> => {
    const organisation = await db.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } });
    const mentor = await db.prisma.placementType.findFirstOrThrow({ where: { partnershipId: organisation.partnershipId, countsForRatio: false } });
    return {
      partnershipId: mentor.partnershipId,
      organisationId,
      company,
      typeId: mentor.id,
      places: 1,
      startDate: "2016-10-03",
      weeks: 4,
      endDate: "2016-10-30",
      employerSector: "private",
      sector: "construction",
      shortageSector: false,
      contactPerson: "Hanne Jensen",
      needs: [],
      note: null,
      createdBy: "slack:T1:UADMIN",
      idempotencyKey,
    };
  };

  it("on the database: exactly the allowed number is stored, the rest refused at the P-nummer", async () => {
    const { store, access, ids } = await onDatabase();

    // A new workplace (created by the first registration) and, after it, the same one again.
    expect(await sendTogether(store, access, ids, "1000000101")).toEqual({ saved: ALLOWED, refused: SENT - ALLOWED });
    expect(await sendTogether(store, access, ids, "1000000101")).toEqual({ saved: 0, refused: SENT });
    expect(await db.prisma.placement.count({ where: { workplace: { pNumber: "1000000101" } } })).toBe(ALLOWED);
    expect(await db.prisma.workplace.count({ where: { pNumber: "1000000101" } })).toBe(1);
  });

  it("on the database: a retried submission waits for the lock and finds the first save", async () => {
    const { store, access, ids } = await onDatabase();
    const input = praktik(ids, "1000000102");
    const results = await Promise.all(Array.from({ length: 5 }, () => registerPlacement(store, access, input, "concurrent:same-key")));
    expect(results.map((r) => r.kind)).toEqual(Array(5).fill("saved"));
    expect(results.filter((r) => r.kind === "saved" && !r.duplicate)).toHaveLength(1);
    expect(await db.prisma.placement.count({ where: { idempotencyKey: "concurrent:same-key" } })).toBe(1);
  });

  it("on the database: one submission delivered three times at once, at a P-nummer one place from its limit, is saved once and each delivery is told it is saved", async () => {
    const { store, access, ids } = await onDatabase();
    const pNumber = "1000000104";
    for (let i = 0; i < ALLOWED - 1; i += 1)
      expect((await registerPlacement(store, access, praktik(ids, pNumber), `limit:${pNumber}:${i}`)).kind).toBe("saved");
    // The deliveries that wait for the lock find the ratio rule counting the first one's save: it is theirs.
    const results = await Promise.all(Array.from({ length: 3 }, () => registerPlacement(store, access, praktik(ids, pNumber), "limit:same-key")));
    expect(results.map((r) => r.kind)).toEqual(["saved", "saved", "saved"]);
    expect(results.filter((r) => r.kind === "saved" && !r.duplicate)).toHaveLength(1);
    expect(await db.prisma.placement.count({ where: { workplace: { pNumber } } })).toBe(ALLOWED);
  });

  it("on the database: one submission delivered five times at once, where no workplace lock is taken, is saved, renames the company and is audited once", async () => {
    const { store, ids } = await onDatabase();
    // A secretariat admin's registration renames the shared company.
    const placement = await unlockedPlacement(ids.organisationId, "concurrent:unlocked", {
      cvr: "24256790",
      name: "Aalborg Portland Cement A/S",
      renameShared: true,
    });
    await db.prisma.company.upsert({
      where: { cvr: "24256790" },
      create: { cvr: "24256790", name: "Aalborg Portland A/S" },
      update: { name: "Aalborg Portland A/S" },
    });
    const audits = async () => ({
      created: await db.prisma.auditEvent.count({ where: { entity: "placement", action: "create" } }),
      renamed: await db.prisma.auditEvent.count({ where: { entity: "company", action: "rename" } }),
    });
    const before = await audits();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.createPlacement(placement, { actor: "slack:T1:UADMIN" })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.placement.id)).size).toBe(1);
    expect(await db.prisma.placement.count({ where: { idempotencyKey: "concurrent:unlocked" } })).toBe(1);
    expect(await audits()).toEqual({ created: before.created + 1, renamed: before.renamed + 1 });
    expect(results.every((r) => r.placement.company.name === "Aalborg Portland Cement A/S")).toBe(true);
    expect((await db.prisma.company.findUniqueOrThrow({ where: { cvr: "24256790" } })).name).toBe("Aalborg Portland Cement A/S");
  });

  it("on the database: two admins renaming one company at the same instant leave audit rows that follow each other", async () => {
    const { store, ids } = await onDatabase();
    const company = await db.prisma.company.create({ data: { cvr: "10000009", name: "Gammelt Navn ApS" } });
    const placement = (key: string, name: string) => unlockedPlacement(ids.organisationId, key, { cvr: company.cvr, name, renameShared: true });
    const [a, b] = [await placement("rename:a", "Nyt Navn A ApS"), await placement("rename:b", "Nyt Navn B ApS")];
    await Promise.all([store.createPlacement(a, { actor: "slack:T1:UADMIN" }), store.createPlacement(b, { actor: "slack:T1:UADMIN2" })]);
    const renames = await db.prisma.auditEvent.findMany({ where: { entity: "company", entityId: company.id, action: "rename" }, orderBy: { at: "asc" } });
    const steps = renames.map((r) => [(r.before as { name: string }).name, (r.after as { name: string }).name]);
    expect(steps).toHaveLength(2);
    const first = steps.find(([before]) => before === "Gammelt Navn ApS");
    const second = steps.find(([before]) => before !== "Gammelt Navn ApS");
    expect(second?.[0]).toBe(first?.[1]);
    expect((await db.prisma.company.findUniqueOrThrow({ where: { id: company.id } })).name).toBe(second?.[1]);
  });

  it("on the database: a new company registered at several P-numbers at the same instant is made once, and every registration is saved", async () => {
    const { store, access, ids } = await onDatabase();
    // A CVR no placement has used yet (valid check digit), each registration at a workplace of its own.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        registerPlacement(store, access, { ...praktik(ids, `100000020${i}`), cvr: "12345674", companyName: "Ny Virksomhed ApS" }, `new-company:${i}`),
      ),
    );
    expect(results.map((r) => r.kind)).toEqual(Array(8).fill("saved"));
    expect(await db.prisma.company.count({ where: { cvr: "12345674" } })).toBe(1);
    expect(await db.prisma.placement.count({ where: { company: { cvr: "12345674" } } })).toBe(8);
  });

  it("on the database: an extension and a registration at the same instant are counted one after the other", async () => {
    const { store, access, ids } = await onDatabase();
    const pNumber = "1000000103";
    const save = async (over: Partial<PlacementInput>) => {
      const r = await registerPlacement(store, access, { ...praktik(ids, pNumber), ...over }, `concurrent:${pNumber}:${++batch}`);
      if (r.kind !== "saved") throw new Error(JSON.stringify(r));
      return r.placement;
    };
    // One placement runs in the autumn; three others fill December up to one below the limit.
    const autumn = await save({ startDate: "2016-09-05", weeks: 13 });
    for (let i = 0; i < ALLOWED - 1; i += 1) await save({ startDate: "2016-12-05", weeks: 4 });
    await db.prisma.placement.update({ where: { id: autumn.id }, data: { status: "active" } });
    // Either alone fits; both together would put one person too many at the workplace in December.
    const [extension, registration] = await Promise.all([
      extendPlacement(store, access, { placementId: autumn.id, endDate: "2016-12-18" }, "2016-11-20"),
      registerPlacement(store, access, { ...praktik(ids, pNumber), startDate: "2016-12-05", weeks: 4 }, `concurrent:${pNumber}:${++batch}`),
    ]);
    expect([extension.kind, registration.kind].sort()).toEqual(["invalid", "saved"]);
  });

  it("in memory: the same", async () => {
    const memory = createMemoryStores();
    const type = await memory.placementType("aalborg-2016", "virksomhedspraktik");
    const ids = { organisationId: memory.organisation("Dansk Industri Aalborg").id, typeId: type.id };
    const access = await resolveAccess(memory.store, actor, new Set(["UADMIN"]));
    expect(await sendTogether(memory.store, access, ids, "1000000201")).toEqual({ saved: ALLOWED, refused: SENT - ALLOWED });
  });
});
