// Support requests against their deadline: a reminder in the jobcenter channel when one is due
// within 2 working hours, and an escalation to the secretariat admins when one is overdue. Each
// is recorded on the request with a conditional update, so it goes out once however often the
// job runs and however many replicas run it.

import type { Job } from "../../jobs/scheduler.js";
import { type ClockSettings, workingMinutesBetween } from "../../kernel/business-days.js";
import type { Logger } from "../../kernel/logger.js";
import type { Messenger } from "../../kernel/messenger.js";
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

export function supportDeadlinesJob(deps: SupportDeadlineDeps): Job {
  return {
    name: SUPPORT_DEADLINES_JOB,
    cron: "*/5 * * * *",
    run: async (now) => {
      await checkSupportDeadlines(deps, now);
    },
  };
}

async function checkSupportDeadlines(deps: SupportDeadlineDeps, now: Date): Promise<{ reminded: number; escalated: number }> {
  const { store, logger } = deps;
  const requests = await store.listSupportRequestsDueBefore(new Date(now.getTime() + LOOK_AHEAD_MS));
  const clocks = new Map<string, ClockSettings>();
  const links = new Map<string, ChannelLinkRecord | undefined>();
  let reminded = 0;
  let escalated = 0;
  for (const request of requests) {
    const { partnershipId } = request;
    if (!clocks.has(partnershipId)) clocks.set(partnershipId, clockFor(await store.getPartnershipSettings(partnershipId), deps.timezone));
    if (!links.has(partnershipId)) links.set(partnershipId, (await store.listChannelLinks(partnershipId, "jobcenter"))[0]);
    const link = links.get(partnershipId);
    try {
      if (request.dueAt <= now) {
        if (!request.escalatedAt && (await store.markSupportEscalated(request.id, now))) {
          escalated += 1;
          await escalate(deps, request, link);
        }
      } else if (!request.reminderSentAt && workingMinutesBetween(now, request.dueAt, clocks.get(partnershipId)!) <= REMINDER_WORKING_MINUTES) {
        if (await store.markSupportReminderSent(request.id, now)) {
          reminded += 1;
          await remind(deps, request, link);
        }
      }
    } catch (error) {
      logger.error({ err: error, requestId: request.id }, "support deadline notice failed");
    }
  }
  if (reminded + escalated > 0) logger.info({ reminded, escalated }, "support request deadlines checked");
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
