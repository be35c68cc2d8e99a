import type { Locale } from "../../kernel/actor.js";
import { formatDate, type IsoDate } from "../../kernel/dates.js";
import type { MessageView } from "../../kernel/message.js";
import type { Translate } from "../../kernel/translate.js";

export type IguMilestone = "six_months" | "completion";

const TEXT_KEY: Record<IguMilestone, string> = {
  six_months: "rules:igu_bonus.six_months",
  completion: "rules:igu_bonus.completion",
};

/** The bonus milestone of an IGU, to the person who registered it, to pass on to the company. */
export function iguMilestoneView(
  milestone: IguMilestone,
  args: { company: string; contactPerson: string; date: IsoDate; months: number },
  t: Translate,
  locale: Locale,
): MessageView {
  const text = t(TEXT_KEY[milestone], { company: args.company, contact: args.contactPerson, date: formatDate(args.date, locale), months: args.months });
  return {
    text,
    blocks: [
      { type: "heading", text: t("rules:igu_bonus.heading", { company: args.company }) },
      { type: "text", text },
      { type: "context", text: t("rules:igu_bonus.de_minimis") },
      { type: "context", text: t("rules:igu_bonus.why") },
    ],
  };
}
