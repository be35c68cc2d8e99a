// Events as messages: the invitation with its sign-up button (updated as companies sign up),
// the confirmations, the list of events, the host's list of sign-ups with export and attendance
// buttons, the reminder the day before, the figures for progress and the digest; the buttons' ids.
import type { Locale } from "../../kernel/actor.js";
import { instantAt } from "../../kernel/business-days.js";
import { addDays, dateFormatter } from "../../kernel/dates.js";
import type { BotContext } from "../../kernel/feature.js";
import type { MessageAction, MessageBlock, MessageView } from "../../kernel/message.js";
import type { PartnershipRecord } from "../../kernel/records.js";
import { withRetry } from "../../kernel/retry.js";
import type { Translate } from "../../kernel/translate.js";
import { eventFiguresFor } from "./event-figures.js";
import type { EventFigures, EventRecord, EventsStore, SignupRecord } from "./store.js";

export const EVENT_ACTIONS = {
  signUp: "events.signup",
  cancel: "events.cancel",
  signups: "events.signups",
  exportXlsx: "events.export_xlsx",
  exportCsv: "events.export_csv",
  attendance: "events.attendance",
  create: "events.create",
} as const;

export function formatWhen(event: Pick<EventRecord, "startsAt" | "endsAt">, locale: Locale, timezone: string): string {
  const tag = locale === "da" ? "da-DK" : "en-GB";
  const day = dateFormatter(tag, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: timezone }).format(event.startsAt);
  const time = (d: Date) => dateFormatter(tag, { hour: "2-digit", minute: "2-digit", timeZone: timezone }).format(d);
  return `${day}, ${time(event.startsAt)}–${time(event.endsAt)}`;
}

const sectorNames = (sectors: readonly string[], t: Translate) => sectors.map((s) => t(`placement:sectors.${s}`, { defaultValue: s })).join(", ");

export function seatsTaken(signups: readonly SignupRecord[]): number {
  return signups.filter((s) => !s.cancelled).reduce((sum, s) => sum + s.people, 0);
}

function eventFacts(event: EventRecord, hosts: string, t: Translate, locale: Locale, timezone: string, taken: number): MessageBlock {
  return {
    type: "facts",
    facts: [
      { label: t("events:facts.when"), value: formatWhen(event, locale, timezone) },
      { label: t("events:facts.place"), value: event.place },
      ...(event.sectors.length > 0 ? [{ label: t("events:facts.sectors"), value: sectorNames(event.sectors, t) }] : []),
      { label: t("events:facts.hosts"), value: hosts },
      { label: t("events:facts.seats"), value: t("events:seats", { taken, capacity: event.capacity }) },
    ],
  };
}

/** The invitation in a channel: what, when, where, who hosts, seats taken; a sign-up button while seats are left. */
export function invitationView(event: EventRecord, hosts: string, taken: number, t: Translate, locale: Locale, timezone: string): MessageView {
  const kind = t(`events:kinds.${event.kind}`);
  const open = !event.cancelled && taken < event.capacity;
  return {
    text: t("events:invitation.text", { kind, title: event.title }),
    blocks: [
      { type: "heading", text: event.title },
      { type: "text", text: t(`events:invitation.intro.${event.kind}`) },
      eventFacts(event, hosts, t, locale, timezone, taken),
      open
        ? { type: "actions", actions: [{ id: EVENT_ACTIONS.signUp, label: t("events:actions.sign_up"), value: event.id, style: "primary" }] }
        : { type: "context", text: t(event.cancelled ? "events:invitation.cancelled" : "events:invitation.full") },
    ],
  };
}

export function eventCreatedView(event: EventRecord, posted: number, duplicate: boolean, t: Translate, locale: Locale, timezone: string): MessageView {
  const text = t(duplicate ? "events:created_again" : "events:created", { title: event.title, when: formatWhen(event, locale, timezone) });
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "context", text: posted > 0 ? t("events:posted", { count: posted }) : t("events:not_posted") },
      { type: "actions", actions: [{ id: EVENT_ACTIONS.signups, label: t("events:actions.signups"), value: event.id }] },
    ],
  };
}

export function signupConfirmationView(
  event: EventRecord,
  signup: SignupRecord,
  created: boolean,
  t: Translate,
  locale: Locale,
  timezone: string,
): MessageView {
  const text = t(created ? "events:signed_up" : "events:signup_changed", {
    company: signup.companyName,
    title: event.title,
    people: signup.people,
    when: formatWhen(event, locale, timezone),
  });
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "context", text: t("events:reminder_promise") },
      { type: "actions", actions: [{ id: EVENT_ACTIONS.cancel, label: t("events:actions.cancel"), value: signup.id }] },
    ],
  };
}

/** `arrangement`: the coming events, each with a sign-up button, and the host's buttons for the events they host. */
export function eventListView(
  events: readonly { event: EventRecord; taken: number; hosts: string; isHost: boolean }[],
  t: Translate,
  locale: Locale,
  timezone: string,
  canPlan: boolean,
): MessageView {
  const blocks: MessageBlock[] = [{ type: "heading", text: t("events:list.heading") }];
  if (events.length === 0) blocks.push({ type: "text", text: t("events:list.none") });
  for (const { event, taken, hosts, isHost } of events.slice(0, 10)) {
    const actions: MessageAction[] = [];
    if (!event.cancelled && taken < event.capacity) actions.push({ id: EVENT_ACTIONS.signUp, label: t("events:actions.sign_up"), value: event.id });
    if (isHost) actions.push({ id: EVENT_ACTIONS.signups, label: t("events:actions.signups"), value: event.id });
    blocks.push(
      { type: "divider" },
      { type: "text", text: `${event.title} (${t(`events:kinds.${event.kind}`)})` },
      {
        type: "context",
        text: `${formatWhen(event, locale, timezone)} · ${event.place} · ${t("events:seats", { taken, capacity: event.capacity })} · ${hosts}`,
      },
      ...(actions.length > 0 ? [{ type: "actions" as const, actions }] : []),
    );
  }
  if (canPlan)
    blocks.push({ type: "divider" }, { type: "actions", actions: [{ id: EVENT_ACTIONS.create, label: t("events:actions.create"), style: "primary" }] });
  return { text: t("events:list.heading"), blocks };
}

/** The host's list of sign-ups, with export and attendance buttons. */
export function signupsView(
  event: EventRecord,
  signups: readonly SignupRecord[],
  placements: number,
  t: Translate,
  locale: Locale,
  timezone: string,
): MessageView {
  const active = signups.filter((s) => !s.cancelled);
  const cancelled = signups.length - active.length;
  const line = (s: SignupRecord) =>
    t("events:signups.line", {
      company: s.companyName,
      cvr: s.cvr,
      people: s.people,
      places: s.placesOffered,
      attended: s.attended === null ? "" : t(s.attended ? "events:signups.came" : "events:signups.did_not_come"),
    }).trim();
  return {
    text: t("events:signups.heading", { title: event.title }),
    blocks: [
      { type: "heading", text: t("events:signups.heading", { title: event.title }) },
      { type: "context", text: `${formatWhen(event, locale, timezone)} · ${t("events:seats", { taken: seatsTaken(signups), capacity: event.capacity })}` },
      active.length > 0 ? { type: "bullets", items: active.slice(0, 40).map(line) } : { type: "text", text: t("events:signups.none") },
      ...(cancelled > 0 ? [{ type: "context" as const, text: t("events:signups.cancelled", { count: cancelled }) }] : []),
      ...(event.attendanceRecordedAt ? [{ type: "context" as const, text: t("events:signups.placements", { count: placements }) }] : []),
      {
        type: "actions",
        actions: [
          { id: EVENT_ACTIONS.exportXlsx, label: t("events:actions.export_xlsx"), value: event.id },
          { id: EVENT_ACTIONS.exportCsv, label: t("events:actions.export_csv"), value: event.id },
          { id: EVENT_ACTIONS.attendance, label: t("events:actions.attendance"), value: event.id },
        ],
      },
    ],
  };
}

export function reminderView(event: EventRecord, signup: SignupRecord, t: Translate, locale: Locale, timezone: string): MessageView {
  const text = t("events:reminder", { title: event.title, company: signup.companyName, when: formatWhen(event, locale, timezone), place: event.place });
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "actions", actions: [{ id: EVENT_ACTIONS.cancel, label: t("events:actions.cancel"), value: signup.id }] },
    ],
  };
}

/** Events held, companies reached and placements that came of them, as lines for progress and the digest. */
function eventFiguresBlock(figures: EventFigures, t: Translate): MessageBlock {
  return {
    type: "facts",
    facts: [
      { label: t("events:figures.held"), value: String(figures.held) },
      { label: t("events:figures.companies"), value: String(figures.companiesReached) },
      { label: t("events:figures.placements"), value: String(figures.placements) },
    ],
  };
}

/** The progress message with each partnership's events over its period: held, companies reached, placements that came of them. */
export async function withEventFigures(
  ctx: BotContext<Pick<EventsStore, "eventFigures">>,
  partnerships: readonly PartnershipRecord[],
  view: MessageView,
  locale: Locale,
): Promise<MessageView> {
  const t = ctx.t(locale);
  const { timezone } = ctx.deps;
  const blocks = [...view.blocks];
  for (const p of partnerships) {
    const range = { from: instantAt(p.periodStart, "00:00", timezone), to: instantAt(addDays(p.periodEnd, 1), "00:00", timezone) };
    const figures = await withRetry(() => eventFiguresFor(ctx.deps.store, p.id, range, { now: ctx.now() }));
    blocks.push({ type: "divider" }, { type: "text", text: t("events:figures.heading_for", { partnership: p.name }) }, eventFiguresBlock(figures, t));
  }
  return { ...view, blocks };
}
