// Quarterly status reminders, once a day: each organisation that has not filed gets a direct
// message to its contacts `remindDaysBefore` days before the quarter ends and on the due date,
// and once the due date has passed the secretariat admins get the list of organisations still
// missing. The run queues one task per recipient and notice; a task records its key in
// SentNotice after the message went out, so each goes out once and a failed send is retried.

import type { Job } from "../../jobs/scheduler.js";
import { addDays, type IsoDate, todayIn } from "../../kernel/dates.js";
import type { Logger } from "../../kernel/logger.js";
import type { Messenger, UserAddress } from "../../kernel/messenger.js";
import { type NoticeStore, sendOnce, type TaskQueue } from "../../kernel/once.js";
import {
  currentQuarter,
  DEFAULT_STATUS_SCHEDULE,
  formatQuarter,
  previousQuarter,
  type Quarter,
  type QuarterCalendar,
  quarterCalendar,
  type StatusSchedule,
} from "../../kernel/quarters.js";
import type { ContactRecord, OrganisationRecord, PartnershipRecord } from "../../kernel/records.js";
import { secretariatRecipients } from "../../kernel/secretariat.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { I18n } from "../../kernel/translate.js";
import type { ChannelsStore } from "../channels/index.js";
import type { ContactsStore } from "../contacts/index.js";
import type { QuarterlyStore } from "./store.js";
import { overdueStatusesView, statusReminderView } from "./views.js";

export const QUARTERLY_REMINDERS_JOB = "quarterly-status-reminders";
/** The overdue list still goes out this many days after the due date (a bot that was down). */
const OVERDUE_CATCH_UP_DAYS = 7;

export type QuarterlyReminderDeps = {
  store: QuarterlyStore & ChannelsStore & ContactsStore & AccessStore & PartnershipsStore;
  notices: NoticeStore;
  messenger: Messenger;
  i18n: I18n;
  logger: Logger;
  timezone: string;
  /** BOT_ADMINS, reached on the platform and workspace of each channel linked to the partnership. */
  admins: ReadonlySet<string>;
  schedule?: StatusSchedule;
};

export type ReminderCounts = { before: number; due: number; overdue: number };

/** One direct message: a reminder to a contact, or the overdue list to one secretariat admin. */
export type QuarterlyNotice = { key: string; address: UserAddress; locale: string | null } & (
  | { kind: "before" | "due"; facts: { organisation: string; quarter: string; lastDay: IsoDate; dueOn: IsoDate } }
  | { kind: "overdue"; facts: { partnership: string; quarter: string; dueOn: IsoDate; organisations: string[] } }
);

export function quarterlyStatusRemindersJob(deps: QuarterlyReminderDeps): Job<QuarterlyNotice> {
  return {
    name: QUARTERLY_REMINDERS_JOB,
    cron: "0 9 * * *",
    run: async (now, tasks) => {
      await queueQuarterlyReminders(deps, now, tasks);
    },
    tasks: { run: (notice, attempt) => sendQuarterlyNotice(deps, notice, attempt.at).then(() => undefined) },
  };
}

/** Sends one notice unless its key is recorded; records it once it went out. */
async function sendQuarterlyNotice(deps: QuarterlyReminderDeps, notice: QuarterlyNotice, at: Date): Promise<boolean> {
  const locale = deps.i18n.localeOf(notice.locale);
  const t = deps.i18n.t(locale);
  const view = notice.kind === "overdue" ? overdueStatusesView(notice.facts, t, locale) : statusReminderView(notice.kind, notice.facts, t, locale);
  return sendOnce(deps.notices, notice.key, at, () => deps.messenger.sendDirect(notice.address, view));
}

const addressKey = (a: UserAddress) => `${a.platform}:${a.workspaceId}:${a.userId}`;

/** The partnership runs in the quarter (its period overlaps it). */
function runsIn(p: PartnershipRecord, calendar: QuarterCalendar): boolean {
  return p.periodStart <= calendar.lastDay && p.periodEnd >= calendar.firstDay;
}

async function queueQuarterlyReminders(deps: QuarterlyReminderDeps, now: Date, tasks: TaskQueue<QuarterlyNotice>): Promise<ReminderCounts> {
  const { store, logger, timezone } = deps;
  const schedule = deps.schedule ?? DEFAULT_STATUS_SCHEDULE;
  const today = todayIn(timezone, now);
  const current = currentQuarter(timezone, now);
  const counts: ReminderCounts = { before: 0, due: 0, overdue: 0 };

  // Which notices are due today: "before" for the current quarter from its reminder day to its
  // last day; "due" on the previous quarter's due date; "overdue" once that day has ended (within
  // a week, so a bot that was down catches up, and a new one does not send a stale list).
  const plans: { quarter: Quarter; kind: "before" | "due" | "overdue" }[] = [];
  const currentCal = quarterCalendar(current, schedule, timezone);
  if (today >= currentCal.remindOn && today <= currentCal.lastDay) plans.push({ quarter: current, kind: "before" });
  const previous = previousQuarter(current);
  const previousCal = quarterCalendar(previous, schedule, timezone);
  if (today === previousCal.dueOn) plans.push({ quarter: previous, kind: "due" });
  if (now >= previousCal.overdueFrom && today <= addDays(previousCal.dueOn, OVERDUE_CATCH_UP_DAYS)) plans.push({ quarter: previous, kind: "overdue" });
  if (plans.length === 0) return counts;

  const partnerships = await store.listPartnerships();
  for (const { quarter, kind } of plans) {
    const calendar = quarterCalendar(quarter, schedule, timezone);
    const label = formatQuarter(quarter);
    for (const partnership of partnerships.filter((p) => runsIn(p, calendar))) {
      try {
        const [organisations, statuses] = await Promise.all([store.listOrganisations([partnership.id]), store.listQuarterlyStatuses(partnership.id, label)]);
        const filed = new Set(statuses.map((s) => s.organisationId));
        const missing = organisations.filter((o) => !filed.has(o.id));
        if (missing.length === 0) continue;
        if (kind === "overdue") {
          counts.overdue += await reportOverdue(deps, partnership, calendar, missing, tasks);
        } else {
          counts[kind] += await remindContacts(deps, partnership, calendar, kind, missing, tasks);
        }
      } catch (error) {
        logger.error({ err: error, partnershipId: partnership.id, quarter: label, kind }, "quarterly status reminder failed");
      }
    }
  }
  if (counts.before + counts.due + counts.overdue > 0) logger.info({ ...counts, today }, "quarterly status reminders queued");
  return counts;
}

async function remindContacts(
  deps: QuarterlyReminderDeps,
  partnership: PartnershipRecord,
  calendar: QuarterCalendar,
  kind: "before" | "due",
  missing: OrganisationRecord[],
  tasks: TaskQueue<QuarterlyNotice>,
): Promise<number> {
  const byOrganisation = new Map<string, ContactRecord[]>();
  for (const role of ["partner_contact", "jobcenter_staff"] as const) {
    for (const c of await deps.store.listContactsWithRole(partnership.id, role))
      byOrganisation.set(c.organisationId, [...(byOrganisation.get(c.organisationId) ?? []), c]);
  }
  let queued = 0;
  for (const organisation of missing) {
    for (const contact of byOrganisation.get(organisation.id) ?? []) {
      const address: UserAddress = { platform: contact.platform, workspaceId: contact.workspaceId, userId: contact.userId };
      const key = `quarterly-status:${kind}:${calendar.quarter}:${organisation.id}:${addressKey(address)}`;
      if (await deps.notices.wasSent(key)) continue;
      const facts = { organisation: organisation.name, quarter: calendar.quarter, lastDay: calendar.lastDay, dueOn: calendar.dueOn };
      await tasks.enqueue(key, { key, kind, address, locale: contact.locale, facts });
      queued += 1;
    }
  }
  return queued;
}

/** The day after the due date: the organisations still missing, to each secretariat admin, once per partnership and quarter. */
async function reportOverdue(
  deps: QuarterlyReminderDeps,
  partnership: PartnershipRecord,
  calendar: QuarterCalendar,
  missing: OrganisationRecord[],
  tasks: TaskQueue<QuarterlyNotice>,
): Promise<number> {
  const { store, logger } = deps;
  const links = [...(await store.listChannelLinks(partnership.id, "jobcenter")), ...(await store.listChannelLinks(partnership.id, "digest"))];
  const recipients = await secretariatRecipients(deps, partnership.id, links);
  if (recipients.length === 0) {
    logger.warn({ partnershipId: partnership.id, quarter: calendar.quarter }, "overdue quarterly statuses: no secretariat admin to tell");
    return 0;
  }
  // Recorded before notices went out one per recipient: the whole partnership's list at once.
  if (await deps.notices.wasSent(`quarterly-status:overdue:${calendar.quarter}:${partnership.id}`)) return 0;
  const facts = { partnership: partnership.name, quarter: calendar.quarter, dueOn: calendar.dueOn, organisations: missing.map((o) => o.name) };
  let queued = 0;
  for (const { address, locale } of recipients) {
    const key = `quarterly-status:overdue:${calendar.quarter}:${partnership.id}:${addressKey(address)}`;
    if (await deps.notices.wasSent(key)) continue;
    await tasks.enqueue(key, { key, kind: "overdue", address, locale, facts });
    queued += 1;
  }
  return queued;
}
