import { type Access, canActFor, isAdmin, type KnownAccess } from "../../kernel/access.js";
import type { OrganisationRecord, PartnershipRecord, PlacementTypeRecord } from "../../kernel/records.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";

/** Everything the placement form offers this person. */
export type PlacementFormContext = {
  partnerships: PartnershipRecord[];
  /** Organisations the person may register for; a partner contact has exactly one. */
  organisations: OrganisationRecord[];
  /** Set when the person registers for their own organisation only (no choice shown). */
  fixedOrganisation: OrganisationRecord | undefined;
  types: PlacementTypeRecord[];
  /** Secretariat admins may register beyond the ratio rule with a reason. */
  canExemptFromRatio?: boolean;
};

export type OpenPlacementFormResult = { kind: "ok"; context: PlacementFormContext } | { kind: "denied" } | { kind: "no_partnership" };

export async function openPlacementForm(store: AccessStore & PartnershipsStore, access: Access): Promise<OpenPlacementFormResult> {
  if (access.kind !== "known") return { kind: "denied" };
  const context = await placementFormContext(store, access);
  if (context.organisations.length === 0 || context.types.length === 0) return { kind: "no_partnership" };
  return { kind: "ok", context };
}

async function placementFormContext(store: AccessStore & PartnershipsStore, access: KnownAccess): Promise<PlacementFormContext> {
  const allPartnerships = await store.listPartnerships();
  const partnerships = allPartnerships.filter((p) => access.partnershipIds.includes(p.id));
  const ids = partnerships.map((p) => p.id);
  const organisations = (await store.listOrganisations(ids)).filter((o) => canActFor(access, o));
  const types = await store.listPlacementTypes(ids);
  const fixedOrganisation = access.role === "partner_contact" && organisations.length === 1 ? organisations[0] : undefined;
  return { partnerships, organisations, fixedOrganisation, types, canExemptFromRatio: isAdmin(access) };
}
