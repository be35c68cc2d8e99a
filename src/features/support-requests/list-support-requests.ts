import { type Access, seesAllOrganisations } from "../../kernel/access.js";

import { OPEN_STATUSES, type SupportRequestRecord, type SupportRequestsStore } from "./store.js";

export type ListSupportRequestsResult =
  | { kind: "ok"; requests: SupportRequestRecord[]; overdue: number; scope: "organisation" | "partnership"; organisationName?: string }
  | { kind: "denied" };

/**
 * Open requests (open or taken) this person may see — all of them for jobcenter staff and
 * admins, their own organisation's for a partner contact — overdue ones first, then by due time.
 */
export async function listSupportRequests(store: SupportRequestsStore, access: Access, now: Date, limit = 25): Promise<ListSupportRequestsResult> {
  if (access.kind !== "known") return { kind: "denied" };
  const all = seesAllOrganisations(access);
  if (!all && !access.organisation) return { kind: "denied" };
  const requests = await store.listSupportRequests({
    partnershipIds: access.partnershipIds,
    ...(all ? {} : { organisationIds: [access.organisation!.id] }),
    statuses: OPEN_STATUSES,
    limit,
  });
  // The store sorts by due time, so the overdue ones already come first.
  const overdue = requests.filter((r) => r.dueAt <= now).length;
  return all
    ? { kind: "ok", requests, overdue, scope: "partnership" }
    : { kind: "ok", requests, overdue, scope: "organisation", organisationName: access.organisation!.name };
}
