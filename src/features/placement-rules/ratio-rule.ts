// Rimelighedskravet, the ratio rule (BAB § 65; LAB § 77 for løntilskud): at one P-nummer, the people in virksomhedspraktik, løntilskud and nytteindsats
// may, in full-time equivalents, be at most
//   max(minimum, floor(min(E, band) / perSmall)) + floor(max(E − band, 0) / perLarge)
// where E is the workplace's ordinary employees in full-time equivalents. Part-time people count as
// hours / 37 and, by default, nothing is rounded away: no rounding rule is published.
import type { IsoDate } from "../../kernel/dates.js";
import type { PlacementRuleSettings, RatioRounding } from "./rule-set.js";

type RatioSettings = PlacementRuleSettings["ratio"];

/** How many supported people (full-time equivalents) a workplace with `employees` ordinary employees may have. */
export function ratioLimit(employees: number, s: RatioSettings): number {
  const e = Math.max(0, employees);
  const small = Math.max(s.minimum, Math.floor(Math.min(e, s.band) / s.perSmall));
  return small + Math.floor(Math.max(e - s.band, 0) / s.perLarge);
}

/** A supported placement at the workplace, over its period (an open end runs on). */
export type RatioPlacement = {
  places: number;
  /** Unknown hours count as full time. */
  hoursPerWeek: number | null;
  start: IsoDate;
  end: IsoDate | null;
};

/** Full-time equivalents: places × hours / full-time hours, never more than one per place. */
export function fteOf(p: Pick<RatioPlacement, "places" | "hoursPerWeek">, s: RatioSettings): number {
  const hours = p.hoursPerWeek ?? s.fullTimeHours;
  return (p.places * Math.min(hours, s.fullTimeHours)) / s.fullTimeHours;
}

export function roundFte(value: number, rounding: RatioRounding): number {
  // Sums of thirty-sevenths are not exact in floating point; 2.9999999 is 3.
  const v = Math.round(value * 1e6) / 1e6;
  if (rounding === "down") return Math.floor(v);
  if (rounding === "up") return Math.ceil(v);
  if (rounding === "nearest") return Math.round(v);
  return v;
}

const overlaps = (p: RatioPlacement, start: IsoDate, end: IsoDate | null) => (end === null || p.start <= end) && (p.end === null || p.end >= start);

/**
 * The placements present on the busiest day of [start, end], and their full-time equivalents: the
 * count only changes when a placement starts, so the days to look at are the period's first day
 * and every start in it.
 */
export function busiestDay<P extends RatioPlacement>(
  placements: readonly P[],
  start: IsoDate,
  end: IsoDate | null,
  s: RatioSettings,
): { fte: number; present: P[] } {
  const inPeriod = placements.filter((p) => overlaps(p, start, end));
  const days = [start, ...inPeriod.map((p) => p.start).filter((d) => d > start)];
  let peak: { fte: number; present: P[] } = { fte: 0, present: [] };
  for (const day of days) {
    const present = inPeriod.filter((p) => p.start <= day && (p.end === null || p.end >= day));
    const fte = present.reduce((n, p) => n + fteOf(p, s), 0);
    if (fte > peak.fte) peak = { fte, present };
  }
  return peak;
}

export type RatioCheck = {
  ok: boolean;
  employees: number;
  limit: number;
  /** Already at the workplace on the busiest day of the new period (full-time equivalents, unrounded). */
  existing: number;
  /** The new placement's full-time equivalents. */
  adding: number;
  /** existing + adding, rounded as the settings say (not at all by default); this is what is compared with the limit. */
  total: number;
};

/** Whether a placement over `candidate`'s period fits the workplace's limit next to the others. */
export function checkRatio(args: { employees: number; others: readonly RatioPlacement[]; candidate: RatioPlacement; settings: RatioSettings }): RatioCheck {
  const { employees, candidate, settings } = args;
  const limit = ratioLimit(employees, settings);
  const adding = fteOf(candidate, settings);
  const existing = busiestDay(args.others, candidate.start, candidate.end, settings).fte;
  const total = roundFte(existing + adding, settings.rounding);
  return { ok: total <= limit, employees, limit, existing, adding, total };
}
