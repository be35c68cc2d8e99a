import { type Access, canManageContacts, isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { OrganisationRecord } from "../../kernel/records.js";
import type { AccessStore } from "../../kernel/store.js";
import type { TCreateInvitationInput } from "./contract.js";
import { makeInvitationCode } from "./invitation-code.js";
import type { InvitationRecord, InvitationsStore } from "./store.js";

/** How long an invitation can be used: two weeks is time to pass it on, not to forget it lying around. */
export const INVITATION_VALID_DAYS = 14;

export type CreateInvitationResult =
  /** `code` exists only here: it is shown to the admin once and stored only as a hash. */
  | { kind: "created"; code: string; invitation: InvitationRecord; organisation: OrganisationRecord }
  | { kind: "invalid"; problems: Record<string, { key: string }> }
  | { kind: "denied" };

/**
 * A secretariat admin invites people into an organisation of their partnerships, in a role.
 * Not idempotent on purpose: a second run makes a second code, and a code nobody was shown can
 * never be used.
 */
export async function createInvitation(
  store: InvitationsStore & AccessStore,
  access: Access,
  input: TCreateInvitationInput,
  now: Date,
  make: typeof makeInvitationCode = makeInvitationCode,
): Promise<CreateInvitationResult> {
  if (!isAdmin(access) || access.kind !== "known") return { kind: "denied" };
  const organisation = await store.getOrganisation(input.organisationId);
  if (!organisation || !canManageContacts(access, organisation)) {
    return { kind: "invalid", problems: { organisationId: { key: "admin:errors.organisation_not_allowed" } } };
  }
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000);
  // The lookup part is short; on the rare collision, a new code.
  for (let attempt = 0; attempt < 5; attempt++) {
    const { code, lookup, salt, secretHash } = make();
    const invitation = await store.saveInvitation(
      { lookup, salt, secretHash, organisationId: organisation.id, role: input.role, maxUses: input.maxUses, expiresAt },
      { actor: actorRef(access.actor) },
    );
    if (invitation) return { kind: "created", code, invitation, organisation };
  }
  throw new Error("could not find a free invitation code");
}
