// What events achieved in a period: events held, companies reached and placements that came of
// them — for `fremdrift`, the weekly digest, the quarterly report and the quarterly status form.
import type { EventFigures, EventsStore } from "./store.js";

export async function eventFiguresFor(
  store: Pick<EventsStore, "eventFigures">,
  partnershipId: string,
  range: { from: Date; to: Date },
  opts: { now: Date; organisationId?: string },
): Promise<EventFigures> {
  // Only events that have begun count as held.
  const to = new Date(Math.min(range.to.getTime(), opts.now.getTime()));
  if (to <= range.from) return { held: 0, companiesReached: 0, placements: 0 };
  return store.eventFigures(partnershipId, { from: range.from, to }, opts.organisationId);
}
