// Who may see, host and plan an event. An event id from a chat client is hostile: an event of
// another partnership is "not found", never "not yours", so ids reveal nothing.
import { isAdmin, type KnownAccess } from "../../kernel/access.js";
import type { EventRecord } from "./store.js";

/** The secretariat, or anyone who is a contact of an organisation, may plan an event. */
export function canPlanEvents(access: KnownAccess): boolean {
  return isAdmin(access) || access.organisation !== undefined;
}

export function canSeeEvent(access: KnownAccess, event: EventRecord | undefined): event is EventRecord {
  return event !== undefined && access.partnershipIds.includes(event.partnershipId);
}

/** The secretariat of the event's partnership and the contacts of its host organisations. */
export function canHostEvent(access: KnownAccess, event: EventRecord): boolean {
  if (!canSeeEvent(access, event)) return false;
  if (isAdmin(access)) return true;
  return access.organisation !== undefined && event.hostOrganisationIds.includes(access.organisation.id);
}
