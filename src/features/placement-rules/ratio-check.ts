// The ratio rule against what is stored: the other supported placements at the same P-nummer.
import type { IsoDate } from "../../kernel/dates.js";
import type { RuleProblem } from "./duration-rules.js";
import { busiestDay, checkRatio, type RatioCheck, type RatioPlacement } from "./ratio-rule.js";
import type { PlacementRuleSettings } from "./rule-set.js";
import type { PlacementRulesStore, RatioStoredPlacement } from "./store.js";

/** A placement's period for the ratio rule: it stops counting the day after it ended early. */
function ratioPeriod(p: RatioStoredPlacement): RatioPlacement {
  return { places: p.places, hoursPerWeek: p.hoursPerWeek, start: p.startDate, end: p.endedOn ?? p.endDate };
}

/** Checks a placement over a period at a workplace against every other supported placement there. */
export async function checkRatioAtWorkplace(
  store: Pick<PlacementRulesStore, "listRatioPlacements">,
  args: {
    workplaceId: string | undefined;
    employees: number;
    candidate: { places: number; hoursPerWeek: number | null; start: IsoDate; end: IsoDate | null };
    /** The placement being changed, which must not count twice. */
    excludeId?: string;
    settings: PlacementRuleSettings;
  },
): Promise<RatioCheck & { present: RatioPlacement[]; candidate: RatioPlacement }> {
  const stored = args.workplaceId ? await store.listRatioPlacements(args.workplaceId) : [];
  const others = stored.filter((p) => p.id !== args.excludeId).map(ratioPeriod);
  const check = checkRatio({ employees: args.employees, others, candidate: args.candidate, settings: args.settings.ratio });
  const { present } = busiestDay(others, args.candidate.start, args.candidate.end, args.settings.ratio);
  return { ...check, present, candidate: args.candidate };
}

/** Each person's weekly hours, as a person would list them ("30", "37"); unknown hours are full time. */
function hoursOfPeople(placements: readonly RatioPlacement[], fullTimeHours: number): string[] {
  return placements.flatMap((p) => Array.from({ length: p.places }, () => String(Math.min(p.hoursPerWeek ?? fullTimeHours, fullTimeHours))));
}

/**
 * The refusal in people and hours, as a person would say it ("1 person på 30 timer er allerede i
 * praktik; med denne bliver det 1,6 – højst 1 er tilladt"), with the rule as the settings say it.
 * The i18n context picks the sentence for nobody, one person or several already there.
 */
export function ratioProblem(
  check: RatioCheck & { present: RatioPlacement[]; candidate: RatioPlacement },
  pNumber: string,
  settings: PlacementRuleSettings,
  admin: boolean,
): RuleProblem {
  const { band, perSmall, perLarge, minimum, fullTimeHours } = settings.ratio;
  const hours = hoursOfPeople(check.present, fullTimeHours);
  return {
    key: admin ? "rules:ratio.exceeded_admin" : "rules:ratio.exceeded",
    vars: {
      ...(hours.length === 0 ? { context: "none" } : hours.length === 1 ? { context: "one" } : {}),
      people: hours.length,
      hours,
      addingHours: hoursOfPeople([check.candidate], fullTimeHours),
      fullTimeHours,
      citation: settings.citations.ratio,
      authority: settings.wording.authority,
      pNumber,
      employees: check.employees,
      limit: check.limit,
      existing: check.existing,
      adding: check.adding,
      total: check.existing + check.adding,
      band,
      perSmall,
      perLarge,
      minimum,
    },
  };
}
