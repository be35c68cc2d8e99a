// The numbers of the placement rules, as configuration. The defaults follow the rules in force
// in 2025 (bekendtgørelse om en aktiv beskæftigelsesindsats, LAB, integrationsloven); a
// partnership can override any of them in Partnership.settings.rules, since a reform may change
// them.
import type { EmployerSector } from "../../kernel/records.js";

/** The person's benefit group: it decides how long a virksomhedspraktik may last. No personal data. */
export const BENEFIT_GROUPS = [
  "dagpenge",
  "kontanthjaelp_jobparat",
  "dagpenge_nyuddannet",
  "over_50_langtidsledig",
  "aktivitetsparat",
  "integrationsprogram",
] as const;
export type BenefitGroup = (typeof BENEFIT_GROUPS)[number];

/** The three purposes a virksomhedspraktik may have. */
export const PRAKTIK_PURPOSES = ["ordinary_hours", "skills", "clarify_goals"] as const;

/** Why a placement ended before its end date. */
export const END_REASONS = ["ordinary_job", "education", "illness", "other"] as const;
export type EndReason = (typeof END_REASONS)[number];

/** What a completed placement led to. */
export const OUTCOMES = ["ordinary_job", "igu", "education", "continued_benefit"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * How fractional full-time equivalents are rounded before they are compared with the limit:
 * "down" (the default) counts 2.7 as 2, "up" as 3, "nearest" as 3, "none" compares 2.7 itself.
 */
export const RATIO_ROUNDINGS = ["down", "up", "nearest", "none"] as const;
export type RatioRounding = (typeof RATIO_ROUNDINGS)[number];

export type PlacementRuleSettings = {
  ratio: {
    /** Up to this many ordinary employees, one supported person per `perSmall` employees. */
    band: number;
    perSmall: number;
    /** Above the band, one more per `perLarge` employees. */
    perLarge: number;
    /** Every workplace may have at least this many. */
    minimum: number;
    rounding: RatioRounding;
    /** Weekly hours of one full-time equivalent. */
    fullTimeHours: number;
  };
  praktik: {
    /** Longest first period, in weeks, by benefit group. */
    weeks: Record<BenefitGroup, number>;
    /** Groups whose praktik may be extended: first up to `extendedWeeks`, then `extensionStepWeeks` at a time. */
    extendable: BenefitGroup[];
    extendedWeeks: number;
    extensionStepWeeks: number;
    maxHoursPerWeek: number;
  };
  loentilskud: { months: Record<EmployerSector, number> };
  igu: { months: number; minHoursPerWeek: number; schoolWeeks: number; bonusAfterMonths: number };
};

export const DEFAULT_PLACEMENT_RULES: PlacementRuleSettings = {
  ratio: { band: 50, perSmall: 5, perLarge: 10, minimum: 1, rounding: "down", fullTimeHours: 37 },
  praktik: {
    weeks: {
      dagpenge: 4,
      kontanthjaelp_jobparat: 4,
      dagpenge_nyuddannet: 8,
      over_50_langtidsledig: 8,
      aktivitetsparat: 13,
      integrationsprogram: 13,
    },
    extendable: ["aktivitetsparat", "integrationsprogram"],
    extendedWeeks: 26,
    extensionStepWeeks: 13,
    maxHoursPerWeek: 37,
  },
  loentilskud: { months: { private: 6, public: 4 } },
  igu: { months: 24, minHoursPerWeek: 25, schoolWeeks: 23, bonusAfterMonths: 6 },
};

/** Overrides as a partnership stores them: any part of the settings, deeply optional. */
export type PlacementRuleOverrides = {
  ratio?: Partial<PlacementRuleSettings["ratio"]>;
  praktik?: Partial<Omit<PlacementRuleSettings["praktik"], "weeks">> & { weeks?: Partial<Record<BenefitGroup, number>> };
  loentilskud?: { months?: Partial<Record<EmployerSector, number>> };
  igu?: Partial<PlacementRuleSettings["igu"]>;
};

export function placementRules(overrides: PlacementRuleOverrides = {}): PlacementRuleSettings {
  const d = DEFAULT_PLACEMENT_RULES;
  return {
    ratio: { ...d.ratio, ...overrides.ratio },
    praktik: {
      ...d.praktik,
      ...overrides.praktik,
      weeks: { ...d.praktik.weeks, ...overrides.praktik?.weeks },
    },
    loentilskud: { months: { ...d.loentilskud.months, ...overrides.loentilskud?.months } },
    igu: { ...d.igu, ...overrides.igu },
  };
}

/** Which of the placement rules a type follows, from its key. */
export type RuleKind = "praktik" | "loentilskud" | "igu";

export function ruleKindOf(typeKey: string): RuleKind | undefined {
  if (typeKey === "virksomhedspraktik" || typeKey === "praktik") return "praktik";
  if (typeKey === "loentilskud" || typeKey === "løntilskud") return "loentilskud";
  if (typeKey === "igu") return "igu";
  return undefined;
}

/** Types placed at a workplace: the form's P-nummer is required for them. */
export function needsWorkplace(type: { key: string; countsForRatio: boolean }): boolean {
  return type.countsForRatio || ruleKindOf(type.key) !== undefined;
}

/** Types whose start needs the written confirmation of an employee representative. */
export function needsRepresentative(type: { key: string }): boolean {
  const kind = ruleKindOf(type.key);
  return kind === "praktik" || kind === "loentilskud";
}
