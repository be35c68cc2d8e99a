// The placement rules: their shape, and which rule set applies on a date. The numbers and lists
// are data in rule-sets.ts, one set per date the law changes; a partnership can override any of
// them in Partnership.settings.rules, for every set or for one set keyed by its date.
import type { IsoDate } from "../../kernel/dates.js";
import type { EmployerSector } from "../../kernel/records.js";
import { RULE_SETS } from "./rule-sets.js";

/** A target group (the person's benefit group): decides how long a placement may last. No personal data. */
export type TargetGroup = {
  key: string;
  /** The i18n key of its name. */
  label: string;
  /** Keys it replaced, still accepted when typed or stored. */
  formerKeys: string[];
};

/** A benefit group's key, as the rule set in force lists it. */
export type BenefitGroup = string;

/** The three purposes a virksomhedspraktik may have. */
export const PRAKTIK_PURPOSES = ["ordinary_hours", "skills", "clarify_goals"] as const;

/** Why a placement ended before its end date. */
export const END_REASONS = ["ordinary_job", "education", "illness", "other"] as const;
export type EndReason = (typeof END_REASONS)[number];

/** What a completed placement led to. */
export const OUTCOMES = ["ordinary_job", "igu", "education", "continued_benefit"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why an IGU may run past its two years (lov om integrationsgrunduddannelse). */
export const IGU_EXTENSION_REASONS = ["leave", "illness", "school"] as const;

/**
 * How fractional full-time equivalents are rounded before they are compared with the limit:
 * "none" (the default, the ratio rule publishes no rounding) compares 2.7 itself; "down" counts
 * 2.7 as 2, "up" as 3, "nearest" as 3.
 */
export const RATIO_ROUNDINGS = ["down", "up", "nearest", "none"] as const;
export type RatioRounding = (typeof RATIO_ROUNDINGS)[number];

export type PlacementRuleSettings = {
  /** The first day this set applies to. */
  validFrom: IsoDate;
  /** Numbers not yet confirmed by the law; the secretariat should check them. */
  placeholder: boolean;
  /** The target groups the form offers and the rules know, in the form's order. */
  groups: TargetGroup[];
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
    /** Longest first period, in weeks, by target group. */
    weeks: Record<BenefitGroup, number>;
    /** Groups whose praktik may be extended: first up to `extendedWeeks`, then `extensionStepWeeks` at a time with a recorded reason. */
    extendable: BenefitGroup[];
    extendedWeeks: number;
    extensionStepWeeks: number;
    maxHoursPerWeek: number;
  };
  loentilskud: {
    /** Without a target group, or for a group not in `byGroup`. */
    months: Record<EmployerSector, number>;
    /** Months by employer and target group. */
    byGroup: Record<EmployerSector, Record<BenefitGroup, number>>;
    /** Whether the employer's table is verified against the law. */
    verified: Record<EmployerSector, boolean>;
    /** The subsidy per hour in kroner, by employer; null where the secretariat has not set it (not in the law as gathered). */
    hourlyKr: Record<EmployerSector, number | null>;
  };
  igu: {
    months: number;
    minHoursPerWeek: number;
    schoolWeeks: number;
    bonusAfterMonths: number;
    /** No new IGU may start after this day. */
    lastNewStart: IsoDate;
    /** The reasons that let an IGU run past `months`. */
    extensionReasons: string[];
    /** The employers that may apply for the bonus. */
    bonusEmployers: EmployerSector[];
    /** The bonus: `bonusPayments` payments of `bonusKr` kroner each. */
    bonusKr: number;
    bonusPayments: number;
    /** The ages a new IGU is open to. */
    ages: { min: number; max: number };
  };
  /** The provisions the messages cite. */
  citations: { praktikDuration: string; ratio: string; loentilskud: string; igu: string };
  /** What the municipality is called and where employers reach it (lov nr. 1750 af 29/12/2025). */
  wording: {
    authority: { da: string; en: string };
    entryPoint: { name: string; url: string } | null;
  };
};

/** The set in force before any date this bot knows: the first one. */
export const DEFAULT_PLACEMENT_RULES: PlacementRuleSettings = RULE_SETS[0]!;

type PraktikOverrides = Partial<Omit<PlacementRuleSettings["praktik"], "weeks">> & { weeks?: Partial<Record<BenefitGroup, number>> };

/** Overrides of one rule set: any part of the settings, deeply optional. */
export type RuleSetOverrides = {
  ratio?: Partial<PlacementRuleSettings["ratio"]>;
  praktik?: PraktikOverrides;
  loentilskud?: {
    months?: Partial<Record<EmployerSector, number>>;
    byGroup?: Partial<Record<EmployerSector, Partial<Record<BenefitGroup, number>>>>;
    hourlyKr?: Partial<Record<EmployerSector, number | null>>;
  };
  igu?: Partial<PlacementRuleSettings["igu"]>;
  wording?: Partial<PlacementRuleSettings["wording"]>;
};

/** Overrides as a partnership stores them: for every set, and per set keyed by its `validFrom`. */
export type PlacementRuleOverrides = RuleSetOverrides & { bySet?: Record<IsoDate, RuleSetOverrides> };

function apply(d: PlacementRuleSettings, o: RuleSetOverrides): PlacementRuleSettings {
  const byGroup = (sector: EmployerSector) => ({ ...d.loentilskud.byGroup[sector], ...o.loentilskud?.byGroup?.[sector] }) as Record<string, number>;
  return {
    ...d,
    ratio: { ...d.ratio, ...o.ratio },
    praktik: { ...d.praktik, ...o.praktik, weeks: { ...d.praktik.weeks, ...o.praktik?.weeks } as Record<string, number> },
    loentilskud: {
      ...d.loentilskud,
      months: { ...d.loentilskud.months, ...o.loentilskud?.months },
      byGroup: { public: byGroup("public"), private: byGroup("private") },
      hourlyKr: { ...d.loentilskud.hourlyKr, ...o.loentilskud?.hourlyKr },
    },
    igu: { ...d.igu, ...o.igu },
    wording: { ...d.wording, ...o.wording },
  };
}

/** The built-in rule set in force on a day: the latest that starts on or before it (the first for older days). */
export function ruleSetOn(day: IsoDate): PlacementRuleSettings {
  let found = DEFAULT_PLACEMENT_RULES;
  for (const set of RULE_SETS) if (set.validFrom <= day) found = set;
  return found;
}

/** The rules in force on a day with a partnership's overrides: those for every set, then those for that set. */
export function rulesOn(day: IsoDate, overrides: PlacementRuleOverrides = {}): PlacementRuleSettings {
  const set = ruleSetOn(day);
  return apply(apply(set, overrides), overrides.bySet?.[set.validFrom] ?? {});
}

/** The first rule set with a partnership's overrides (what older callers and tests know as "the rules"). */
export function placementRules(overrides: PlacementRuleOverrides = {}): PlacementRuleSettings {
  return apply(apply(DEFAULT_PLACEMENT_RULES, overrides), overrides.bySet?.[DEFAULT_PLACEMENT_RULES.validFrom] ?? {});
}

/** A typed or stored target group as the rule set knows it (a former key becomes today's), or undefined. */
export function targetGroupIn(s: PlacementRuleSettings, key: string | null | undefined): TargetGroup | undefined {
  if (!key) return undefined;
  return s.groups.find((g) => g.key === key || g.formerKeys.includes(key));
}

/** Every target-group key any rule set knows, with former keys: what a stored override may name. */
export function knownGroupKeys(): string[] {
  return [...new Set(RULE_SETS.flatMap((s) => s.groups.flatMap((g) => [g.key, ...g.formerKeys])))];
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
