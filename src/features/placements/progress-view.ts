import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import type { MessageBlock, MessageView } from "../../kernel/message.js";
import { labelIn } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import type { PlacementOutcomes } from "../placement-rules/index.js";
import { OUTCOMES } from "../placement-rules/index.js";
import type { PartnershipProgress, TargetProgress } from "./compute-progress.js";

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
    if (p.waiting > 0) blocks.push({ type: "context", text: t("progress:waiting", { count: p.waiting }) });
    if (p.targets.length === 0) blocks.push({ type: "text", text: t("progress:no_targets") });
    else blocks.push({ type: "bullets", items: p.targets.map((target) => targetLine(target, t, locale)) });
    const outcomes = outcomeLines(p, t);
    if (outcomes.length > 0) blocks.push({ type: "text", text: t("progress:outcomes.heading") }, { type: "bullets", items: outcomes });
  }
  const first = partnerships[0]!;
  return { text: t("progress:heading", { partnership: first.partnership.name }), blocks };
}

/** "Virksomhedspraktik afsluttet: 12 · i ordinært job: 5 (42 %) …", left out when nothing has finished. */
export function outcomeLines(p: PartnershipProgress, t: Translate): string[] {
  const line = (label: string, o: PlacementOutcomes) => {
    const parts = [
      t("progress:outcomes.in_job", { count: o.inJob, percent: o.finished > 0 ? Math.round((o.inJob / o.finished) * 100) : 0 }),
      ...OUTCOMES.filter((k) => k !== "ordinary_job" && o.byOutcome[k] > 0).map((k) => `${t(`rules:outcomes.${k}`)}: ${o.byOutcome[k]}`),
      ...(o.endedEarly > 0 ? [t("progress:outcomes.ended_early", { count: o.endedEarly })] : []),
    ];
    return `${label}: ${o.finished} · ${parts.join(" · ")}`;
  };
  const lines: string[] = [];
  if (p.praktikOutcomes.finished > 0) lines.push(line(t("progress:outcomes.praktik"), p.praktikOutcomes));
  if (p.allOutcomes.finished > p.praktikOutcomes.finished) lines.push(line(t("progress:outcomes.all"), p.allOutcomes));
  return lines;
}
