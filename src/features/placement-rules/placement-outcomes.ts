// What finished placements led to: completed with an outcome, or ended early with a reason.
// Feeds `fremdrift` and the quarterly report ("how many praktik ended in a job").

import type { IsoDate } from "../../kernel/dates.js";
import type { PlacementStatus } from "../../kernel/records.js";
import { END_REASONS, type EndReason, OUTCOMES, type Outcome } from "./rule-set.js";

/** Finished placements summed by type, status, outcome and reason. */
export type OutcomeTally = {
  typeKey: string;
  status: Extract<PlacementStatus, "ended" | "completed">;
  outcome: string | null;
  endReason: string | null;
  places: number;
};

export type OutcomeRange = { from?: IsoDate; to?: IsoDate };

export type PlacementOutcomes = {
  /** Places in finished placements (completed or ended early). */
  finished: number;
  /** Of those, the ones that led to an ordinary job (completed with that outcome, or ended early for one). */
  inJob: number;
  completed: number;
  byOutcome: Record<Outcome, number>;
  endedEarly: number;
  byEndReason: Record<EndReason, number>;
};

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Sums the tally, for some placement types (e.g. only virksomhedspraktik) or all. */
export function summariseOutcomes(rows: readonly OutcomeTally[], types?: readonly string[]): PlacementOutcomes {
  const result: PlacementOutcomes = {
    finished: 0,
    inJob: 0,
    completed: 0,
    byOutcome: zeroes(OUTCOMES),
    endedEarly: 0,
    byEndReason: zeroes(END_REASONS),
  };
  for (const row of rows) {
    if (types && !types.includes(row.typeKey)) continue;
    result.finished += row.places;
    if (row.status === "completed") {
      result.completed += row.places;
      const outcome = OUTCOMES.find((o) => o === row.outcome);
      if (outcome) result.byOutcome[outcome] += row.places;
      if (outcome === "ordinary_job") result.inJob += row.places;
    } else {
      result.endedEarly += row.places;
      const reason = END_REASONS.find((r) => r === row.endReason);
      if (reason) result.byEndReason[reason] += row.places;
      if (reason === "ordinary_job") result.inJob += row.places;
    }
  }
  return result;
}
