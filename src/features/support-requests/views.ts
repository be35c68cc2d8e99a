// Support requests as messages: the jobcenter channel's message (updated in place as the request
// moves), what the requester is told, the list of open requests, reminders and escalations.
import type { Locale } from "../../kernel/actor.js";
import { dateFormatter, formatDate } from "../../kernel/dates.js";
import type { MessageBlock, MessageView } from "../../kernel/message.js";
import { formatDecimal, type Translate } from "../../kernel/translate.js";
import { type MentorFigures, SUPPORT_KINDS, type SupportRequestRecord } from "./store.js";

export const SUPPORT_ACTIONS = {
  take: "support.take",
  done: "support.done",
  decline: "support.decline",
  /** Under a placement's confirmation: which kind of support to order; the value is the placement id. */
  choose: "support.choose",
  /** Opens the support form; the value is "<kind>:<placementId>". */
  openForm: "support.open_form",
} as const;

/** The agreement's planning figure for a company mentor, hours a week per intern. */
const MENTOR_PLANNING_HOURS = 2;

function formatDateTime(at: Date, locale: Locale, timezone: string): string {
  return dateFormatter(locale === "da" ? "da-DK" : "en-GB", {
    timeZone: timezone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
}

function subject(r: SupportRequestRecord): string {
  if (r.placementCompany) return r.placementCompany;
  return r.cvr ? `${r.companyName ?? ""} (CVR ${r.cvr})` : (r.companyName ?? "");
}

function short(id: string): string {
  return id.slice(0, 8);
}

/** The facts of a request, for the channel and for the requester. */
function supportFacts(r: SupportRequestRecord, t: Translate, locale: Locale, timezone: string) {
  const facts = [
    { label: t("support:facts.kind"), value: t(`support:kinds.${r.kind}`) },
    { label: t("support:facts.organisation"), value: r.organisationName },
    { label: t(r.placementId ? "support:facts.placement" : "support:facts.company"), value: subject(r) },
  ];
  if (r.wantedOn || r.timeWindow) {
    facts.push({
      label: t("support:facts.when"),
      value: [r.wantedOn ? formatDate(r.wantedOn, locale) : "", r.timeWindow ?? ""].filter(Boolean).join(" "),
    });
  }
  if (r.language) facts.push({ label: t("support:form.language"), value: r.language });
  if (r.hoursPerWeek !== null) {
    facts.push({ label: t("support:facts.mentor"), value: t("support:facts.mentor_value", { hours: r.hoursPerWeek, weeks: r.weeks ?? "?" }) });
  }
  if (r.note) facts.push({ label: t("support:form.note"), value: r.note });
  facts.push({ label: t("support:facts.due"), value: formatDateTime(r.dueAt, locale, timezone) });
  facts.push({ label: t("support:facts.status"), value: statusText(r, t) });
  if (r.requesterName) facts.push({ label: t("support:facts.requester"), value: r.requesterName });
  return facts;
}

function holderName(r: SupportRequestRecord, t: Translate): string {
  return r.holderName ?? t("support:someone");
}

function statusText(r: SupportRequestRecord, t: Translate): string {
  switch (r.status) {
    case "open":
      return t("support:status.open");
    case "taken":
      return t("support:status.taken", { holder: holderName(r, t) });
    case "done":
      return t("support:status.done", { holder: holderName(r, t) });
    case "declined":
      return t("support:status.declined", { holder: holderName(r, t), reason: r.declineReason ?? "" });
  }
}

/** The request in the jobcenter channel, with the buttons its state allows. */
export function supportChannelView(r: SupportRequestRecord, t: Translate, locale: Locale, timezone: string): MessageView {
  const heading = t("support:channel.heading", { kind: t(`support:kinds.${r.kind}`), subject: subject(r) });
  const actions =
    r.status === "open"
      ? [
          { id: SUPPORT_ACTIONS.take, label: t("support:actions.take"), value: r.id, style: "primary" as const },
          { id: SUPPORT_ACTIONS.done, label: t("support:actions.done"), value: r.id },
          { id: SUPPORT_ACTIONS.decline, label: t("support:actions.decline"), value: r.id },
        ]
      : r.status === "taken"
        ? [
            { id: SUPPORT_ACTIONS.done, label: t("support:actions.done"), value: r.id, style: "primary" as const },
            { id: SUPPORT_ACTIONS.decline, label: t("support:actions.decline"), value: r.id },
          ]
        : [];
  const blocks: MessageBlock[] = [
    { type: "heading", text: heading },
    { type: "facts", facts: supportFacts(r, t, locale, timezone) },
    { type: "context", text: t("support:reference", { id: short(r.id) }) },
  ];
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  return { text: `${heading} — ${statusText(r, t)}`, blocks };
}

/** What the requester sees after sending the form. */
export function supportConfirmationView(
  r: SupportRequestRecord,
  duplicate: boolean,
  posted: boolean,
  t: Translate,
  locale: Locale,
  timezone: string,
): MessageView {
  const heading = t(duplicate ? "support:confirmation.already_sent" : "support:confirmation.sent");
  const text = t(posted ? "support:confirmation.posted" : "support:confirmation.not_posted", { due: formatDateTime(r.dueAt, locale, timezone) });
  return {
    text: `${heading} ${text}`,
    blocks: [
      { type: "heading", text: heading },
      { type: "text", text },
      { type: "facts", facts: supportFacts(r, t, locale, timezone) },
      { type: "context", text: t("support:reference", { id: short(r.id) }) },
    ],
  };
}

/** The DM to the requester when the request changes. */
export function requesterNoticeView(r: SupportRequestRecord, t: Translate, locale: Locale, timezone: string): MessageView {
  const vars = { kind: t(`support:kinds.${r.kind}`).toLowerCase(), subject: subject(r), holder: holderName(r, t), reason: r.declineReason ?? "" };
  const text = t(`support:notice.${r.status}`, vars);
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "facts", facts: supportFacts(r, t, locale, timezone) },
      { type: "context", text: t("support:reference", { id: short(r.id) }) },
    ],
  };
}

export function supportReminderView(r: SupportRequestRecord, t: Translate, locale: Locale, timezone: string): MessageView {
  const text = t("support:reminder", {
    kind: t(`support:kinds.${r.kind}`),
    subject: subject(r),
    due: formatDateTime(r.dueAt, locale, timezone),
    status: statusText(r, t),
  });
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "context", text: t("support:reference", { id: short(r.id) }) },
    ],
  };
}

export function supportEscalationView(r: SupportRequestRecord, t: Translate, locale: Locale, timezone: string): MessageView {
  const heading = t("support:escalation.heading");
  const text = t("support:escalation.text", {
    kind: t(`support:kinds.${r.kind}`),
    subject: subject(r),
    organisation: r.organisationName,
    due: formatDateTime(r.dueAt, locale, timezone),
  });
  return {
    text: `${heading}: ${text}`,
    blocks: [
      { type: "heading", text: heading },
      { type: "text", text },
      { type: "facts", facts: supportFacts(r, t, locale, timezone) },
    ],
  };
}

export function supportListView(args: {
  requests: SupportRequestRecord[];
  overdue: number;
  scope: "organisation" | "partnership";
  organisationName?: string;
  now: Date;
  t: Translate;
  locale: Locale;
  timezone: string;
}): MessageView {
  const { t, locale, timezone } = args;
  const heading =
    args.scope === "organisation" ? t("support:list.heading_organisation", { organisation: args.organisationName }) : t("support:list.heading_all");
  if (args.requests.length === 0) {
    return {
      text: t("support:list.empty"),
      blocks: [
        { type: "heading", text: heading },
        { type: "text", text: t("support:list.empty") },
      ],
    };
  }
  const items = args.requests.map((r) =>
    t(r.dueAt <= args.now ? "support:list.item_overdue" : "support:list.item", {
      kind: t(`support:kinds.${r.kind}`),
      subject: subject(r),
      organisation: r.organisationName,
      due: formatDateTime(r.dueAt, locale, timezone),
      status: statusText(r, t),
      id: short(r.id),
    }),
  );
  return {
    text: heading,
    blocks: [
      { type: "heading", text: heading },
      { type: "bullets", items },
      { type: "context", text: t("support:list.summary", { count: args.requests.length, overdue: args.overdue }) },
    ],
  };
}

/** Mentor hours against the agreement's planning figure, for the progress message. */
export function mentorFiguresBlock(figures: MentorFigures, t: Translate, locale: Locale): MessageBlock {
  const average = figures.averageHoursPerWeek === null ? "–" : formatDecimal(figures.averageHoursPerWeek, locale);
  return {
    type: "facts",
    facts: [
      { label: t("support:mentor.placements"), value: String(figures.placements) },
      { label: t("support:mentor.average"), value: t("support:mentor.average_value", { average, planned: MENTOR_PLANNING_HOURS }) },
    ],
  };
}

/** The five kinds of support as buttons, for one placement. */
export function chooseSupportView(placementId: string, t: Translate): MessageView {
  const text = t("support:choose");
  return {
    text,
    blocks: [
      { type: "text", text },
      {
        type: "actions",
        actions: SUPPORT_KINDS.map((kind) => ({ id: SUPPORT_ACTIONS.openForm, label: t(`support:kinds.${kind}`), value: `${kind}:${placementId}` })),
      },
    ],
  };
}
