import { describe, expect, it } from "vitest";
import {
  addMonths,
  checkExtensionDuration,
  checkHours,
  checkRegistrationDuration,
  type DurationFacts,
  maxWeeksAtRegistration,
} from "../../../src/features/placement-rules/duration-rules.js";
import { checkRatio, fteOf, type RatioPlacement, ratioLimit, roundFte } from "../../../src/features/placement-rules/ratio-rule.js";
import { DEFAULT_PLACEMENT_RULES, placementRules } from "../../../src/features/placement-rules/rule-set.js";
import { endDateFor } from "../../../src/kernel/dates.js";

const rules = DEFAULT_PLACEMENT_RULES;
const ratio = rules.ratio;

describe("the ratio rule's limit", () => {
  it.each([
    [0, 1],
    [4, 1],
    [9, 1],
    [9.9, 1],
    [10, 2],
    [14.5, 2],
    [15, 3],
    [49, 9],
    [50, 10],
    [59, 10],
    [60, 11],
    [100, 15],
    [250, 30],
  ])("%d ordinary employees allow %d", (employees, limit) => {
    expect(ratioLimit(employees, ratio)).toBe(limit);
  });

  it("takes its numbers from the settings", () => {
    const s = placementRules({ ratio: { perSmall: 4, minimum: 2 } }).ratio;
    expect(ratioLimit(0, s)).toBe(2);
    expect(ratioLimit(40, s)).toBe(10);
    expect(ratioLimit(60, s)).toBe(13);
  });
});

describe("full-time equivalents", () => {
  it("count hours against 37, unknown hours as full time, at most one per place", () => {
    expect(fteOf({ places: 1, hoursPerWeek: 37 }, ratio)).toBe(1);
    expect(fteOf({ places: 2, hoursPerWeek: 18.5 }, ratio)).toBe(1);
    expect(fteOf({ places: 3, hoursPerWeek: null }, ratio)).toBe(3);
    expect(fteOf({ places: 1, hoursPerWeek: 45 }, ratio)).toBe(1);
  });

  it("round as the setting says, down by default", () => {
    expect(roundFte(2.7, "down")).toBe(2);
    expect(roundFte(2.7, "up")).toBe(3);
    expect(roundFte(2.4, "nearest")).toBe(2);
    expect(roundFte(2.7, "none")).toBe(2.7);
    // 37 thirty-sevenths is exactly one, whatever floating point says.
    const sum = Array.from({ length: 37 }, () => 1 / 37).reduce((a, b) => a + b, 0);
    expect(roundFte(sum, "down")).toBe(1);
  });
});

describe("checking a new placement against the others at the workplace", () => {
  const p = (start: string, end: string | null, places = 1, hoursPerWeek: number | null = 37): RatioPlacement => ({ places, hoursPerWeek, start, end });

  it("refuses a second full-time person at a workplace with 9 employees, and shows the numbers", () => {
    const check = checkRatio({ employees: 9, others: [p("2016-10-03", "2016-12-25")], candidate: p("2016-11-07", "2016-12-04"), settings: ratio });
    expect(check).toEqual({ ok: false, employees: 9, limit: 1, existing: 1, adding: 1, total: 2 });
  });

  it("allows it when the periods do not overlap", () => {
    const check = checkRatio({ employees: 9, others: [p("2016-10-03", "2016-10-30")], candidate: p("2016-10-31", "2016-11-27"), settings: ratio });
    expect(check.ok).toBe(true);
    expect(check.total).toBe(1);
  });

  it("counts the busiest day: two others that do not overlap each other are never there together", () => {
    const others = [p("2016-10-03", "2016-10-30"), p("2016-11-07", "2016-12-04")];
    const check = checkRatio({ employees: 10, others, candidate: p("2016-10-03", "2016-12-25"), settings: ratio });
    expect(check).toMatchObject({ ok: true, limit: 2, existing: 1, total: 2 });
  });

  it("counts an open-ended placement as still there", () => {
    const check = checkRatio({ employees: 5, others: [p("2016-01-04", null)], candidate: p("2016-10-03", "2016-10-30"), settings: ratio });
    expect(check.ok).toBe(false);
  });

  it("rounds nothing away by default (BAB § 65), and can be set to round", () => {
    // Two part-timers at 20 hours: 40/37 = 1.08 full-time equivalents.
    const args = { employees: 9, others: [p("2016-10-03", "2016-12-25", 1, 20)], candidate: p("2016-10-03", "2016-12-25", 1, 20) };
    expect(checkRatio({ ...args, settings: ratio }).ok).toBe(false);
    expect(checkRatio({ ...args, settings: { ...ratio, rounding: "down" } })).toMatchObject({ ok: true, total: 1 });
    expect(checkRatio({ ...args, settings: { ...ratio, rounding: "up" } })).toMatchObject({ ok: false, total: 2 });
  });

  it("counts places: three places at 50 employees fit next to seven, not next to eight", () => {
    const seven = [p("2016-10-03", "2016-12-25", 7)];
    expect(checkRatio({ employees: 50, others: seven, candidate: p("2016-10-03", "2016-12-25", 3), settings: ratio }).ok).toBe(true);
    const eight = [p("2016-10-03", "2016-12-25", 8)];
    expect(checkRatio({ employees: 50, others: eight, candidate: p("2016-10-03", "2016-12-25", 3), settings: ratio })).toMatchObject({
      ok: false,
      limit: 10,
      total: 11,
    });
  });
});

describe("durations", () => {
  const praktik = (benefitGroup: DurationFacts["benefitGroup"]): DurationFacts => ({
    kind: "praktik",
    benefitGroup,
    employerSector: "private",
    start: "2016-10-03",
  });

  it.each([
    ["dagpenge", 4],
    ["kontanthjaelp_jobparat", 4],
    ["dagpenge_nyuddannet", 8],
    ["over_50_langtidsledig", 8],
    ["aktivitetsparat", 13],
    ["integrationsprogram", 13],
  ] as const)("a virksomhedspraktik for %s may last %d weeks, not one more", (group, weeks) => {
    const facts = praktik(group);
    expect(maxWeeksAtRegistration(facts, rules)).toBe(weeks);
    expect(checkRegistrationDuration(facts, endDateFor(facts.start, weeks), rules)).toBeUndefined();
    expect(checkRegistrationDuration(facts, endDateFor(facts.start, weeks + 1), rules)).toMatchObject({
      key: expect.stringMatching(/^rules:duration\.praktik/),
      vars: { weeks, lastDay: endDateFor(facts.start, weeks) },
    });
  });

  it("extends a praktik for refugees 13 → 26 → 39 weeks, 13 weeks at a time after 26", () => {
    const facts = praktik("integrationsprogram");
    const end13 = endDateFor(facts.start, 13);
    expect(checkExtensionDuration(facts, end13, endDateFor(facts.start, 26), rules)).toBeUndefined();
    expect(checkExtensionDuration(facts, end13, endDateFor(facts.start, 27), rules)).toMatchObject({ key: "rules:duration.praktik_extension" });
    const end26 = endDateFor(facts.start, 26);
    expect(checkExtensionDuration(facts, end26, endDateFor(facts.start, 39), rules)).toBeUndefined();
    expect(checkExtensionDuration(facts, end26, endDateFor(facts.start, 40), rules)).toBeDefined();
    expect(checkExtensionDuration(facts, endDateFor(facts.start, 39), endDateFor(facts.start, 52), rules)).toBeUndefined();
  });

  it("does not extend a praktik for dagpenge recipients beyond 4 weeks", () => {
    const facts = praktik("dagpenge");
    expect(checkExtensionDuration(facts, endDateFor(facts.start, 2), endDateFor(facts.start, 4), rules)).toBeUndefined();
    expect(checkExtensionDuration(facts, endDateFor(facts.start, 4), endDateFor(facts.start, 5), rules)).toMatchObject({ key: "rules:duration.praktik" });
  });

  it("limits løntilskud to 6 months private and 4 months public", () => {
    const priv: DurationFacts = { kind: "loentilskud", benefitGroup: null, employerSector: "private", start: "2016-10-03" };
    const pub: DurationFacts = { ...priv, employerSector: "public" };
    expect(checkRegistrationDuration(priv, "2017-04-02", rules)).toBeUndefined();
    expect(checkRegistrationDuration(priv, "2017-04-03", rules)).toMatchObject({ key: "rules:duration.loentilskud", vars: { lastDay: "2017-04-02" } });
    expect(checkRegistrationDuration(pub, "2017-02-02", rules)).toBeUndefined();
    expect(checkRegistrationDuration(pub, "2017-02-03", rules)).toMatchObject({ vars: { lastDay: "2017-02-02", publicMonths: 4 } });
    expect(maxWeeksAtRegistration(priv, rules)).toBe(26);
    expect(maxWeeksAtRegistration(pub, rules)).toBe(17);
    expect(checkExtensionDuration(pub, "2017-01-29", "2017-02-05", rules)).toBeDefined();
  });

  it("limits an IGU to 2 years, and refuses an open end", () => {
    const igu: DurationFacts = { kind: "igu", benefitGroup: null, employerSector: "private", start: "2016-10-03" };
    expect(checkRegistrationDuration(igu, "2018-10-02", rules)).toBeUndefined();
    expect(checkRegistrationDuration(igu, "2018-10-03", rules)).toMatchObject({ key: "rules:duration.igu", vars: { months: 24 } });
    expect(checkRegistrationDuration(igu, null, rules)).toBeDefined();
  });

  it("takes the limits from the settings", () => {
    const s = placementRules({ praktik: { weeks: { dagpenge: 6 } }, loentilskud: { months: { public: 6 } } });
    expect(maxWeeksAtRegistration(praktik("dagpenge"), s)).toBe(6);
    expect(maxWeeksAtRegistration(praktik("kontanthjaelp_jobparat"), s)).toBe(4);
    expect(maxWeeksAtRegistration({ kind: "loentilskud", benefitGroup: null, employerSector: "public", start: "2016-10-03" }, s)).toBe(26);
  });

  it("counts months by the calendar", () => {
    expect(addMonths("2016-01-31", 1)).toBe("2016-02-29");
    expect(addMonths("2016-10-03", 24)).toBe("2018-10-03");
  });
});

describe("hours a week", () => {
  it("allows at most 37 in a praktik and asks at least 25 in an IGU", () => {
    expect(checkHours("praktik", 37, rules)).toBeUndefined();
    expect(checkHours("praktik", 37.5, rules)).toEqual({ key: "rules:hours.praktik_max", vars: { max: 37 } });
    expect(checkHours("igu", 24, rules)).toEqual({ key: "rules:hours.igu_min", vars: { min: 25 } });
    expect(checkHours("igu", 30, rules)).toBeUndefined();
    expect(checkHours("loentilskud", 40, rules)).toBeUndefined();
    expect(checkHours("praktik", null, rules)).toBeUndefined();
  });
});
