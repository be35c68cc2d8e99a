// The ratio rule against what is stored: the other supported placements at the same P-nummer.
import type { IsoDate } from "../../kernel/dates.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { RuleProblem } from "./duration-rules.js";
import { checkRatio, type RatioCheck, type RatioPlacement } from "./ratio-rule.js";
import type { PlacementRuleSettings } from "./rule-set.js";
import type { PlacementRulesStore } from "./store.js";

/** A placement's period for the ratio rule: it stops counting the day after it ended early. */
function ratioPeriod(p: PlacementRecord): RatioPlacement {
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
): Promise<RatioCheck> {
  const stored = args.workplaceId ? await store.listRatioPlacements(args.workplaceId) : [];
  const others = stored.filter((p) => p.id !== args.excludeId).map(ratioPeriod);
  return checkRatio({ employees: args.employees, others, candidate: args.candidate, settings: args.settings.ratio });
}

/** The refusal, with the numbers and the rule as the settings say it. */
export function ratioProblem(check: RatioCheck, pNumber: string, settings: PlacementRuleSettings, admin: boolean): RuleProblem {
  const { band, perSmall, perLarge, minimum } = settings.ratio;
  return {
    key: admin ? "rules:ratio.exceeded_admin" : "rules:ratio.exceeded",
    vars: {
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
