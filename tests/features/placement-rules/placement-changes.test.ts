// Extending, ending, confirming, the VITAS details and exemptions, on a real store.
import { beforeAll, describe, expect, it } from "vitest";
import { confirmRepresentative } from "../../../src/features/placement-rules/confirm-representative.js";
import { endPlacement } from "../../../src/features/placement-rules/end-placement.js";
import { extendPlacement } from "../../../src/features/placement-rules/extend-placement.js";
import { recordRatioExemption } from "../../../src/features/placement-rules/record-ratio-exemption.js";
import { prepareVitasSummary } from "../../../src/features/placement-rules/vitas-summary.js";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let admin: Access;
let partner: Access;
let ids: { di: string; praktik: string; loentilskud: string };
let n = 0;
/** The day the extensions are decided: within four months of the placements' figures. */
const DECIDED = "2016-12-01";

beforeAll(async () => {
  memory = createMemoryStores();
  // Placements here run into 2017; a placement starts within its partnership's period.
  memory.partnership("aalborg-2016").periodEnd = "2017-12-31";
  store = memory.store;
  const type = async (key: string) => memory.placementType("aalborg-2016", key);
  const di = memory.organisation("Dansk Industri Aalborg").id;
  ids = { di, praktik: (await type("virksomhedspraktik")).id, loentilskud: (await type("loentilskud")).id };
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UPARTNER", organisationId: di, role: "partner_contact" });
  admin = await resolveAccess(store, { platform: "slack", workspaceId: "T1", userId: "UADMIN", locale: "da" }, new Set(["UADMIN"]));
  partner = await resolveAccess(store, { platform: "slack", workspaceId: "T1", userId: "UPARTNER", locale: "da" }, new Set());
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
      pNumber: "2000000001",
      ordinaryEmployees: 10,
      benefitGroup: "integrationsprogram",
      hoursPerWeek: 37,
      purpose: "skills",
      ...over,
    },
    `test:changes:${++n}`,
  );
  if (result.kind !== "saved") throw new Error(JSON.stringify(result));
  return result.placement;
}

describe("extending", () => {
  it("extends 13 → 26 → 39 weeks, refuses a jump past 26, and audits each step", async () => {
    const p = await register({ pNumber: "2000000001" });
    expect(p.status).toBe("awaiting_confirmation");
    // Only a placement the municipality has approved can be extended.
    expect(await extendPlacement(store, partner, { placementId: p.id, endDate: "2017-04-02" }, DECIDED)).toMatchObject({
      kind: "invalid",
      problems: { placementId: { key: "rules:errors.not_approved_yet" } },
    });
    memory.approve(p.id);
    const tooFar = await extendPlacement(store, partner, { placementId: p.id, endDate: "2017-07-02" }, DECIDED);
    expect(tooFar).toMatchObject({ kind: "invalid", problems: { endDate: { key: "rules:duration.praktik_extension", vars: { lastDay: "2017-04-02" } } } });
    const to26 = await extendPlacement(store, partner, { placementId: p.id, endDate: "2017-04-02" }, DECIDED);
    expect(to26).toMatchObject({ kind: "saved", placement: { weeks: 26, endDate: "2017-04-02" } });
    // Beyond 26 weeks only with "et helt særligt behov" (LAB § 61 stk. 2), whose reason is kept.
    const noReason = await extendPlacement(store, partner, { placementId: p.id, endDate: "2017-07-02" }, DECIDED);
    expect(noReason).toMatchObject({ kind: "invalid", problems: { specialNeedReason: { key: "rules:duration.special_need", vars: { extendedWeeks: 26 } } } });
    const to39 = await extendPlacement(
      store,
      partner,
      { placementId: p.id, endDate: "2017-07-02", specialNeedReason: "Sprogforløb afsluttes i juni" },
      DECIDED,
    );
    expect(to39).toMatchObject({ kind: "saved", placement: { weeks: 39, extensionReason: "Sprogforløb afsluttes i juni" } });
    const audits = memory.db.audit.filter((a) => a.entityId === p.id && a.action === "extend");
    expect(audits).toHaveLength(2);
    expect(audits[0]!.before).toMatchObject({ endDate: "2017-01-01" });
  });

  it("obeys the ratio rule over the new period, unless the placement has an exemption", async () => {
    // 10 employees allow 2: one runs 3 Oct–1 Jan, another starts 2 Jan; a third 2 Jan–29 Jan fits beside it.
    const first = await register({ pNumber: "2000000002" });
    memory.approve(first.id);
    await register({ pNumber: "2000000002", startDate: "2017-01-02", weeks: 4 });
    await register({ pNumber: "2000000002", startDate: "2017-01-02", weeks: 4 });
    const refused = await extendPlacement(store, partner, { placementId: first.id, endDate: "2017-01-15" }, DECIDED);
    expect(refused).toMatchObject({ kind: "invalid", problems: { endDate: { key: "rules:ratio.exceeded", vars: { limit: 2, total: 3 } } } });
    expect(await recordRatioExemption(store, partner, { placementId: first.id, reason: "Sæson" })).toEqual({ kind: "denied" });
    const exempt = await recordRatioExemption(store, admin, { placementId: first.id, reason: "Sæson, aftalt med LO" });
    expect(exempt).toMatchObject({ kind: "saved", placement: { ratioExemption: { reason: "Sæson, aftalt med LO" } } });
    expect(memory.db.audit.filter((a) => a.entity === "ratio_exemption" && a.entityId === first.id)).toHaveLength(1);
    expect(await extendPlacement(store, partner, { placementId: first.id, endDate: "2017-01-15" }, DECIDED)).toMatchObject({ kind: "saved" });
  });
});

describe("ending, confirming and VITAS", () => {
  it("ends early with a reason, completes with an outcome", async () => {
    const early = await register({ pNumber: "2000000003" });
    expect(await endPlacement(store, partner, { placementId: early.id, endedOn: "2016-11-01" })).toMatchObject({
      kind: "invalid",
      problems: { reason: { key: "rules:errors.reason_required" } },
    });
    expect(await endPlacement(store, partner, { placementId: early.id, endedOn: "2016-11-01", reason: "ordinary_job", outcome: "ordinary_job" })).toMatchObject(
      {
        kind: "saved",
        early: true,
        placement: { status: "ended", endReason: "ordinary_job", outcome: "ordinary_job", endedOn: "2016-11-01" },
      },
    );
    const done = await register({ pNumber: "2000000004" });
    expect(await endPlacement(store, partner, { placementId: done.id, endedOn: "2017-01-01" })).toMatchObject({ problems: { outcome: {} } });
    expect(await endPlacement(store, partner, { placementId: done.id, endedOn: "2017-01-01", outcome: "igu" })).toMatchObject({
      kind: "saved",
      early: false,
      placement: { status: "completed", outcome: "igu" },
    });
    expect(await extendPlacement(store, partner, { placementId: done.id, endDate: "2017-02-01" }, DECIDED)).toMatchObject({
      problems: { placementId: { key: "rules:errors.already_closed" } },
    });
  });

  it("sends a placement on to the municipality's approval when the representative has confirmed", async () => {
    const p = await register({ pNumber: "2000000005" });
    expect(
      await confirmRepresentative(store, partner, { placementId: p.id, representativeName: "Jens Tillid", representativeConfirmed: false }, DECIDED),
    ).toMatchObject({ kind: "invalid" });
    expect(
      await confirmRepresentative(store, partner, { placementId: p.id, representativeName: "Jens Tillid", representativeConfirmed: true }, DECIDED),
    ).toMatchObject({
      kind: "saved",
      placement: { status: "registered", representativeName: "Jens Tillid", representativeConfirmed: true },
    });
  });

  it("gathers the VITAS fields, with the wage costs for løntilskud, and records that the agreement exists", async () => {
    const p = await register({
      typeId: ids.loentilskud,
      pNumber: "2000000006",
      ordinaryEmployees: 100,
      weeks: 26,
      benefitGroup: undefined,
      purpose: undefined,
      representativeName: "Jens Tillid",
      representativeConfirmed: true,
    });
    const result = await prepareVitasSummary(store, partner, { placementId: p.id, tasks: "Lager og pakning", monthlyWageCost: 24000, createdInVitas: true });
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.fields.map((f) => f.field)).toEqual([
      "type",
      "company",
      "cvr",
      "p_number",
      "contact_person",
      "contact_email",
      "contact_phone",
      "representative",
      "employees",
      "working_time",
      "hours",
      "tasks",
      "period",
      "wage_cost",
    ]);
    expect(result.fields).toContainEqual({ field: "p_number", kind: "text", value: "2000000006" });
    expect(result.fields).toContainEqual({ field: "wage_cost", kind: "money", value: 24000 });
    expect(result.placement.vitasCreatedAt).toBeInstanceOf(Date);
    expect(memory.db.audit.filter((a) => a.entityId === p.id && a.action === "vitas")).toHaveLength(1);
  });
});
