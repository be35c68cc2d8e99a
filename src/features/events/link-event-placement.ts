// The use case behind the placement form's "came from an event": the events a placement may name
// (this person's partnerships, begun within the last year, not cancelled), and linking a newly
// registered placement to the one chosen — only an event offered, and only in the placement's partnership.
import type { KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { PlacementRecord } from "../../kernel/records.js";
import type { EventRecord, EventsStore } from "./store.js";

const YEAR_MS = 365 * 86_400_000;

export async function eventsToName(store: Pick<EventsStore, "listEvents">, access: KnownAccess, now: Date): Promise<EventRecord[]> {
  const events = await store.listEvents(access.partnershipIds, { from: new Date(now.getTime() - YEAR_MS), to: now });
  return events.filter((e) => !e.cancelled).reverse();
}

export async function linkEventPlacement(
  store: Pick<EventsStore, "listEvents" | "linkEventPlacement">,
  access: KnownAccess,
  eventId: string,
  placement: PlacementRecord,
  now: Date,
): Promise<boolean> {
  const event = (await eventsToName(store, access, now)).find((e) => e.id === eventId);
  if (!event || event.partnershipId !== placement.partnershipId) return false;
  await store.linkEventPlacement(event.id, placement.id, { actor: actorRef(access.actor), at: now });
  return true;
}
