// The municipality's approval and the employee representative's rule, on the in-memory stores:
// who may decide, what each status allows, two people pressing at once, and what counts in progress.
import { beforeEach, describe, expect, it } from "vitest";
import { approvePlacement } from "../../../src/features/placement-rules/approve-placement.js";
import { confirmRepresentative } from "../../../src/features/placement-rules/confirm-representative.js";
import { ZPrepareVitasSummaryInput, ZRefusePlacementInput } from "../../../src/features/placement-rules/contract.js";
import { refusePlacement } from "../../../src/features/placement-rules/refuse-placement.js";
import { rulesOn } from "../../../src/features/placement-rules/rule-set.js";
import { prepareVitasSummary } from "../../../src/features/placement-rules/vitas-summary.js";
import { computeProgress } from "../../../src/features/placements/compute-progress.js";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import { placementConfirmationView } from "../../../src/features/placements/views.js";
import { createI18n } from "../../../src/i18n/index.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let partner: Access;
let staff: Access;
let otherStaff: Access;
let admin: Access;
let ids: { di: string; praktik: string; loentilskud: string; ordinaer: string; igu: string };
let n = 0;
const now = new Date("2016-09-20T10:00:00Z");
const today = "2016-09-20";
const i18n = createI18n("da");

beforeEach(async () => {
  memory = createMemoryStores();
  store = memory.store;
  const type = (key: string) => memory.placementType("aalborg-2016", key).id;
  const di = memory.organisation("Dansk Industri Aalborg").id;
  ids = { di, praktik: type("virksomhedspraktik"), loentilskud: type("loentilskud"), ordinaer: type("ordinaer"), igu: type("igu") };
  const jobcenter = memory.organisation("Jobcenter Aalborg").id;
  const fredericia = memory.organisation("Jobcenter Fredericia").id;
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UPARTNER", organisationId: di, role: "partner_contact" });
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "USTAFF", organisationId: jobcenter, role: "jobcenter_staff", displayName: "Karin Sag" });
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UOTHER", organisationId: fredericia, role: "jobcenter_staff" });
  const who = (userId: string, admins: string[] = []) => resolveAccess(store, { platform: "slack", workspaceId: "T1", userId, locale: "da" }, new Set(admins));
  partner = await who("UPARTNER");
  staff = await who("USTAFF");
  otherStaff = await who("UOTHER");
  admin = await who("UADMIN", ["UADMIN"]);
});

async function register(over: Partial<PlacementInput> = {}) {
  const result = await registerPlacement(
    store,
    partner,
    {
      organisationId: ids.di,
      companyName: "Aalborg Portland A/S",
      cvr: "24256790",
      employerSector: "private",
      sector: "construction",
      shortageSector: true,
      typeId: ids.praktik,
      places: 1,
      startDate: "2016-10-03",
      weeks: 13,
      contactPerson: "Hanne Jensen",
      needs: [],
      note: undefined,
      pNumber: `30000000${String(++n).padStart(2, "0")}`,
      ordinaryEmployees: 10,
      benefitGroup: "integrationsprogram",
      hoursPerWeek: 37,
      purpose: "skills",
      representativeName: "Jens Tillid",
      representativeConfirmed: true,
      ...over,
    },
    `test:approval:${n}`,
  );
  if (result.kind !== "saved") throw new Error(JSON.stringify(result));
  return result.placement;
}

describe("the status a placement is registered in", () => {
  it("waits for the municipality once the representative has confirmed", async () => {
    expect((await register()).status).toBe("registered");
  });

  it("waits for the representative where the workplace has more than one employee", async () => {
    const p = await register({ representativeConfirmed: false, representativeName: undefined, ordinaryEmployees: 2 });
    expect(p.status).toBe("awaiting_confirmation");
  });

  it("asks no representative of a sole trader (one employee or none): the placement goes to approval", async () => {
    for (const ordinaryEmployees of [0, 1]) {
      const p = await register({ representativeConfirmed: false, representativeName: undefined, ordinaryEmployees });
      expect(p.status).toBe("registered");
      expect(await approvePlacement(store, staff, { placementId: p.id, now, today })).toMatchObject({ kind: "ok", placement: { status: "approved" } });
    }
  });

  it("needs no approval for an ordinary job: it counts at once", async () => {
    const p = await register({ typeId: ids.ordinaer, pNumber: undefined, ordinaryEmployees: undefined, benefitGroup: undefined, purpose: undefined });
    expect(p.status).toBe("active");
  });
});

describe("approving", () => {
  it("approves a registered placement before its start, records who and when, and audits it", async () => {
    const p = await register();
    const result = await approvePlacement(store, staff, { placementId: p.id, now, today });
    expect(result).toMatchObject({ kind: "ok", placement: { status: "approved", approvedBy: "slack:T1:USTAFF", decidedByName: "Karin Sag", approvedAt: now } });
    const audit = memory.db.audit.filter((a) => a.entityId === p.id && a.action === "approve");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "slack:T1:USTAFF", before: { status: "registered" }, after: { status: "approved" } });
  });

  it("makes a placement active at once when it is approved on or after its start date", async () => {
    for (const day of ["2016-10-03", "2016-10-10"]) {
      const p = await register();
      expect(await approvePlacement(store, staff, { placementId: p.id, now, today: day })).toMatchObject({ kind: "ok", placement: { status: "active" } });
    }
  });

  it("starts an approved placement on its start date, not before, once, audited", async () => {
    const p = await register();
    await approvePlacement(store, staff, { placementId: p.id, now, today });
    const at = new Date("2016-10-02T22:05:00Z");
    expect(await store.startApprovedPlacements("2016-10-02", { actor: "system:start-placements", at })).toEqual([]);
    expect((await store.getPlacementById(p.id))!.status).toBe("approved");
    const started = await store.startApprovedPlacements("2016-10-03", { actor: "system:start-placements", at });
    expect(started.map((x) => [x.id, x.status])).toEqual([[p.id, "active"]]);
    expect(await store.startApprovedPlacements("2016-10-04", { actor: "system:start-placements", at })).toEqual([]);
    expect(memory.db.audit.filter((a) => a.entityId === p.id && a.action === "start")).toHaveLength(1);
  });

  it("lets the secretariat approve too", async () => {
    const p = await register();
    expect(await approvePlacement(store, admin, { placementId: p.id, now, today })).toMatchObject({ kind: "ok" });
  });

  it("refuses a partner contact, staff of another partnership, and an unknown id", async () => {
    const p = await register();
    expect(await approvePlacement(store, partner, { placementId: p.id, now, today })).toEqual({ kind: "denied" });
    expect(await approvePlacement(store, otherStaff, { placementId: p.id, now, today })).toEqual({ kind: "denied" });
    expect(await approvePlacement(store, staff, { placementId: "not-a-placement'; DROP TABLE", now, today })).toEqual({ kind: "not_found" });
    expect((await store.getPlacementById(p.id))!.status).toBe("registered");
  });

  it("waits for the representative where one is needed, then approves", async () => {
    const p = await register({ representativeConfirmed: false, representativeName: undefined });
    expect(await approvePlacement(store, staff, { placementId: p.id, now, today })).toMatchObject({
      kind: "not_allowed",
      placement: { status: "awaiting_confirmation" },
    });
    const confirmed = await confirmRepresentative(
      store,
      partner,
      { placementId: p.id, representativeName: "Jens Tillid", representativeConfirmed: true },
      today,
    );
    expect(confirmed).toMatchObject({ kind: "saved", placement: { status: "registered" } });
    expect(await approvePlacement(store, staff, { placementId: p.id, now, today })).toMatchObject({ kind: "ok", placement: { status: "approved" } });
  });

  it("ends with one decision when two people press at once", async () => {
    const p = await register();
    const results = await Promise.all([
      approvePlacement(store, staff, { placementId: p.id, now, today }),
      approvePlacement(store, admin, { placementId: p.id, now, today }),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(["not_allowed", "ok"]);
    expect(memory.db.audit.filter((a) => a.entityId === p.id && a.action === "approve")).toHaveLength(1);
  });

  it("does not approve twice, nor a refused placement", async () => {
    const p = await register();
    await approvePlacement(store, staff, { placementId: p.id, now, today });
    expect(await approvePlacement(store, staff, { placementId: p.id, now, today })).toMatchObject({ kind: "not_allowed", placement: { status: "approved" } });
    const q = await register();
    await refusePlacement(store, staff, { placementId: q.id, reason: "Ingen plads", now });
    expect(await approvePlacement(store, staff, { placementId: q.id, now, today })).toMatchObject({ kind: "not_allowed", placement: { status: "refused" } });
  });
});

describe("refusing", () => {
  it("refuses with a reason, audited; the refusal is final", async () => {
    const p = await register({ representativeConfirmed: false, representativeName: undefined });
    const result = await refusePlacement(store, staff, { placementId: p.id, reason: "Virksomheden har ikke plads til en praktikant nu.", now });
    expect(result).toMatchObject({
      kind: "ok",
      placement: { status: "refused", refusedBy: "slack:T1:USTAFF", refusalReason: "Virksomheden har ikke plads til en praktikant nu." },
    });
    expect(memory.db.audit.filter((a) => a.entityId === p.id && a.action === "refuse")).toHaveLength(1);
    expect(await refusePlacement(store, staff, { placementId: p.id, reason: "igen", now })).toMatchObject({ kind: "not_allowed" });
  });

  it("is not for a partner contact", async () => {
    const p = await register();
    expect(await refusePlacement(store, partner, { placementId: p.id, reason: "nej", now })).toEqual({ kind: "denied" });
  });

  it("wants a reason without CPR numbers, within its length", () => {
    expect(ZRefusePlacementInput.safeParse({ reason: "   " }).success).toBe(false);
    expect(ZRefusePlacementInput.safeParse({ reason: "Borgeren 010190-1234 passer ikke" }).success).toBe(false);
    expect(ZRefusePlacementInput.safeParse({ reason: "x".repeat(501) }).success).toBe(false);
    expect(ZRefusePlacementInput.safeParse({ reason: " Ingen plads " }).data).toEqual({ reason: "Ingen plads" });
  });

  it("frees the room under the ratio rule: a refused placement takes none", async () => {
    // 4 employees allow 1 supported person at the P-nummer.
    const first = await register({ pNumber: "3100000001", ordinaryEmployees: 4 });
    const blocked = await registerPlacement(store, partner, { ...(await baseInput()), pNumber: "3100000001", ordinaryEmployees: 4 }, "test:approval:blocked");
    expect(blocked.kind).toBe("invalid");
    await refusePlacement(store, staff, { placementId: first.id, reason: "Ingen plads", now });
    const after = await registerPlacement(store, partner, { ...(await baseInput()), pNumber: "3100000001", ordinaryEmployees: 4 }, "test:approval:after");
    expect(after.kind).toBe("saved");
  });
});

async function baseInput(): Promise<PlacementInput> {
  return {
    organisationId: ids.di,
    companyName: "Aalborg Portland A/S",
    cvr: "24256790",
    employerSector: "private",
    sector: "construction",
    shortageSector: true,
    typeId: ids.praktik,
    places: 1,
    startDate: "2016-10-03",
    weeks: 13,
    contactPerson: "Hanne Jensen",
    needs: [],
    note: undefined,
    benefitGroup: "integrationsprogram",
    hoursPerWeek: 37,
    purpose: "skills",
    representativeName: "Jens Tillid",
    representativeConfirmed: true,
  } as PlacementInput;
}

describe("progress counts only approved placements", () => {
  it("leaves out waiting and refused ones and says how many wait", async () => {
    // 100 employees allow 15 supported people at each P-nummer: the ratio rule stays out of the way.
    const approved = await register({ places: 3, ordinaryEmployees: 100 });
    await approvePlacement(store, staff, { placementId: approved.id, now, today });
    await register({ places: 5, ordinaryEmployees: 100 });
    await register({ places: 7, ordinaryEmployees: 100, representativeConfirmed: false, representativeName: undefined });
    const refused = await register({ places: 11, ordinaryEmployees: 100 });
    await refusePlacement(store, staff, { placementId: refused.id, reason: "Nej", now });
    await register({ typeId: ids.ordinaer, places: 2, pNumber: undefined, ordinaryEmployees: undefined, benefitGroup: undefined, purpose: undefined });
    const result = await computeProgress(store, partner);
    if (result.kind !== "ok") throw new Error(result.kind);
    const aalborg = result.partnerships.find((p) => p.partnership.slug === "aalborg-2016")!;
    expect(aalborg.totalPlaces).toBe(3 + 2);
    expect(aalborg.waiting).toBe(2);
    expect(aalborg.targets.find((t) => t.key === "praktikpladser")!.value).toBe(3);
  });
});

describe("the VITAS hand-off", () => {
  it("holds the contact's e-mail and phone and the working time, and records 'created in VITAS' audited", async () => {
    const p = await register({ typeId: ids.loentilskud, benefitGroup: undefined, purpose: undefined, weeks: 26 });
    const input = ZPrepareVitasSummaryInput.parse({
      placementId: p.id,
      contactEmail: " hanne@portland.dk ",
      contactPhone: "+45 12 34 56 78",
      workingTime: "man–fre 8–15",
      monthlyWageCost: "24500",
    });
    const result = await prepareVitasSummary(store, partner, input);
    if (result.kind !== "ok") throw new Error(result.kind);
    const value = (field: string) => result.fields.find((f) => f.field === field);
    expect(value("contact_email")).toMatchObject({ value: "hanne@portland.dk" });
    expect(value("contact_phone")).toMatchObject({ value: "+45 12 34 56 78" });
    expect(value("working_time")).toMatchObject({ value: "man–fre 8–15" });
    expect(value("wage_cost")).toMatchObject({ value: 24500 });
    const created = await prepareVitasSummary(store, partner, { placementId: p.id, createdInVitas: true });
    expect(created).toMatchObject({ kind: "ok", placement: { vitasCreatedAt: expect.any(Date) } });
    expect(memory.db.audit.filter((a) => a.entityId === p.id && a.action === "vitas")).toHaveLength(2);
  });

  it("tells at the field what is not an e-mail or a phone number", () => {
    const bad = ZPrepareVitasSummaryInput.safeParse({ placementId: "x", contactEmail: "hanne at portland", contactPhone: "ring til Hanne" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages).toMatchObject({ contactEmail: "rules:errors.email", contactPhone: "rules:errors.phone" });
  });

  it("refuses a CPR number typed as the phone number or in the e-mail, in any spelling", () => {
    for (const cpr of ["0101901234", "010190-1234", "０１０１９０１２３４", "0101 90 1234"]) {
      const bad = ZPrepareVitasSummaryInput.safeParse({ placementId: "x", contactEmail: `${cpr.replace(/\s/g, "")}@portland.dk`, contactPhone: cpr });
      const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
      expect(messages, cpr).toMatchObject({ contactEmail: "form:errors.cpr", contactPhone: "form:errors.cpr" });
    }
    expect(ZPrepareVitasSummaryInput.safeParse({ placementId: "x", contactPhone: "+45 98 12 34 56" }).success).toBe(true);
  });
});

describe("the wording of the municipality (lov nr. 1750 af 29/12/2025)", () => {
  it("names the partnership's authority and its virksomhedsindgang in the confirmation", async () => {
    memory.partnership("aalborg-2016").settings = {
      rules: {
        wording: {
          authority: { da: "Aalborg Kommune", en: "Aalborg Municipality" },
          entryPoint: { name: "Virksomhedsservice Aalborg", url: "https://www.aalborg.dk/erhverv" },
        },
      },
    };
    const p = await register();
    const { wording } = rulesOn(p.startDate, await store.getPlacementRuleOverrides(p.partnershipId));
    const da = JSON.stringify(placementConfirmationView(p, false, i18n.t("da"), "da", { posted: true, wording }));
    expect(da).toContain("afventer Aalborg Kommunes godkendelse");
    expect(da).toContain("Virksomhedsservice Aalborg: https://www.aalborg.dk/erhverv");
    const en = JSON.stringify(placementConfirmationView(p, false, i18n.t("en"), "en", { posted: true, wording }));
    expect(en).toContain("awaits Aalborg Municipality's approval");
    // Without a setting the text says "kommunen", as the law does.
    expect(JSON.stringify(placementConfirmationView(p, false, i18n.t("da"), "da", { posted: true }))).toContain("afventer kommunens godkendelse");
  });
});
