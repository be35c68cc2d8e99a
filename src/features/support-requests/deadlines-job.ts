// Support requests against their deadline: a reminder in the jobcenter channel when one is due
// within 2 working hours, and an escalation to the secretariat admins when one is overdue. The
// run queues one task per request and notice; the task sends it and then records it on the
// request, so it goes out once however often the job runs and however many replicas run it, and a
// send that failed is retried.

import type { Job } from "../../jobs/scheduler.js";
import { type ClockSettings, workingMinutesBetween } from "../../kernel/business-days.js";
import type { Logger } from "../../kernel/logger.js";
import type { Messenger } from "../../kernel/messenger.js";
import type { TaskQueue } from "../../kernel/once.js";
import { secretariatRecipients, tellSecretariat } from "../../kernel/secretariat.js";
import type { I18n } from "../../kernel/translate.js";
import type { ChannelLinkRecord, ChannelsStore } from "../channels/index.js";
import type { ContactsStore } from "../contacts/index.js";
import { clockFor } from "./request-support.js";
import type { SupportRequestRecord, SupportRequestsStore } from "./store.js";
import { supportEscalationView, supportReminderView } from "./views.js";

const SUPPORT_DEADLINES_JOB = "support-deadlines";
/** A reminder goes out when a request is due within this many working minutes. */
const REMINDER_WORKING_MINUTES = 120;
/** How far ahead to look: 2 working hours never reach further than a long Easter weekend. */
const LOOK_AHEAD_MS = 7 * 24 * 3600_000;

export type SupportDeadlineDeps = {
  store: SupportRequestsStore & ChannelsStore & ContactsStore;
  messenger: Messenger;
  i18n: I18n;
  logger: Logger;
  timezone: string;
  /** BOT_ADMINS: secretariat admins by user id, reached on the jobcenter channel's platform and workspace. */
  admins: ReadonlySet<string>;
};

/** One request's reminder or escalation. */
export type DeadlineNotice = { requestId: string; kind: "reminder" | "escalation" };

export function supportDeadlinesJob(deps: SupportDeadlineDeps): Job<DeadlineNotice> {
  return {
    name: SUPPORT_DEADLINES_JOB,
    cron: "*/5 * * * *",
    run: async (now, tasks) => {
      await checkSupportDeadlines(deps, now, tasks);
    },
    tasks: { run: (notice, attempt) => sendDeadlineNotice(deps, notice, attempt.at) },
  };
}

/** Sends a request's notice unless it is recorded or the request was closed meanwhile; then records it. */
async function sendDeadlineNotice(deps: SupportDeadlineDeps, { requestId, kind }: DeadlineNotice, at: Date): Promise<void> {
  const { store } = deps;
  const request = await store.getSupportRequest(requestId);
  if (!request || (request.status !== "open" && request.status !== "taken")) return;
  const link = (await store.listChannelLinks(request.partnershipId, "jobcenter"))[0];
  if (kind === "escalation") {
    if (request.escalatedAt) return;
    await escalate(deps, request, link);
    await store.markSupportEscalated(request.id, at);
  } else {
    if (request.reminderSentAt) return;
    await remind(deps, request, link);
    await store.markSupportReminderSent(request.id, at);
  }
}

async function checkSupportDeadlines(deps: SupportDeadlineDeps, now: Date, tasks: TaskQueue<DeadlineNotice>): Promise<{ reminded: number; escalated: number }> {
  const { store, logger } = deps;
  const requests = await store.listSupportRequestsDueBefore(new Date(now.getTime() + LOOK_AHEAD_MS));
  const clocks = new Map<string, ClockSettings>();
  let reminded = 0;
  let escalated = 0;
  for (const request of requests) {
    const { partnershipId } = request;
    if (!clocks.has(partnershipId)) clocks.set(partnershipId, clockFor(await store.getPartnershipSettings(partnershipId), deps.timezone));
    try {
      if (request.dueAt <= now) {
        if (!request.escalatedAt) {
          escalated += 1;
          await tasks.enqueue(`support-request:escalation:${request.id}`, { requestId: request.id, kind: "escalation" });
        }
      } else if (!request.reminderSentAt && workingMinutesBetween(now, request.dueAt, clocks.get(partnershipId)!) <= REMINDER_WORKING_MINUTES) {
        reminded += 1;
        await tasks.enqueue(`support-request:reminder:${request.id}`, { requestId: request.id, kind: "reminder" });
      }
    } catch (error) {
      logger.error({ err: error, requestId: request.id }, "support deadline notice not queued");
    }
  }
  if (reminded + escalated > 0) logger.info({ reminded, escalated }, "support request deadline notices queued");
  return { reminded, escalated };
}

async function remind(deps: SupportDeadlineDeps, request: SupportRequestRecord, link: ChannelLinkRecord | undefined): Promise<void> {
  if (!link) {
    deps.logger.warn({ requestId: request.id }, "reminder not posted: no jobcenter channel linked");
    return;
  }
  const locale = deps.i18n.localeOf(link.locale);
  await deps.messenger.postToChannel(link, supportReminderView(request, deps.i18n.t(locale), locale, deps.timezone));
}

async function escalate(deps: SupportDeadlineDeps, request: SupportRequestRecord, link: ChannelLinkRecord | undefined): Promise<void> {
  const recipients = await secretariatRecipients(deps, request.partnershipId, link ? [link] : []);
  if (recipients.length === 0) {
    deps.logger.warn({ requestId: request.id }, "overdue support request: no secretariat admin to tell");
    return;
  }
  await tellSecretariat(deps, recipients, (t, locale) => supportEscalationView(request, t, locale, deps.timezone), { requestId: request.id });
}
