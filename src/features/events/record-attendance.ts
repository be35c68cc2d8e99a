// The use case "record attendance": after the event has started, a host or the secretariat ticks
// the companies that came and the placements that came from the event (placements at those
// companies' CVR numbers). Replaces what was recorded before; audited.
import type { KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { TAttendanceInput } from "./contract.js";
import { canHostEvent, canSeeEvent } from "./event-access.js";
import type { EventRecord, EventsStore, SignupRecord } from "./store.js";

/** The placements a host may link: the partnership's, at a company that signed up. */
export type PlacementSource = { listPlacements(query: { partnershipIds: readonly string[]; limit: number }): Promise<PlacementRecord[]> };

export type AttendanceContext = { event: EventRecord; signups: SignupRecord[]; placements: PlacementRecord[]; linked: string[] };

export type OpenAttendanceResult =
  | { kind: "ok"; context: AttendanceContext }
  | { kind: "not_found" }
  | { kind: "denied" }
  | { kind: "not_yet"; event: EventRecord };

export async function openAttendance(store: EventsStore & PlacementSource, access: KnownAccess, eventId: string, now: Date): Promise<OpenAttendanceResult> {
  const event = await store.getEvent(eventId);
  if (!canSeeEvent(access, event)) return { kind: "not_found" };
  if (!canHostEvent(access, event)) return { kind: "denied" };
  if (event.startsAt > now) return { kind: "not_yet", event };
  const [signups, placements, linked] = await Promise.all([
    store.listSignups(eventId),
    store.listPlacements({ partnershipIds: [event.partnershipId], limit: 500 }),
    store.listEventPlacementIds(eventId),
  ]);
  const active = signups.filter((s) => !s.cancelled);
  const cvrs = new Set(active.map((s) => s.cvr));
  return { kind: "ok", context: { event, signups: active, placements: placements.filter((p) => cvrs.has(p.company.cvr)), linked } };
}

export async function recordAttendance(
  store: EventsStore,
  access: KnownAccess,
  context: AttendanceContext,
  input: TAttendanceInput,
  now: Date,
): Promise<{ kind: "saved"; attended: number; placements: number }> {
  // Only what the form offered counts: an id of another event's sign-up or another partnership's placement is dropped.
  const signups = new Set(context.signups.map((s) => s.id));
  const placements = new Set(context.placements.map((p) => p.id));
  const attended = [...new Set(input.attended)].filter((id) => signups.has(id));
  const linked = [...new Set(input.placementIds)].filter((id) => placements.has(id));
  await store.recordAttendance(context.event.id, attended, linked, { actor: actorRef(access.actor), at: now });
  return { kind: "saved", attended: attended.length, placements: linked.length };
}
