// The day before an event, every company signed up gets a reminder by direct message to whoever
// signed it up — once per sign-up, however often the job runs and however many replicas run it
// (the scheduled run fires once across replicas, and each reminder is recorded in SentNotice after it went out).
import type { Job } from "../../jobs/scheduler.js";
import { instantAt } from "../../kernel/business-days.js";
import { addDays, todayIn } from "../../kernel/dates.js";
import type { Logger } from "../../kernel/logger.js";
import { type Messenger, userAddressFromRef } from "../../kernel/messenger.js";
import { type NoticeStore, sendOnce } from "../../kernel/once.js";
import type { AccessStore } from "../../kernel/store.js";
import type { I18n } from "../../kernel/translate.js";
import type { EventsStore } from "./store.js";
import { reminderView } from "./views.js";

const EVENT_REMINDERS_JOB = "event-reminders";

export type EventRemindersDeps = {
  store: EventsStore & Pick<AccessStore, "listPartnerships" | "findContact">;
  notices: NoticeStore;
  messenger: Messenger;
  i18n: I18n;
  logger: Logger;
  timezone: string;
};

export function eventRemindersJob(deps: EventRemindersDeps): Job {
  return {
    name: EVENT_REMINDERS_JOB,
    // Every hour: an event planned today for tomorrow is still reminded the same day.
    cron: "5 * * * *",
    run: async (now) => {
      await remindTomorrowsEvents(deps, now);
    },
  };
}

export async function remindTomorrowsEvents(deps: EventRemindersDeps, now: Date): Promise<number> {
  const { store, logger, timezone } = deps;
  const tomorrow = addDays(todayIn(timezone, now), 1);
  const range = { from: instantAt(tomorrow, "00:00", timezone), to: instantAt(addDays(tomorrow, 1), "00:00", timezone) };
  const partnerships = await store.listPartnerships();
  const events = await store.listEvents(
    partnerships.map((p) => p.id),
    range,
  );
  let sent = 0;
  for (const event of events.filter((e) => !e.cancelled)) {
    for (const signup of (await store.listSignups(event.id)).filter((s) => !s.cancelled)) {
      try {
        const address = userAddressFromRef(signup.signedUpBy);
        if (!address) continue;
        const contact = await store.findContact(address.platform, address.workspaceId, [address.userId]).catch(() => undefined);
        const locale = deps.i18n.localeOf(contact?.locale);
        // Recorded only after it went out: a reminder that failed is tried again at the next run.
        const send = () => deps.messenger.sendDirect(address, reminderView(event, signup, deps.i18n.t(locale), locale, timezone));
        if (await sendOnce(deps.notices, `event-reminder:${event.id}:${signup.id}`, now, send)) sent += 1;
      } catch (error) {
        logger.error({ err: error, eventId: event.id, signupId: signup.id }, "event reminder failed");
      }
    }
  }
  if (sent > 0) logger.info({ sent }, "event reminders sent");
  return sent;
}
