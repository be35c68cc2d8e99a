// Personal data (GDPR art. 15 and 17): a subject access request for one case reference — everything stored, and its deletion.
// Secretariat admins only.
import { type Access, isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import { CASE_REFERENCE, normaliseCaseReference } from "../../kernel/personal-data.js";
import type { CaseExport, PrivacyStore } from "./store.js";

export type CaseDataResult<T> = { kind: "ok"; value: T } | { kind: "denied" } | { kind: "usage" };

export async function exportCaseData(store: PrivacyStore, access: Access, typed: string | undefined): Promise<CaseDataResult<CaseExport>> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const ref = typed?.trim() ? normaliseCaseReference(typed) : undefined;
  if (!ref) return { kind: "usage" };
  return { kind: "ok", value: await store.exportCase(ref) };
}

/**
 * `slet` first: what deleting the case would remove, and the ticket the confirm button carries
 * (the case reference and who asked), so only the admin who asked can confirm it.
 */
export async function previewCaseDeletion(
  store: PrivacyStore,
  access: Access,
  typed: string | undefined,
): Promise<CaseDataResult<{ data: CaseExport; ticket: string }>> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const ref = typed?.trim() ? normaliseCaseReference(typed) : undefined;
  if (!ref) return { kind: "usage" };
  const data = await store.exportCase(ref);
  return { kind: "ok", value: { data, ticket: `${ref}${TICKET_SEPARATOR}${actorRef(access.actor)}` } };
}

const TICKET_SEPARATOR = "|";

export type ConfirmDeletionResult =
  | { kind: "deleted"; caseReference: string; placements: number; supportRequests: number }
  | { kind: "denied" }
  /** The button of another admin's request, or a ticket that is not one. */
  | { kind: "not_yours" };

/** The confirm button: deletes the case (audited in the store) when the admin who asked presses it. */
export async function confirmCaseDeletion(store: PrivacyStore, access: Access, ticket: string | undefined): Promise<ConfirmDeletionResult> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const at = ticket?.indexOf(TICKET_SEPARATOR) ?? -1;
  if (!ticket || at < 1) return { kind: "not_yours" };
  const ref = normaliseCaseReference(ticket.slice(0, at));
  if (ticket.slice(at + 1) !== actorRef(access.actor) || !CASE_REFERENCE.test(ref)) return { kind: "not_yours" };
  const deleted = await store.deleteCase(ref, { actor: actorRef(access.actor) });
  return { kind: "deleted", caseReference: ref, ...deleted };
}
