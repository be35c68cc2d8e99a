// Worked examples for the placement rules and both rule sets: the ratio rule without rounding
// (BAB § 65), durations by target group and employer (LAB § 61, LAB § 68), IGU, the employees
// figure of each placement, and a placement across 1 January 2027.
import { beforeAll, describe, expect, it } from "vitest";
import { placementRuleOverrides } from "../../../src/db/placement-rules-settings.js";
import {
  checkRegistrationDuration,
  loentilskudMonths,
  maxWeeksAtRegistration,
  needsSpecialNeed,
} from "../../../src/features/placement-rules/duration-rules.js";
import { extendPlacement } from "../../../src/features/placement-rules/extend-placement.js";
import { ratioProblem } from "../../../src/features/placement-rules/ratio-check.js";
import { checkRatio, type RatioPlacement, ratioLimit } from "../../../src/features/placement-rules/ratio-rule.js";
import { ruleSetOn, rulesOn, targetGroupIn } from "../../../src/features/placement-rules/rule-set.js";
import { RULE_SETS } from "../../../src/features/placement-rules/rule-sets.js";
import { type PlacementInput, registerPlacement } from "../../../src/features/placements/register-placement.js";
import { createI18n } from "../../../src/i18n/index.js";
import { type Access, resolveAccess } from "../../../src/kernel/access.js";
import { endDateFor } from "../../../src/kernel/dates.js";
import { translateProblems } from "../../../src/kernel/field-problems.js";
import { createMemoryStores } from "../../support/memory/index.js";

const [SET_2026, SET_2027] = RULE_SETS;

describe("the rule sets", () => {
  it("ship the set in force now and a placeholder from 1 January 2027 with the same numbers", () => {
    expect(RULE_SETS.map((s) => [s.validFrom, s.placeholder])).toEqual([
      ["2026-02-01", false],
      ["2027-01-01", true],
    ]);
    const { validFrom: _a, placeholder: _b, ...now } = SET_2026!;
    const { validFrom: _c, placeholder: _d, ...later } = SET_2027!;
    expect(later).toEqual(now);
  });

  it.each([
    ["2016-10-03", "2026-02-01"],
    ["2026-12-31", "2026-02-01"],
    ["2027-01-01", "2027-01-01"],
    ["2030-06-01", "2027-01-01"],
  ])("on %s the set from %s is in force", (day, validFrom) => {
    expect(ruleSetOn(day).validFrom).toBe(validFrom);
  });

  it("hold the target groups as data, the refugee group as the introduktionsprogram, the earlier key still read", () => {
    const keys = SET_2026!.groups.map((g) => g.key);
    expect(keys).toEqual(expect.arrayContaining(["sygedagpenge", "jobafklaring", "fleksjob_visiteret", "foertidspension", "introduktionsprogram"]));
    expect(keys).not.toContain("integrationsprogram");
    expect(targetGroupIn(SET_2026!, "integrationsprogram")?.key).toBe("introduktionsprogram");
    expect(targetGroupIn(SET_2026!, "revalidering")).toBeUndefined();
  });

  it("take a partnership's overrides for every set, and per set keyed by its date", () => {
    const overrides = placementRuleOverrides({
      rules: { ratio: { rounding: "down" }, bySet: { "2027-01-01": { praktik: { weeks: { dagpenge: 2 } }, igu: { lastNewStart: "2027-06-30" } } } },
    });
    expect(rulesOn("2026-12-01", overrides)).toMatchObject({
      ratio: { rounding: "down" },
      praktik: { weeks: { dagpenge: 4 } },
      igu: { lastNewStart: "2027-12-31" },
    });
    expect(rulesOn("2027-01-04", overrides)).toMatchObject({
      ratio: { rounding: "down" },
      praktik: { weeks: { dagpenge: 2 } },
      igu: { lastNewStart: "2027-06-30" },
    });
  });

  it("ignore overrides that do not check out", () => {
    expect(placementRuleOverrides({ rules: { praktik: { weeks: { revalidering: 8 } } } })).toEqual({});
    expect(placementRuleOverrides({ rules: { bySet: { tomorrow: {} } } })).toEqual({});
    expect(placementRuleOverrides({ rules: { wording: { entryPoint: { name: "Virksomhedsservice", url: "javascript:alert(1)" } } } })).toEqual({});
    expect(placementRuleOverrides({ rules: { ratio: { perSmall: -5 } } })).toEqual({});
  });
});

describe("the ratio rule without rounding (BAB § 65), both rule sets", () => {
  const p = (start: string, end: string | null, hoursPerWeek: number | null = 37, places = 1): RatioPlacement => ({ places, hoursPerWeek, start, end });
  const period = ["2026-11-02", "2027-01-31"] as const;

  // E, the people already there (hours), the new one's hours, allowed?
  const cases: [number, number[], number, boolean][] = [
    [0, [], 37, true],
    [0, [37], 37, false],
    [0, [20], 15, true],
    [4, [30], 30, false],
    [4, [], 30, true],
    [4, [7], 30, true],
    [9, [37], 1, false],
    [10, [37], 37, true],
    [10, [37, 30], 8, false],
    [10, [37, 20], 17, true],
    [50, Array(9).fill(37), 37, true],
    [50, [...Array(9).fill(37), 1], 37, false],
    [60, Array(10).fill(37), 37, true],
    [60, [...Array(10).fill(37), 18.5], 18.5, true],
    [60, [...Array(10).fill(37), 18.5], 19, false],
    [100, Array(14).fill(37), 37, true],
    [100, Array(15).fill(37), 1, false],
  ];
  for (const set of RULE_SETS) {
    it.each(cases)(`${set.validFrom}: E = %d with others on %j hours, a new one on %d hours: allowed %s`, (employees, hours, adding, ok) => {
      const others = hours.map((h) => p(period[0], period[1], h));
      expect(checkRatio({ employees, others, candidate: p(period[0], period[1], adding), settings: set.ratio }).ok).toBe(ok);
    });
  }

  it.each([
    [0, 1],
    [4, 1],
    [9, 1],
    [10, 2],
    [50, 10],
    [60, 11],
    [100, 15],
  ])("E = %d allows %d", (employees, limit) => {
    for (const set of RULE_SETS) expect(ratioLimit(employees, set.ratio)).toBe(limit);
  });

  it("counts only the periods that overlap", () => {
    const ratio = SET_2026!.ratio;
    const before = p("2026-09-07", "2026-11-01", 30);
    const during = p("2026-12-07", "2027-01-03", 30);
    expect(checkRatio({ employees: 4, others: [before], candidate: p(period[0], period[1], 30), settings: ratio }).ok).toBe(true);
    expect(checkRatio({ employees: 4, others: [before, during], candidate: p(period[0], period[1], 30), settings: ratio }).ok).toBe(false);
  });

  it("says it in people and hours, in Danish and English: 30 h + 30 h at E = 4 is 1.6, at most 1", () => {
    const settings = SET_2026!;
    const others = [p(period[0], period[1], 30)];
    const candidate = p(period[0], period[1], 30);
    const check = { ...checkRatio({ employees: 4, others, candidate, settings: settings.ratio }), present: others, candidate };
    expect(check).toMatchObject({ ok: false, limit: 1 });
    const problem = ratioProblem(check, "1000000001", settings, false);
    const i18n = createI18n("da");
    const da = translateProblems({ pNumber: problem }, i18n.t("da"), "da").pNumber!;
    const en = translateProblems({ pNumber: problem }, i18n.t("en"), "en").pNumber!;
    expect(da).toContain("1 person på 30 timer er allerede i praktik");
    expect(da).toContain("med denne (på 30 timer) bliver det 1,6 – højst 1 er tilladt");
    expect(da).toContain("sekretariatet kan ikke give dispensation fra loven");
    expect(da).toContain("kommunen");
    expect(en).toContain("1 person on 30 hours is already in work placement");
    expect(en).toContain("it becomes 1.6 – at most 1 is allowed");
    expect(en).toContain("the secretariat cannot grant an exemption from the law");

    const two = [p(period[0], period[1], 37), p(period[0], period[1], 20)];
    const many = ratioProblem(
      { ...checkRatio({ employees: 9, others: two, candidate, settings: settings.ratio }), present: two, candidate },
      "1000000001",
      settings,
      true,
    );
    const daMany = translateProblems({ pNumber: many }, i18n.t("da"), "da").pNumber!;
    expect(daMany).toContain("2 personer på 37 og 20 timer er allerede i praktik");
    expect(daMany).toContain("intern, logget beslutning i partnerskabet – ikke en dispensation fra loven");
    const alone = ratioProblem(
      {
        ...checkRatio({ employees: 0, others: [], candidate: p(period[0], period[1], 37, 2), settings: settings.ratio }),
        present: [],
        candidate: p(period[0], period[1], 37, 2),
      },
      "1000000001",
      settings,
      false,
    );
    expect(translateProblems({ pNumber: alone }, i18n.t("en"), "en").pNumber).toContain("nobody else is in work placement");
  });
});

describe("durations by target group and employer", () => {
  const start = "2026-12-07";
  it.each([
    ["dagpenge", 4],
    ["kontanthjaelp_jobparat", 4],
    ["kontanthjaelp_jobparat_uden_erfaring", 13],
    ["dagpenge_nyuddannet", 8],
    ["over_50_langtidsledig", 8],
    ["aktivitetsparat", 13],
    ["sygedagpenge", 13],
    ["jobafklaring", 13],
    ["fleksjob_visiteret", 13],
    ["foertidspension", 13],
    ["introduktionsprogram", 13],
  ])("a praktik for %s lasts at most %d weeks (LAB § 61), in both sets", (group, weeks) => {
    for (const set of RULE_SETS) {
      const facts = { kind: "praktik" as const, benefitGroup: group, employerSector: "private" as const, start };
      expect(maxWeeksAtRegistration(facts, set)).toBe(weeks);
      expect(checkRegistrationDuration(facts, endDateFor(start, weeks + 1), set)).toMatchObject({ key: expect.stringContaining("praktik") });
    }
  });

  it("needs a special need beyond 26 weeks, only for the extendable groups", () => {
    const facts = { kind: "praktik" as const, benefitGroup: "sygedagpenge", employerSector: "private" as const, start };
    expect(needsSpecialNeed(facts, endDateFor(start, 26), SET_2026!)).toBe(false);
    expect(needsSpecialNeed(facts, endDateFor(start, 27), SET_2026!)).toBe(true);
  });

  it.each([
    ["public", "dagpenge", 4],
    ["public", "kontanthjaelp_jobparat", 6],
    ["public", "aktivitetsparat", 6],
    ["public", "sygedagpenge", 12],
    ["public", "jobafklaring", 12],
    ["public", "introduktionsprogram", 12],
    ["public", null, 4],
    ["private", "sygedagpenge", 6],
    ["private", null, 6],
  ] as const)("a løntilskud with a %s employer for %s lasts at most %d months (LAB § 68)", (employerSector, benefitGroup, months) => {
    for (const set of RULE_SETS) expect(loentilskudMonths({ employerSector, benefitGroup }, set)).toBe(months);
  });

  it("keeps the private table marked as not verified", () => {
    expect(SET_2026!.loentilskud.verified).toEqual({ public: true, private: false });
  });
});

describe("registering and extending with the rule sets", () => {
  let memory: ReturnType<typeof createMemoryStores>;
  let store: ReturnType<typeof createMemoryStores>["store"];
  let partner: Access;
  let ids: { di: string; praktik: string; loentilskud: string; igu: string };
  let n = 0;

  beforeAll(async () => {
    memory = createMemoryStores();
    store = memory.store;
    const type = async (key: string) => memory.placementType("aalborg-2016", key);
    const di = memory.organisation("Dansk Industri Aalborg").id;
    ids = { di, praktik: (await type("virksomhedspraktik")).id, loentilskud: (await type("loentilskud")).id, igu: (await type("igu")).id };
    // The secretariat shortened the dagpenge praktik in the 2027 placeholder set.
    memory.partnership("aalborg-2016").settings = { rules: { bySet: { "2027-01-01": { praktik: { weeks: { dagpenge: 2 } } } } } };
    // These placements start in 2026–2028; a placement starts within its partnership's period.
    memory.partnership("aalborg-2016").periodEnd = "2029-12-31";
    memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UPARTNER", organisationId: di, role: "partner_contact" });
    partner = await resolveAccess(store, { platform: "slack", workspaceId: "T1", userId: "UPARTNER", locale: "da" }, new Set());
  });

  const input = (over: Partial<PlacementInput> = {}): PlacementInput => ({
    organisationId: ids.di,
    companyName: "Aalborg Portland A/S",
    cvr: "24256790",
    employerSector: "private",
    sector: "construction",
    shortageSector: true,
    typeId: ids.praktik,
    places: 1,
    startDate: "2026-12-14",
    weeks: 4,
    contactPerson: "Hanne Jensen",
    needs: [],
    note: undefined,
    pNumber: "3000000001",
    ordinaryEmployees: 20,
    benefitGroup: "dagpenge",
    hoursPerWeek: 37,
    purpose: "skills",
    representativeName: "Jens Tillid",
    representativeConfirmed: true,
    ...over,
  });
  const register = (over: Partial<PlacementInput> = {}) => registerPlacement(store, partner, input(over), `test:sets:${++n}`);

  it("judges a placement by the set at its start: one across 1 January 2027 keeps the 2026 rules", async () => {
    expect(await register({ pNumber: "3000000001" })).toMatchObject({ kind: "saved", placement: { endDate: "2027-01-10" } });
    expect(await register({ pNumber: "3000000002", startDate: "2027-01-04" })).toMatchObject({
      kind: "invalid",
      problems: { weeks: { key: "rules:duration.praktik", vars: { weeks: 2 } } },
    });
    expect(await register({ pNumber: "3000000002", startDate: "2027-01-04", weeks: 2 })).toMatchObject({ kind: "saved" });
  });

  it("refuses a target group the rule set does not have, at the field", async () => {
    expect(await register({ pNumber: "3000000003", benefitGroup: "revalidering" })).toMatchObject({
      kind: "invalid",
      problems: { benefitGroup: { key: "rules:errors.unknown_group" } },
    });
  });

  it("accepts a lawful 12-month public løntilskud for sygedagpenge, and not 13", async () => {
    const base = {
      typeId: ids.loentilskud,
      employerSector: "public" as const,
      pNumber: "3000000004",
      ordinaryEmployees: 200,
      benefitGroup: "sygedagpenge",
      purpose: undefined,
    };
    expect(await register({ ...base, weeks: 57 })).toMatchObject({
      kind: "invalid",
      problems: { weeks: { key: "rules:duration.loentilskud_group", vars: { months: 12 } } },
    });
    const saved = await register({ ...base, weeks: 52 });
    expect(saved).toMatchObject({ kind: "saved", placement: { weeks: 52, benefitGroup: "sygedagpenge" } });
  });

  it("stores the refugee group under its current key", async () => {
    const saved = await register({ pNumber: "3000000005", benefitGroup: "integrationsprogram", weeks: 13 });
    expect(saved).toMatchObject({ kind: "saved", placement: { benefitGroup: "introduktionsprogram" } });
  });

  it("keeps each placement's employees figure; a later one at the P-nummer does not overwrite it", async () => {
    const first = await register({ pNumber: "3000000006", ordinaryEmployees: 20 });
    const second = await register({ pNumber: "3000000006", ordinaryEmployees: 40, startDate: "2027-01-04", weeks: 2 });
    if (first.kind !== "saved" || second.kind !== "saved") throw new Error("not saved");
    const reread = await store.getPlacementById(first.placement.id);
    expect(reread?.ordinaryEmployees).toEqual({ fte: 20, asOf: "2026-12-14" });
    expect(second.placement.ordinaryEmployees).toEqual({ fte: 40, asOf: "2027-01-04" });
    // Left out, the stored figure is used while it is at most four months old, and asked again after.
    expect(await register({ pNumber: "3000000006", ordinaryEmployees: undefined, startDate: "2027-03-01", weeks: 2 })).toMatchObject({
      kind: "saved",
      placement: { ordinaryEmployees: { fte: 40, asOf: "2027-01-04" } },
    });
    expect(await register({ pNumber: "3000000006", ordinaryEmployees: undefined, startDate: "2027-06-01", weeks: 2 })).toMatchObject({
      kind: "invalid",
      problems: { ordinaryEmployees: { key: "rules:errors.employees_stale" } },
    });
  });

  it("asks again on extension when the figure is older than four months, and judges by the set in force that day", async () => {
    const saved = await register({ pNumber: "3000000007", benefitGroup: "sygedagpenge", weeks: 13, ordinaryEmployees: 10 });
    if (saved.kind !== "saved") throw new Error("not saved");
    const id = saved.placement.id;
    memory.approve(id);
    expect(await extendPlacement(store, partner, { placementId: id, endDate: "2027-06-13" }, "2027-05-01")).toMatchObject({
      kind: "invalid",
      problems: { ordinaryEmployees: { key: "rules:errors.employees_stale", vars: { asOf: "2026-12-14" } } },
    });
    const extended = await extendPlacement(store, partner, { placementId: id, endDate: "2027-06-13", ordinaryEmployees: 12 }, "2027-05-01");
    expect(extended).toMatchObject({ kind: "saved", placement: { weeks: 26, ordinaryEmployees: { fte: 12, asOf: "2027-05-01" } } });
  });

  it("lets new IGUs start until 31 December 2027 and extends one past two years only for leave, illness or school", async () => {
    const igu = {
      typeId: ids.igu,
      benefitGroup: undefined,
      purpose: undefined,
      representativeName: undefined,
      representativeConfirmed: undefined,
      weeks: undefined,
      hoursPerWeek: 30,
    };
    expect(await register({ ...igu, pNumber: "3000000008", startDate: "2028-01-03" })).toMatchObject({
      kind: "invalid",
      problems: { startDate: { key: "rules:duration.igu_closed", vars: { lastDay: "2027-12-31" } } },
    });
    const saved = await register({ ...igu, pNumber: "3000000008", startDate: "2027-12-27" });
    expect(saved).toMatchObject({ kind: "saved", placement: { endDate: "2029-12-23" } });
    if (saved.kind !== "saved") return;
    const id = saved.placement.id;
    memory.approve(id);
    const later = "2030-03-31";
    expect(await extendPlacement(store, partner, { placementId: id, endDate: later, ordinaryEmployees: 20 }, "2029-11-01")).toMatchObject({
      kind: "invalid",
      problems: { iguExtensionReason: { key: "rules:duration.igu_extension" } },
    });
    expect(
      await extendPlacement(store, partner, { placementId: id, endDate: later, ordinaryEmployees: 20, iguExtensionReason: "school" }, "2029-11-01"),
    ).toMatchObject({
      kind: "saved",
      placement: { endDate: later, extensionReason: "school" },
    });
  });
});
