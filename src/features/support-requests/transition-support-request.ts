// What jobcenter staff do with a support request: take it, mark it done, or decline it with a
// reason. Only valid transitions happen; each is written to the audit log with who and when.
// The version check makes two people pressing at once end with one winner; the other is told
// who has it.
import { type Access, seesAllOrganisations } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import { containsCpr } from "../../kernel/cpr.js";

import type { SupportRequestPatch, SupportRequestRecord, SupportRequestsStore, SupportStatus } from "./store.js";

export const SUPPORT_TRANSITIONS = ["take", "done", "decline"] as const;
export type SupportTransition = (typeof SUPPORT_TRANSITIONS)[number];

/** From which states each transition may start. */
const ALLOWED_FROM: Record<SupportTransition, readonly SupportStatus[]> = {
  take: ["open"],
  done: ["open", "taken"],
  decline: ["open", "taken"],
};

export const DECLINE_REASON_MAX = 500;

export type TransitionResult =
  | { kind: "ok"; request: SupportRequestRecord; before: SupportRequestRecord }
  | { kind: "denied" }
  | { kind: "not_found" }
  /** Not possible from the request's state (e.g. taking one that is already taken or done). */
  | { kind: "not_allowed"; request: SupportRequestRecord }
  | { kind: "reason_required" | "reason_invalid" };

export function canTransition(status: SupportStatus, transition: SupportTransition): boolean {
  return ALLOWED_FROM[transition].includes(status);
}

/** Jobcenter staff and admins of the request's partnership act on requests. */
export function canHandleRequests(access: Access, partnershipId?: string): boolean {
  if (access.kind !== "known" || !seesAllOrganisations(access)) return false;
  return partnershipId === undefined || access.partnershipIds.includes(partnershipId);
}

export async function transitionSupportRequest(
  store: SupportRequestsStore,
  access: Access,
  args: { requestId: string; transition: SupportTransition; now: Date; reason?: string },
): Promise<TransitionResult> {
  if (access.kind !== "known" || !canHandleRequests(access)) return { kind: "denied" };
  const reason = args.reason?.trim();
  if (args.transition === "decline") {
    if (!reason) return { kind: "reason_required" };
    if (reason.length > DECLINE_REASON_MAX || containsCpr(reason)) return { kind: "reason_invalid" };
  }
  const me = actorRef(access.actor);
  const myName = access.actor.displayName ?? access.contact?.displayName ?? null;

  // One retry: a change by someone else between reading and writing is read again and judged anew.
  for (let attempt = 0; attempt < 2; attempt++) {
    const request = await store.getSupportRequest(args.requestId);
    if (!request) return { kind: "not_found" };
    if (!access.partnershipIds.includes(request.partnershipId)) return { kind: "denied" };
    if (!canTransition(request.status, args.transition)) return { kind: "not_allowed", request };

    const patch: SupportRequestPatch =
      args.transition === "take"
        ? { status: "taken", holder: me, holderName: myName, takenAt: args.now }
        : args.transition === "done"
          ? { status: "done", closedAt: args.now, ...(request.holder ? {} : { holder: me, holderName: myName, takenAt: args.now }) }
          : { status: "declined", closedAt: args.now, declineReason: reason!, ...(request.holder ? {} : { holder: me, holderName: myName }) };
    const updated = await store.updateSupportRequest(request.id, request.version, patch, { actor: me, action: args.transition, at: args.now });
    if (updated) return { kind: "ok", request: updated, before: request };
  }
  const latest = await store.getSupportRequest(args.requestId);
  return latest ? { kind: "not_allowed", request: latest } : { kind: "not_found" };
}
