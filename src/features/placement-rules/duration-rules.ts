// How long a placement may last and how many hours a week, by type, the person's target group
// and the employer (LAB § 61 for praktik, LAB § 68 for løntilskud, lov om
// integrationsgrunduddannelse for IGU), with the numbers of the rule set in force.
import { addDays, dateFromIso, type IsoDate, isoFromDate } from "../../kernel/dates.js";
import type { EmployerSector } from "../../kernel/records.js";
import { type BenefitGroup, type PlacementRuleSettings, type RuleKind, targetGroupIn } from "./rule-set.js";

/** A broken rule: an i18n key in the "rules" namespace and what its message needs. */
export type RuleProblem = { key: string; vars?: Record<string, unknown> };

/** The same calendar day `months` later (31 January + 1 month is 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = dateFromIso(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return isoFromDate(target);
}

/** Whole weeks from start to end, both days included (a part week counts as a week). */
export function weeksBetween(start: IsoDate, end: IsoDate): number {
  const days = (dateFromIso(end).getTime() - dateFromIso(start).getTime()) / 86_400_000 + 1;
  return Math.ceil(days / 7);
}

export type DurationFacts = {
  kind: RuleKind;
  benefitGroup: BenefitGroup | null;
  employerSector: EmployerSector;
  start: IsoDate;
};

/** The group's key as the rule set knows it (a former key reads as today's). */
const groupKey = (f: DurationFacts, s: PlacementRuleSettings) => targetGroupIn(s, f.benefitGroup)?.key;

/** A praktik's first period in weeks for the group, or undefined when the rule set does not know the group. */
function praktikWeeks(f: DurationFacts, s: PlacementRuleSettings): number | undefined {
  const key = groupKey(f, s);
  return key === undefined ? undefined : s.praktik.weeks[key];
}

/** Løntilskud months by employer and target group (LAB § 68); without a known group, the employer's shortest. */
export function loentilskudMonths(f: Pick<DurationFacts, "benefitGroup" | "employerSector">, s: PlacementRuleSettings): number {
  const key = targetGroupIn(s, f.benefitGroup)?.key;
  return (key !== undefined ? s.loentilskud.byGroup[f.employerSector][key] : undefined) ?? s.loentilskud.months[f.employerSector];
}

const isExtendable = (f: DurationFacts, s: PlacementRuleSettings) => {
  const key = groupKey(f, s);
  return key !== undefined && s.praktik.extendable.includes(key);
};

/** The last day a placement may have when it is first registered, or undefined when no rule limits it. */
function lastAllowedDay(f: DurationFacts, s: PlacementRuleSettings): IsoDate | undefined {
  if (f.kind === "praktik") {
    const weeks = praktikWeeks(f, s);
    return weeks === undefined ? undefined : addDays(f.start, weeks * 7 - 1);
  }
  if (f.kind === "loentilskud") return addDays(addMonths(f.start, loentilskudMonths(f, s)), -1);
  return addDays(addMonths(f.start, s.igu.months), -1);
}

/** The longest a placement may be when first registered, in whole weeks (for a default length). */
export function maxWeeksAtRegistration(f: DurationFacts, s: PlacementRuleSettings): number | undefined {
  const last = lastAllowedDay(f, s);
  if (!last) return undefined;
  // Whole weeks that fit: 6 months is 26 weeks, 4 months 17.
  const days = (dateFromIso(last).getTime() - dateFromIso(f.start).getTime()) / 86_400_000 + 1;
  return Math.max(1, Math.floor(days / 7));
}

function tooLong(f: DurationFacts, s: PlacementRuleSettings, last: IsoDate, extension: boolean): RuleProblem {
  const vars: Record<string, unknown> = { lastDay: last };
  if (f.kind === "praktik") {
    const weeks = praktikWeeks(f, s);
    const extendable = isExtendable(f, s);
    return {
      key: extendable && extension ? "rules:duration.praktik_extension" : extendable ? "rules:duration.praktik_extendable" : "rules:duration.praktik",
      vars: { ...vars, weeks, extendedWeeks: s.praktik.extendedWeeks, stepWeeks: s.praktik.extensionStepWeeks, group: groupKey(f, s) },
    };
  }
  if (f.kind === "loentilskud") {
    const months = loentilskudMonths(f, s);
    return {
      key: f.benefitGroup ? "rules:duration.loentilskud_group" : "rules:duration.loentilskud",
      vars: { ...vars, months, employer: f.employerSector, privateMonths: s.loentilskud.months.private, publicMonths: s.loentilskud.months.public },
    };
  }
  return { key: "rules:duration.igu", vars: { ...vars, months: s.igu.months } };
}

/** A first registration from `start` to `end`: refused with the rule when it is too long. */
export function checkRegistrationDuration(f: DurationFacts, end: IsoDate | null, s: PlacementRuleSettings): RuleProblem | undefined {
  const last = lastAllowedDay(f, s);
  if (!last) return undefined;
  if (end === null || end > last) return tooLong(f, s, last, false);
  return undefined;
}

/**
 * The last day an extension may reach. A praktik for the extendable groups may go to
 * `extendedWeeks` in all, and beyond that `extensionStepWeeks` at a time (13 → 26 → 39);
 * other praktik, løntilskud and IGU cannot pass their first limit.
 */
function lastAllowedDayOnExtension(f: DurationFacts, currentEnd: IsoDate, s: PlacementRuleSettings): IsoDate | undefined {
  const first = lastAllowedDay(f, s);
  if (!first) return undefined;
  if (f.kind === "praktik" && isExtendable(f, s)) {
    const extended = addDays(f.start, s.praktik.extendedWeeks * 7 - 1);
    const step = addDays(currentEnd, s.praktik.extensionStepWeeks * 7);
    // The later of the two; ISO dates order as strings, which Math.max would turn into NaN.
    if (extended > step) return extended;
    return step;
  }
  return first;
}

export function checkExtensionDuration(f: DurationFacts, currentEnd: IsoDate, newEnd: IsoDate, s: PlacementRuleSettings): RuleProblem | undefined {
  const last = lastAllowedDayOnExtension(f, currentEnd, s);
  if (!last || newEnd <= last) return undefined;
  return tooLong(f, s, last, true);
}

/**
 * Whether an extension to `newEnd` goes past `extendedWeeks` in all: then LAB § 61 stk. 2 allows
 * it only with "et helt særligt behov", and the reason must be recorded.
 */
export function needsSpecialNeed(f: DurationFacts, newEnd: IsoDate, s: PlacementRuleSettings): boolean {
  if (f.kind !== "praktik" || !isExtendable(f, s)) return false;
  return newEnd > addDays(f.start, s.praktik.extendedWeeks * 7 - 1);
}

/** Weekly hours: a praktik at most 37, an IGU at least 25 on average. */
export function checkHours(kind: RuleKind | undefined, hours: number | null, s: PlacementRuleSettings): RuleProblem | undefined {
  if (hours === null) return undefined;
  if (kind === "praktik" && hours > s.praktik.maxHoursPerWeek) return { key: "rules:hours.praktik_max", vars: { max: s.praktik.maxHoursPerWeek } };
  if (kind === "igu" && hours < s.igu.minHoursPerWeek) return { key: "rules:hours.igu_min", vars: { min: s.igu.minHoursPerWeek } };
  return undefined;
}
