// The use case "plan an event": the secretariat or an organisation's contact names the title,
// kind, day and time, place, sectors, capacity and host organisations, and the channels the
// invitation goes to. Saved once per idempotency key; audited.
import type { KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import { instantAt } from "../../kernel/business-days.js";
import { addDays, type IsoDate } from "../../kernel/dates.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import type { ChannelAddress } from "../../kernel/messenger.js";
import type { OrganisationRecord, PartnershipRecord } from "../../kernel/records.js";
import type { PartnershipsStore } from "../../kernel/store.js";
import type { ChannelLinkRecord, ChannelsStore } from "../channels/index.js";
import type { TCreateEventInput } from "./contract.js";
import { EVENT_LIMITS } from "./contract.js";
import { canPlanEvents } from "./event-access.js";
import type { EventRecord, EventsStore } from "./store.js";

/** The invitation may go to the channel the command was typed in. */
export const HERE = "here";

export type EventFormContext = {
  partnership: PartnershipRecord;
  organisations: OrganisationRecord[];
  /** A contact's own organisation always hosts what they plan. */
  fixedHost: OrganisationRecord | undefined;
  channels: ChannelLinkRecord[];
  here: ChannelAddress | undefined;
};

export async function openEventForm(
  store: PartnershipsStore & Pick<ChannelsStore, "listChannelLinks">,
  access: KnownAccess,
  here: ChannelAddress | undefined,
): Promise<{ kind: "ok"; context: EventFormContext } | { kind: "denied" } | { kind: "no_partnership" }> {
  if (!canPlanEvents(access)) return { kind: "denied" };
  const partnershipId = access.organisation?.partnershipId ?? access.partnershipIds[0];
  const partnership = partnershipId ? await store.getPartnership(partnershipId) : undefined;
  if (!partnership) return { kind: "no_partnership" };
  const [organisations, jobcenter, digest] = await Promise.all([
    store.listOrganisations([partnership.id]),
    store.listChannelLinks(partnership.id, "jobcenter"),
    store.listChannelLinks(partnership.id, "digest"),
  ]);
  const fixedHost = access.role === "secretariat_admin" ? undefined : access.organisation;
  const channels = [...jobcenter, ...digest].filter((c, i, all) => all.findIndex((o) => o.channelId === c.channelId && o.platform === c.platform) === i);
  return { kind: "ok", context: { partnership, organisations, fixedHost, channels, here } };
}

export type CreateEventResult =
  | { kind: "saved"; event: EventRecord; created: boolean; postTo: ChannelAddress[] }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "denied" };

export async function createEvent(
  store: EventsStore,
  access: KnownAccess,
  input: TCreateEventInput,
  opts: { context: EventFormContext; idempotencyKey: string; now: Date; timezone: string; today: IsoDate },
): Promise<CreateEventResult> {
  if (!canPlanEvents(access)) return { kind: "denied" };
  const { context, today } = opts;
  const last = addDays(today, EVENT_LIMITS.aheadDays);
  if (input.date < today) return { kind: "invalid", problems: { date: { key: "events:errors.date_past" } } };
  if (input.date > last) return { kind: "invalid", problems: { date: { key: "events:errors.date_far", vars: { date: last } } } };
  const startsAt = instantAt(input.date, input.startTime, opts.timezone);
  if (startsAt <= opts.now) return { kind: "invalid", problems: { startTime: { key: "events:errors.date_past" } } };

  // Only organisations of this partnership can host; an id the form did not offer counts for nothing.
  const offered = new Map(context.organisations.map((o) => [o.id, o]));
  const hosts = new Set(input.hostOrganisationIds.filter((id) => offered.has(id)));
  if (context.fixedHost) hosts.add(context.fixedHost.id);
  if (hosts.size === 0) return { kind: "invalid", problems: { hostOrganisationIds: { key: "events:errors.host_required" } } };

  const links = new Map(context.channels.map((c) => [c.id, c]));
  const postTo: ChannelAddress[] = input.channels.flatMap((id) => {
    if (id === HERE) return context.here ? [context.here] : [];
    const link = links.get(id);
    return link ? [{ platform: link.platform, workspaceId: link.workspaceId, channelId: link.channelId }] : [];
  });

  const { event, created } = await store.createEvent(
    {
      partnershipId: context.partnership.id,
      kind: input.kind,
      title: input.title,
      startsAt,
      endsAt: instantAt(input.date, input.endTime, opts.timezone),
      place: input.place,
      sectors: input.sectors,
      capacity: input.capacity,
      hostOrganisationIds: [...hosts],
      createdBy: actorRef(access.actor),
      idempotencyKey: opts.idempotencyKey,
    },
    { actor: actorRef(access.actor), at: opts.now },
  );
  return { kind: "saved", event, created, postTo };
}
