import type { Access } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { ContactRecord, OrganisationRecord } from "../../kernel/records.js";
import type { AccessStore } from "../../kernel/store.js";
import { readInvitationCode, secretMatches } from "./invitation-code.js";
import type { InvitationRecord, InvitationsStore } from "./store.js";

/** Wrong codes a person may type in GUESS_WINDOW_MINUTES before they have to wait. */
export const MAX_WRONG_CODES = 5;
const GUESS_WINDOW_MINUTES = 15;

export type RedeemInvitationResult =
  | { kind: "enrolled"; contact: ContactRecord; organisation: OrganisationRecord; invitation: InvitationRecord }
  /** Not a code we made: says nothing about whether any invitation exists. */
  | { kind: "wrong" }
  | { kind: "expired" }
  | { kind: "used_up" }
  /** Too many wrong codes lately. */
  | { kind: "wait"; minutes: number }
  /** Already a contact: an invitation does not move anyone to another organisation. */
  | { kind: "already"; organisation: OrganisationRecord | undefined }
  | { kind: "missing_code" };

/** A person, known or not, in any installed workspace or tenant, uses an invitation code. */
export async function redeemInvitation(store: InvitationsStore & AccessStore, access: Access, typed: string, now: Date): Promise<RedeemInvitationResult> {
  const { actor } = access;
  const who = actorRef(actor);
  if (typed.trim() === "") return { kind: "missing_code" };
  const since = new Date(now.getTime() - GUESS_WINDOW_MINUTES * 60_000);
  if ((await store.countFailedInvitationAttempts(who, since)) >= MAX_WRONG_CODES) return { kind: "wait", minutes: GUESS_WINDOW_MINUTES };

  const wrong = async (): Promise<RedeemInvitationResult> => {
    await store.recordFailedInvitationAttempt(who, now);
    return { kind: "wrong" };
  };
  const parts = readInvitationCode(typed);
  if (!parts) return wrong();
  const invitation = await store.findInvitationByLookup(parts.lookup);
  if (!invitation || !secretMatches(invitation, parts.secret)) return wrong();

  // The whole code was right: from here on the person may hear what is wrong with it.
  if (invitation.expiresAt.getTime() <= now.getTime()) return { kind: "expired" };
  if (invitation.uses >= invitation.maxUses) return { kind: "used_up" };
  if (access.kind === "known" && access.contact) return { kind: "already", organisation: access.organisation };

  const organisation = await store.getOrganisation(invitation.organisationId);
  if (!organisation) return { kind: "expired" };
  const result = await store.redeemInvitation(
    invitation.id,
    {
      platform: actor.platform,
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      organisationId: organisation.id,
      role: invitation.role,
      displayName: actor.displayName ?? null,
    },
    now,
    { actor: who },
  );
  if (result.kind !== "redeemed") return result;
  return { kind: "enrolled", contact: result.contact, organisation, invitation };
}
