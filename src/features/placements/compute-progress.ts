import { type Access, partnershipsOf } from "../../kernel/access.js";
import { type PartnershipRecord, type PlacementTally, type TargetFilter, type TargetKind, type TargetRecord, WAITING_STATUSES } from "../../kernel/records.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { OutcomesStore } from "../placement-rules/index.js";
import { type PlacementOutcomes, summariseOutcomes } from "../placement-rules/index.js";
import type { PlacementsStore } from "./store.js";

/** The placement type the agreements count as praktik. */
export const PRAKTIK_TYPE_KEY = "virksomhedspraktik";

export type TargetState = "below" | "reached" | "within" | "exceeded";

export type TargetProgress = {
  key: string;
  labelDa: string;
  labelEn: string;
  kind: TargetKind;
  min: number | null;
  max: number | null;
  value: number;
  /** Share of the number to reach (goal, minimum) or of the ceiling (maximum, range), 0–100+. */
  percent: number | null;
  state: TargetState;
};

export type PartnershipProgress = {
  partnership: PartnershipRecord;
  /** Places in approved placements: only what the municipality approved counts. */
  totalPlaces: number;
  /** Placements registered and waiting for the representative or the municipality. */
  waiting: number;
  targets: TargetProgress[];
  /** What finished virksomhedspraktik led to (the agreements' question: how many ended in a job). */
  praktikOutcomes: PlacementOutcomes;
  /** The same over every placement type. */
  allOutcomes: PlacementOutcomes;
};

/** Does a tally row count towards a target? */
export function matchesFilter(tally: PlacementTally, filter: TargetFilter): boolean {
  if (filter.types && filter.types.length > 0 && !filter.types.includes(tally.typeKey)) return false;
  if (filter.employerSector && tally.employerSector !== filter.employerSector) return false;
  if (filter.shortageOnly && !tally.shortageSector) return false;
  return true;
}

export function targetState(kind: TargetKind, value: number, min: number | null, max: number | null): TargetState {
  switch (kind) {
    case "goal":
      return value >= (max ?? min ?? 0) ? "reached" : "below";
    case "minimum":
      return value >= (min ?? 0) ? "reached" : "below";
    case "maximum":
      return max !== null && value > max ? "exceeded" : "within";
    case "range":
      if (min !== null && value < min) return "below";
      if (max !== null && value > max) return "exceeded";
      return "within";
  }
}

function percentOf(value: number, of: number | null): number | null {
  if (of === null || of <= 0) return null;
  return Math.round((value / of) * 100);
}

/** Each target's number from the partnership's placements, in the targets' own order. */
export function evaluateTargets(targets: readonly TargetRecord[], tallies: readonly PlacementTally[]): TargetProgress[] {
  return [...targets]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((target) => {
      const value = tallies.filter((t) => matchesFilter(t, target.filter)).reduce((sum, t) => sum + t.places, 0);
      const reference = target.kind === "minimum" ? target.min : target.kind === "goal" ? (target.max ?? target.min) : target.max;
      return {
        key: target.key,
        labelDa: target.labelDa,
        labelEn: target.labelEn,
        kind: target.kind,
        min: target.min,
        max: target.max,
        value,
        percent: percentOf(value, reference),
        state: targetState(target.kind, value, target.min, target.max),
      };
    });
}

export type ComputeProgressResult = { kind: "ok"; partnerships: PartnershipProgress[] } | { kind: "denied" };

/** The partnership totals are visible to every known contact of the partnership. */
export async function computeProgress(
  store: PlacementsStore & OutcomesStore & AccessStore & PartnershipsStore,
  access: Access,
): Promise<ComputeProgressResult> {
  if (access.kind !== "known") return { kind: "denied" };
  const partnerships = await partnershipsOf(store, access);
  const result: PartnershipProgress[] = [];
  for (const partnership of partnerships) {
    const [targets, tallies, outcomes, waiting] = await Promise.all([
      store.listTargets(partnership.id),
      store.tallyPlacements(partnership.id, { from: partnership.periodStart, to: partnership.periodEnd }),
      store.tallyOutcomes(partnership.id),
      store.countPlacements({ partnershipIds: [partnership.id], statuses: WAITING_STATUSES }),
    ]);
    result.push({
      partnership,
      totalPlaces: tallies.reduce((sum, t) => sum + t.places, 0),
      waiting,
      targets: evaluateTargets(targets, tallies),
      praktikOutcomes: summariseOutcomes(outcomes, [PRAKTIK_TYPE_KEY]),
      allOutcomes: summariseOutcomes(outcomes),
    });
  }
  return { kind: "ok", partnerships: result };
}
