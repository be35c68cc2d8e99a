// Retention (GDPR art. 5(1)(e); KLE deletion code P1825D is 5 years): data about a placement is anonymised a configured number of years after it ended
// (default 5, the common municipal deletion period). The free text about people is cleared, the
// numbers stay for statistics, and each placement gets an audit row naming what was removed.

import type { Job } from "../../jobs/scheduler.js";
import { type IsoDate, todayIn } from "../../kernel/dates.js";
import type { Logger } from "../../kernel/logger.js";
import type { PrivacyStore } from "./store.js";

export const PLACEMENT_RETENTION_JOB = "placement-retention";
const RETENTION_ACTOR = "system:retention";

export type RetentionDeps = { store: PrivacyStore; logger: Logger; timezone: string; retentionYears: number };

/** The first day that is still kept: a placement that ended before it is due. */
export function retentionCutoff(today: IsoDate, years: number): IsoDate {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const year = y - years;
  // 29 February in a year without one: 28 February.
  const day = m === 2 && d === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}` as IsoDate;
}

export function placementRetentionJob(deps: RetentionDeps): Job {
  return {
    name: PLACEMENT_RETENTION_JOB,
    cron: "30 2 * * *",
    run: async (now) => {
      await anonymiseExpiredPlacements(deps, now);
    },
  };
}

export async function anonymiseExpiredPlacements(deps: RetentionDeps, now: Date): Promise<{ anonymised: string[] }> {
  const cutoff = retentionCutoff(todayIn(deps.timezone, now), deps.retentionYears);
  const due = await deps.store.listPlacementsToAnonymise(cutoff);
  const anonymised: string[] = [];
  for (const p of due) {
    const removed = await deps.store.anonymisePlacement(p.id, now, {
      actor: RETENTION_ACTOR,
      reason: { ended: p.end, retentionYears: deps.retentionYears, keptFrom: cutoff },
    });
    if (removed) anonymised.push(p.id);
  }
  if (anonymised.length > 0) deps.logger.info({ count: anonymised.length, cutoff }, "placements anonymised after the retention period");
  return { anonymised };
}
