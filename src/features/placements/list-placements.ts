import { type Access, seesAllOrganisations } from "../../kernel/access.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { PlacementsStore } from "./store.js";

export type ListPlacementsResult =
  | { kind: "ok"; placements: PlacementRecord[]; total: number; scope: "organisation" | "partnership"; organisationName?: string }
  | { kind: "denied" };

/**
 * The latest placements this person may see: a partner contact their own organisation's,
 * jobcenter staff and admins every organisation's in their partnerships.
 */
export async function listPlacements(store: PlacementsStore, access: Access, limit = 10): Promise<ListPlacementsResult> {
  if (access.kind !== "known") return { kind: "denied" };
  if (seesAllOrganisations(access)) {
    const query = { partnershipIds: access.partnershipIds };
    const [placements, total] = await Promise.all([store.listPlacements({ ...query, limit }), store.countPlacements(query)]);
    return { kind: "ok", placements, total, scope: "partnership" };
  }
  const organisation = access.organisation;
  if (!organisation) return { kind: "denied" };
  const query = { partnershipIds: access.partnershipIds, organisationIds: [organisation.id] };
  const [placements, total] = await Promise.all([store.listPlacements({ ...query, limit }), store.countPlacements(query)]);
  return { kind: "ok", placements, total, scope: "organisation", organisationName: organisation.name };
}
