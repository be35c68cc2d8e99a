// The municipality refuses a placement, with a reason the registrant reads. A placement waiting
// for its employee representative may be refused too: the answer does not depend on them.
import type { Access } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { PlacementStatus } from "../../kernel/records.js";
import type { PlacementLookupStore } from "../../kernel/store.js";
import { type DecisionResult, nameOf, placementToDecide } from "./approve-placement.js";
import type { TRefusePlacementInput } from "./contract.js";
import type { PlacementRulesStore } from "./store.js";

const REFUSABLE: readonly PlacementStatus[] = ["registered", "awaiting_confirmation"];

export async function refusePlacement(
  store: PlacementRulesStore & PlacementLookupStore,
  access: Access,
  args: TRefusePlacementInput & { placementId: string; now: Date },
): Promise<DecisionResult> {
  const found = await placementToDecide(store, access, args.placementId);
  if (found.kind !== "ok") return found;
  const { status } = found.placement;
  if (!REFUSABLE.includes(status)) return { kind: "not_allowed", placement: found.placement };
  const me = actorRef(found.access.actor);
  const placement = await store.decidePlacement(
    found.placement.id,
    status,
    { status: "refused", refusedAt: args.now, refusedBy: me, refusalReason: args.reason, decidedByName: nameOf(found.access) },
    { actor: me, action: "refuse", at: args.now },
  );
  if (placement) return { kind: "ok", placement };
  const latest = await store.getPlacementById(found.placement.id);
  return latest ? { kind: "not_allowed", placement: latest } : { kind: "not_found" };
}
