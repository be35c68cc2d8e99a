// Ending a placement: it ends early (with a reason) or is completed (with its outcome). Outcomes
// feed the progress figures and the quarterly report.
import type { Access } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { isClosed, placementFor } from "../../kernel/placement-access.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import type { TEndPlacementInput } from "./contract.js";
import { END_REASONS, OUTCOMES } from "./rule-set.js";
import type { PlacementRulesStore } from "./store.js";

export type EndPlacementResult =
  | { kind: "saved"; placement: PlacementRecord; early: boolean }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "denied" };

export async function endPlacement(
  store: PlacementRulesStore & PlacementLookupStore & AccessStore,
  access: Access,
  input: TEndPlacementInput,
): Promise<EndPlacementResult> {
  const found = await placementFor(store, access, input.placementId);
  if (found.kind === "denied" || access.kind !== "known") return { kind: "denied" };
  if (found.kind === "not_found") return { kind: "invalid", problems: { placementId: { key: "rules:errors.not_found" } } };
  const p = found.placement;
  if (isClosed(p)) return { kind: "invalid", problems: { placementId: { key: "rules:errors.already_closed" } } };
  if (input.endedOn < p.startDate) return { kind: "invalid", problems: { endedOn: { key: "rules:errors.before_start", vars: { start: p.startDate } } } };

  // Before the planned last day it ended early and needs a reason; on or after it, it was completed.
  const early = p.endDate !== null && input.endedOn < p.endDate;
  const reason = END_REASONS.find((r) => r === input.reason);
  const outcome = OUTCOMES.find((o) => o === input.outcome);
  const problems: FieldProblems = {};
  if (early && !reason) problems.reason = { key: "rules:errors.reason_required", vars: { end: p.endDate } };
  if (!early && !outcome) problems.outcome = { key: "rules:errors.outcome_required" };
  if (Object.keys(problems).length > 0) return { kind: "invalid", problems };

  const placement = await store.updatePlacement(
    p.id,
    {
      status: early ? "ended" : "completed",
      endedOn: input.endedOn,
      endReason: early ? (reason ?? null) : null,
      outcome: outcome ?? null,
    },
    { actor: actorRef(access.actor), action: early ? "end" : "complete" },
  );
  return { kind: "saved", placement, early };
}
