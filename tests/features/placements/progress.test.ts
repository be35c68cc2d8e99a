import { describe, expect, it } from "vitest";
import { evaluateTargets, matchesFilter, targetState } from "../../../src/features/placements/compute-progress.js";
import { progressBar, targetLine } from "../../../src/features/placements/progress-view.js";
import { createI18n } from "../../../src/i18n/index.js";
import type { PlacementTally, TargetRecord } from "../../../src/kernel/records.js";
import { AALBORG_2016, FREDERICIA_2013 } from "../../../src/seed/examples.js";

function targetsOf(seed: typeof AALBORG_2016): TargetRecord[] {
  return seed.targets.map((t, i) => ({ ...t, id: t.key, partnershipId: seed.slug, sortOrder: i }));
}

const tally = (typeKey: string, employerSector: "public" | "private", shortageSector: boolean, places: number): PlacementTally => ({
  typeKey,
  employerSector,
  shortageSector,
  places,
});

describe("targets and progress", () => {
  // The numbers of the example: 72 public + 240 private in shortage sectors = 312 praktik, 11 IGU.
  const aalborgTallies = [
    tally("virksomhedspraktik", "public", false, 50),
    tally("virksomhedspraktik", "public", true, 22),
    tally("virksomhedspraktik", "private", true, 240),
    tally("igu", "private", true, 11),
    tally("ordinaer", "private", false, 9),
  ];

  it("counts each Aalborg target from the placements that match its filter", () => {
    const progress = evaluateTargets(targetsOf(AALBORG_2016), aalborgTallies);
    expect(progress.map((p) => [p.key, p.value, p.state])).toEqual([
      ["praktikpladser", 312, "below"],
      ["offentlige", 72, "within"],
      ["private-mangel", 240, "below"],
      ["igu", 11, "below"],
    ]);
    expect(progress[0]!.percent).toBe(62);
  });

  it("writes the lines people read, in Danish and English", () => {
    const i18n = createI18n("da");
    const [total, publicCap, privateMin, igu] = evaluateTargets(targetsOf(AALBORG_2016), aalborgTallies);
    const da = i18n.t("da");
    expect(targetLine(total!, da, "da")).toContain("312 / 500 (62 %)");
    expect(targetLine(publicCap!, da, "da")).toContain("Offentlige: 72 / højst 150");
    expect(targetLine(privateMin!, da, "da")).toContain("Private i mangelbrancher: 240 / mindst 350");
    expect(targetLine(igu!, da, "da")).toContain("IGU: 11 / mindst 25");
    expect(targetLine(publicCap!, i18n.t("en"), "en")).toContain("Public: 72 / at most 150");
  });

  it("handles Fredericia's ranges: 2–5 apprenticeships, 5–10 ordinary jobs", () => {
    const targets = targetsOf(FREDERICIA_2013);
    const below = evaluateTargets(targets, [tally("laerling", "private", false, 1)]).find((p) => p.key === "laerepladser")!;
    const within = evaluateTargets(targets, [tally("laerling", "private", false, 4)]).find((p) => p.key === "laerepladser")!;
    const above = evaluateTargets(targets, [tally("laerling", "private", false, 6)]).find((p) => p.key === "laerepladser")!;
    expect([below.state, within.state, above.state]).toEqual(["below", "within", "exceeded"]);
    expect(targetLine(within, createI18n("da").t("da"), "da")).toContain("Lærepladser: 4 / 2–5");
  });

  it("flags a maximum that is passed and a minimum that is reached", () => {
    expect(targetState("maximum", 151, null, 150)).toBe("exceeded");
    expect(targetState("maximum", 150, null, 150)).toBe("within");
    expect(targetState("minimum", 25, 25, null)).toBe("reached");
    expect(targetState("goal", 500, null, 500)).toBe("reached");
  });

  it("filters on type, employer sector and shortage sector together", () => {
    const filter = { types: ["virksomhedspraktik"], employerSector: "private" as const, shortageOnly: true };
    expect(matchesFilter(tally("virksomhedspraktik", "private", true, 1), filter)).toBe(true);
    expect(matchesFilter(tally("virksomhedspraktik", "private", false, 1), filter)).toBe(false);
    expect(matchesFilter(tally("virksomhedspraktik", "public", true, 1), filter)).toBe(false);
    expect(matchesFilter(tally("igu", "private", true, 1), filter)).toBe(false);
    expect(matchesFilter(tally("igu", "public", false, 1), {})).toBe(true);
  });

  it("draws a text progress bar", () => {
    expect(progressBar(62)).toBe("▓▓▓▓▓▓░░░░");
    expect(progressBar(0)).toBe("░░░░░░░░░░");
    expect(progressBar(140)).toBe("▓▓▓▓▓▓▓▓▓▓");
  });
});
