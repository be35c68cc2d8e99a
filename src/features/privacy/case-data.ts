// Personal data (GDPR art. 15 and 17): a subject access request for one case reference — everything stored, and its deletion.
// Secretariat admins only.
import { type Access, isAdmin } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import { normaliseCaseReference } from "../../kernel/personal-data.js";
import type { CaseExport, PrivacyStore } from "./store.js";

export type CaseDataResult<T> = { kind: "ok"; value: T } | { kind: "denied" } | { kind: "usage" };

export async function exportCaseData(store: PrivacyStore, access: Access, typed: string | undefined): Promise<CaseDataResult<CaseExport>> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const ref = typed?.trim() ? normaliseCaseReference(typed) : undefined;
  if (!ref) return { kind: "usage" };
  return { kind: "ok", value: await store.exportCase(ref) };
}

export async function deleteCaseData(
  store: PrivacyStore,
  access: Access,
  typed: string | undefined,
): Promise<CaseDataResult<{ caseReference: string; placements: number; supportRequests: number }>> {
  if (access.kind !== "known" || !isAdmin(access)) return { kind: "denied" };
  const ref = typed?.trim() ? normaliseCaseReference(typed) : undefined;
  if (!ref) return { kind: "usage" };
  const deleted = await store.deleteCase(ref, { actor: actorRef(access.actor) });
  return { kind: "ok", value: { caseReference: ref, ...deleted } };
}
