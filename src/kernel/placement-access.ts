import { type Access, canActFor } from "./access.js";
import type { PlacementRecord } from "./records.js";
import type { AccessStore, PlacementLookupStore } from "./store.js";

export type PlacementLookup = { kind: "ok"; placement: PlacementRecord } | { kind: "not_found" } | { kind: "denied" };

/** A placement this person may change: their organisation's, or any in their partnerships for staff and admins. */
export async function placementFor(
  store: PlacementLookupStore & Pick<AccessStore, "getOrganisation">,
  access: Access,
  placementId: string,
): Promise<PlacementLookup> {
  if (access.kind !== "known") return { kind: "denied" };
  const placement = await store.getPlacementById(placementId);
  if (!placement) return { kind: "not_found" };
  const organisation = await store.getOrganisation(placement.organisationId);
  if (!organisation || !canActFor(access, organisation)) return { kind: "denied" };
  return { kind: "ok", placement };
}

/** Finished, or refused by the municipality: nothing more happens to it. */
export const isClosed = (p: PlacementRecord) => p.status === "ended" || p.status === "completed" || p.status === "refused";
