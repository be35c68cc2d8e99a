import { type Access, canManageContacts, isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { ContactRecord, OrganisationRecord } from "../../kernel/records.js";
import type { AccessStore } from "../../kernel/store.js";
import type { TAddContactInput } from "./contract.js";
import type { ContactsStore } from "./store.js";

/** What the form's contract gives, and the name the user picker showed for the person. */
export type AddContactInput = TAddContactInput & { displayName: string | null };

export type AddContactResult =
  | { kind: "saved"; contact: ContactRecord; organisation: OrganisationRecord; created: boolean }
  | { kind: "invalid"; problems: Record<string, { key: string }> }
  | { kind: "denied" };

/**
 * An admin adds a contact to an organisation with a role. The new contact lives in the
 * admin's own platform and workspace: that is where the user picker found them.
 */
export async function addContact(store: ContactsStore & AccessStore, access: Access, input: AddContactInput): Promise<AddContactResult> {
  if (!isAdmin(access)) return { kind: "denied" };
  const organisation = await store.getOrganisation(input.organisationId);
  if (!organisation || !canManageContacts(access, organisation)) {
    return { kind: "invalid", problems: { organisationId: { key: "admin:errors.organisation_not_allowed" } } };
  }
  const { contact, created } = await store.saveContact(
    {
      platform: access.actor.platform,
      workspaceId: access.actor.workspaceId,
      userId: input.userId,
      organisationId: organisation.id,
      role: input.role,
      displayName: input.displayName,
    },
    { actor: actorRef(access.actor) },
  );
  return { kind: "saved", contact, organisation, created };
}
