// Quarterly status reminders: to an organisation's contacts before the quarter ends and on the
// due date, and the list of organisations that are overdue, to the secretariat.
import type { Locale } from "../../kernel/actor.js";
import { formatDate, type IsoDate } from "../../kernel/dates.js";
import type { MessageView } from "../../kernel/message.js";
import type { Translate } from "../../kernel/translate.js";

export function statusReminderView(
  kind: "before" | "due",
  args: { organisation: string; quarter: string; lastDay: IsoDate; dueOn: IsoDate },
  t: Translate,
  locale: Locale,
): MessageView {
  const text = t(`quarterly:reminder.${kind}`, {
    organisation: args.organisation,
    quarter: args.quarter,
    lastDay: formatDate(args.lastDay, locale),
    due: formatDate(args.dueOn, locale),
  });
  return {
    text,
    blocks: [
      { type: "heading", text: t("quarterly:reminder.heading", { quarter: args.quarter }) },
      { type: "text", text },
    ],
  };
}

export function overdueStatusesView(
  args: { partnership: string; quarter: string; dueOn: IsoDate; organisations: string[] },
  t: Translate,
  locale: Locale,
): MessageView {
  const intro = t("quarterly:reminder.overdue_intro", {
    partnership: args.partnership,
    quarter: args.quarter,
    due: formatDate(args.dueOn, locale),
    count: args.organisations.length,
  });
  return {
    text: `${intro} ${args.organisations.join(", ")}`,
    blocks: [
      { type: "heading", text: t("quarterly:reminder.overdue_heading", { quarter: args.quarter }) },
      { type: "text", text: intro },
      { type: "bullets", items: args.organisations },
    ],
  };
}
