import type { Locale } from "../domain/actor.js";
import type { PartnershipProgress, TargetProgress } from "../domain/compute-progress.js";
import { formatDate } from "../domain/dates.js";
import { labelIn } from "../domain/records.js";
import type { Translate } from "../i18n/translate.js";
import type { MessageBlock, MessageView } from "./message.js";

const STATE_MARK = { reached: "✅", within: "✅", below: "⏳", exceeded: "⚠️" } as const;

/** "▓▓▓▓▓▓░░░░" for a share from 0 to 100. */
export function progressBar(percent: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return "▓".repeat(filled) + "░".repeat(width - filled);
}

/** One target as a person reads it: "312 / 500 (62 %)", "72 / højst 150", "2 / 2–5". */
export function targetLine(target: TargetProgress, t: Translate, locale: Locale): string {
  const label = labelIn(target, locale);
  const vars = { label, value: target.value, min: target.min, max: target.max, percent: target.percent };
  const amount = t(`progress:kind.${target.kind}`, vars);
  const bar = target.percent !== null && (target.kind === "goal" || target.kind === "minimum") ? ` ${progressBar(target.percent)}` : "";
  return `${STATE_MARK[target.state]} ${label}: ${amount}${bar}`;
}

export function progressView(partnerships: PartnershipProgress[], t: Translate, locale: Locale): MessageView {
  if (partnerships.length === 0) {
    return { text: t("progress:no_partnership"), blocks: [{ type: "text", text: t("progress:no_partnership") }] };
  }
  const blocks: MessageBlock[] = [];
  for (const [index, p] of partnerships.entries()) {
    if (index > 0) blocks.push({ type: "divider" });
    blocks.push({ type: "heading", text: t("progress:heading", { partnership: p.partnership.name }) });
    blocks.push({
      type: "context",
      text: t("progress:period", {
        start: formatDate(p.partnership.periodStart, locale),
        end: formatDate(p.partnership.periodEnd, locale),
        total: p.totalPlaces,
      }),
    });
    if (p.targets.length === 0) blocks.push({ type: "text", text: t("progress:no_targets") });
    else blocks.push({ type: "bullets", items: p.targets.map((target) => targetLine(target, t, locale)) });
  }
  const first = partnerships[0]!;
  return { text: t("progress:heading", { partnership: first.partnership.name }), blocks };
}
