// The municipality approves a placement: a virksomhedspraktik (LAB kap. 11) may not start before the
// municipality has approved it (aarhus.dk, kk.dk); løntilskud and IGU are agreed the same way.
// Only jobcenter staff and the secretariat of the placement's partnership decide.
import { type Access, type KnownAccess, seesAllOrganisations } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { IsoDate } from "../../kernel/dates.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { PlacementLookupStore } from "../../kernel/store.js";
import { approvedStatusOn, representativeRequired } from "./approval-rules.js";
import type { PlacementRulesStore } from "./store.js";

export type DecisionResult =
  | { kind: "ok"; placement: PlacementRecord }
  /** Not jobcenter staff or secretariat of the placement's partnership. */
  | { kind: "denied" }
  | { kind: "not_found" }
  /** Already decided (by whom the record says), or not in a state that can be decided. */
  | { kind: "not_allowed"; placement: PlacementRecord };

/** Jobcenter staff and the secretariat decide; a partner contact never does. */
export function canDecidePlacements(access: Access, partnershipId?: string): access is KnownAccess {
  if (access.kind !== "known" || !seesAllOrganisations(access)) return false;
  return partnershipId === undefined || access.partnershipIds.includes(partnershipId);
}

/** The placement as the person deciding may see it, or why not. */
export async function placementToDecide(
  store: PlacementLookupStore,
  access: Access,
  placementId: string,
): Promise<{ kind: "ok"; placement: PlacementRecord; access: KnownAccess } | { kind: "denied" } | { kind: "not_found" }> {
  if (!canDecidePlacements(access)) return { kind: "denied" };
  const placement = await store.getPlacementById(placementId);
  if (!placement) return { kind: "not_found" };
  if (!canDecidePlacements(access, placement.partnershipId)) return { kind: "denied" };
  return { kind: "ok", placement, access };
}

export async function approvePlacement(
  store: PlacementRulesStore & PlacementLookupStore,
  access: Access,
  args: { placementId: string; now: Date; today: IsoDate },
): Promise<DecisionResult> {
  const found = await placementToDecide(store, access, args.placementId);
  if (found.kind !== "ok") return found;
  const p = found.placement;
  if (!approvable(p)) return { kind: "not_allowed", placement: p };
  const me = actorRef(found.access.actor);
  const placement = await store.decidePlacement(
    p.id,
    p.status,
    { status: approvedStatusOn(p.startDate, args.today), approvedAt: args.now, approvedBy: me, decidedByName: nameOf(found.access) },
    { actor: me, action: "approve", at: args.now },
  );
  if (placement) return { kind: "ok", placement };
  const latest = await store.getPlacementById(found.placement.id);
  return latest ? { kind: "not_allowed", placement: latest } : { kind: "not_found" };
}

/**
 * Registered, or waiting for a representative the workplace does not need (a sole trader's, by
 * the employee figure now on record). Anything else awaits the representative or is decided.
 */
export function approvable(p: PlacementRecord): boolean {
  if (p.status === "registered") return true;
  return p.status === "awaiting_confirmation" && !representativeRequired(p.type, p.workplace?.ordinaryEmployeesFte);
}

export function nameOf(access: KnownAccess): string | null {
  return access.actor.displayName ?? access.contact?.displayName ?? null;
}
