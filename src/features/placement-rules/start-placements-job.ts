// Approved placements start on their start date (LAB kap. 11: a placement runs from its start, once
// the municipality has approved it). Every hour the ones whose day has come become active, so a
// bot that was down catches up at its next run; each change is audited as "start".
import type { Job } from "../../jobs/scheduler.js";
import { todayIn } from "../../kernel/dates.js";
import type { Logger } from "../../kernel/logger.js";
import type { PlacementRulesStore } from "./store.js";

const START_PLACEMENTS_JOB = "placements-start";

/** Who the audit trail names for a change the bot makes on its own. */
const SYSTEM_ACTOR = "system:start-placements";

export function startPlacementsJob(deps: { store: Pick<PlacementRulesStore, "startApprovedPlacements">; logger: Logger; timezone: string }): Job {
  return {
    name: START_PLACEMENTS_JOB,
    cron: "2 * * * *",
    run: async (now) => {
      const started = await deps.store.startApprovedPlacements(todayIn(deps.timezone, now), { actor: SYSTEM_ACTOR, at: now });
      if (started.length > 0) deps.logger.info({ count: started.length }, "approved placements started");
    },
  };
}
