// Retention (GDPR art. 5(1)(e); KLE deletion code P1825D is 5 years): data about a placement is anonymised a configured number of years after it ended
// (default 5, the common municipal deletion period). The free text about people is cleared, the
// numbers stay for statistics, and each placement gets an audit row naming what was removed.
//
// What "ended" means when nothing says so:
// - A placement with neither an end date nor an ended-on date is counted as ended OPEN_ENDED_WEEKS
//   after it started: the longest any placement may lawfully run (an IGU, two years; the form's
//   longest length too). Counting from the last change instead would let any edit keep the data
//   for ever; the start is fixed, so the data cannot outlive the rule.
// - A support request for a placement is cleared with its placement (note, language, decline
//   reason); one for a company only, the retention period after it was made.
// - A quarterly status's texts (what was done, the plan) may name people: cleared the retention
//   period after the quarter ended; its numbers stay for the partnership's reports.

import type { Job } from "../../jobs/scheduler.js";
import { addDays, dateFromIso, type IsoDate, todayIn } from "../../kernel/dates.js";
import type { Logger } from "../../kernel/logger.js";
import type { PrivacyStore } from "./store.js";

export const PLACEMENT_RETENTION_JOB = "placement-retention";
const RETENTION_ACTOR = "system:retention";

/** How long a placement without an end is taken to run: two years, the longest lawful placement (an IGU). */
export const OPEN_ENDED_WEEKS = 104;

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

/** The quarter a date is in ("2021-Q4"): statuses of earlier quarters ended before the date. */
function quarterOf(date: IsoDate): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export async function anonymiseExpiredPlacements(
  deps: RetentionDeps,
  now: Date,
): Promise<{ anonymised: string[]; supportRequests: number; quarterlyStatuses: number }> {
  const cutoff = retentionCutoff(todayIn(deps.timezone, now), deps.retentionYears);
  const openStartedBefore = addDays(cutoff, -OPEN_ENDED_WEEKS * 7);
  const due = await deps.store.listPlacementsToAnonymise(cutoff, openStartedBefore);
  const anonymised: string[] = [];
  for (const p of due) {
    const removed = await deps.store.anonymisePlacement(p.id, now, {
      actor: RETENTION_ACTOR,
      reason: { ended: p.end, retentionYears: deps.retentionYears, keptFrom: cutoff },
    });
    if (removed) anonymised.push(p.id);
  }
  if (anonymised.length > 0) deps.logger.info({ count: anonymised.length, cutoff }, "placements anonymised after the retention period");
  const reason = { retentionYears: deps.retentionYears, keptFrom: cutoff };
  const supportRequests = await deps.store.anonymiseCompanySupportRequests(dateFromIso(cutoff), { actor: RETENTION_ACTOR, reason });
  const quarterlyStatuses = await deps.store.anonymiseQuarterlyStatuses(quarterOf(cutoff), { actor: RETENTION_ACTOR, reason });
  if (supportRequests + quarterlyStatuses > 0) {
    deps.logger.info({ supportRequests, quarterlyStatuses, cutoff }, "support requests and quarterly statuses anonymised after the retention period");
  }
  return { anonymised, supportRequests, quarterlyStatuses };
}
