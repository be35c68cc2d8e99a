// The employee representative has confirmed in writing; the placement goes on to the
// municipality's approval (or straight on, when it was approved before the approval step).
import type { Access } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { IsoDate } from "../../kernel/dates.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import { isClosed, placementFor } from "../../kernel/placement-access.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { AccessStore, PlacementLookupStore } from "../../kernel/store.js";
import { approvedStatusOn } from "./approval-rules.js";
import type { TConfirmRepresentativeInput } from "./contract.js";
import { needsRepresentative } from "./rule-set.js";
import type { PlacementRulesStore } from "./store.js";

export type ConfirmRepresentativeResult = { kind: "saved"; placement: PlacementRecord } | { kind: "invalid"; problems: FieldProblems } | { kind: "denied" };

export async function confirmRepresentative(
  store: PlacementRulesStore & PlacementLookupStore & AccessStore,
  access: Access,
  input: TConfirmRepresentativeInput,
  /** Today where the bot runs: an approved placement is active from its start. */
  today: IsoDate,
): Promise<ConfirmRepresentativeResult> {
  const found = await placementFor(store, access, input.placementId);
  if (found.kind === "denied" || access.kind !== "known") return { kind: "denied" };
  if (found.kind === "not_found") return { kind: "invalid", problems: { placementId: { key: "rules:errors.not_found" } } };
  const p = found.placement;
  if (isClosed(p)) return { kind: "invalid", problems: { placementId: { key: "rules:errors.already_closed" } } };
  if (!needsRepresentative(p.type)) return { kind: "invalid", problems: { placementId: { key: "rules:errors.no_confirmation_needed" } } };
  const problems: FieldProblems = {};
  if (!input.representativeConfirmed) problems.representativeConfirmed = { key: "rules:errors.confirmation_required" };
  if (Object.keys(problems).length > 0) return { kind: "invalid", problems };
  const placement = await store.updatePlacement(
    p.id,
    {
      representativeName: input.representativeName,
      representativeConfirmed: true,
      ...(p.status === "awaiting_confirmation" ? { status: p.approvedAt ? approvedStatusOn(p.startDate, today) : ("registered" as const) } : {}),
    },
    { actor: actorRef(access.actor), action: "confirm_representative" },
  );
  return { kind: "saved", placement };
}
