// The quarterly report as a neutral document (headings, paragraphs, tables, one chart) in the
// reader's language. docx.ts and markdown.ts render the same document, so both formats always
// say the same thing.
import { type Bar, barChartSvg } from "../../../charts/bar-chart.js";
import type { Locale } from "../../../kernel/actor.js";
import { formatDate, isoFromDate } from "../../../kernel/dates.js";
import { labelIn } from "../../../kernel/records.js";
import type { Translate } from "../../../kernel/translate.js";
import { OUTCOMES } from "../../placement-rules/index.js";
import type { TargetProgress } from "../../placements/index.js";
import type { QuarterReport } from "../build-report.js";

export type TableCell = string | number;

export type DocBlock =
  | { type: "title"; text: string }
  | { type: "heading"; level: 1 | 2; text: string }
  | { type: "paragraph"; text: string; small?: boolean }
  | { type: "table"; header: string[]; rows: TableCell[][] }
  | { type: "chart"; svg: string; width: number; height: number; alt: string; bars: Bar[] };

export type ReportDocument = { title: string; blocks: DocBlock[] };

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "da" ? "da-DK" : "en-GB").format(value);
}

function formatPercent(share: number | null, locale: Locale): string {
  if (share === null) return "–";
  return new Intl.NumberFormat(locale === "da" ? "da-DK" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(share);
}

function targetGoal(target: TargetProgress, t: Translate): string {
  return t(`quarterly:report.kind.${target.kind}`, { min: target.min, max: target.max });
}

function progressBars(report: QuarterReport, t: Translate, locale: Locale): Bar[] {
  return report.progress.targets.map((target) => {
    const reference = target.kind === "minimum" ? target.min : target.kind === "goal" ? (target.max ?? target.min) : target.max;
    const percent = target.percent === null ? "" : ` (${target.percent} %)`;
    return {
      label: labelIn(target, locale),
      value: target.value,
      reference,
      caption: `${formatNumber(target.value, locale)} / ${targetGoal(target, t)}${percent}`,
      tone: target.state === "exceeded" ? "warning" : target.state === "below" ? "neutral" : "good",
    };
  });
}

export function reportDocument(report: QuarterReport, t: Translate, locale: Locale): ReportDocument {
  const n = (v: number) => formatNumber(v, locale);
  const date = (iso: string) => formatDate(iso, locale);
  const r = (key: string, vars?: Record<string, unknown>) => t(`quarterly:report.${key}`, vars);
  const q = report.quarterPlacements;
  const title = r("title");
  const blocks: DocBlock[] = [
    { type: "title", text: title },
    {
      type: "paragraph",
      text: r("subtitle", { partnership: report.partnership.name, quarter: report.quarter, from: date(report.firstDay), to: date(report.lastDay) }),
    },
    { type: "paragraph", text: r("generated", { date: date(isoFromDate(report.generatedAt)) }), small: true },

    { type: "heading", level: 1, text: r("progress_heading") },
    { type: "paragraph", text: r("progress_intro", { date: date(report.lastDay), places: n(report.progress.total.places) }) },
    {
      type: "table",
      header: [r("target"), r("goal"), r("value"), r("percent"), r("state")],
      rows: report.progress.targets.map((target) => [
        labelIn(target, locale),
        targetGoal(target, t),
        target.value,
        target.percent === null ? "–" : `${target.percent} %`,
        r(`states.${target.state}`),
      ]),
    },
  ];
  const bars = progressBars(report, t, locale);
  if (bars.length > 0) {
    const chart = barChartSvg({ title: r("chart_title", { quarter: report.quarter }), bars });
    blocks.push({ type: "chart", ...chart, alt: r("chart_alt"), bars });
  }

  blocks.push(
    { type: "heading", level: 1, text: r("placements_heading") },
    { type: "paragraph", text: r("placements_intro", { placements: n(q.total.placements), places: n(q.total.places) }) },
    { type: "heading", level: 2, text: r("by_type") },
    { type: "table", header: [r("type"), r("placements"), r("places")], rows: q.byType.map((row) => [labelIn(row, locale), row.placements, row.places]) },
    { type: "heading", level: 2, text: r("by_sector") },
    {
      type: "table",
      header: [r("sector"), r("placements"), r("places")],
      rows: q.bySector.map((row) => [t(`placement:sectors.${row.sector}`, { defaultValue: row.sector }), row.placements, row.places]),
    },
    { type: "heading", level: 2, text: r("by_employer") },
    {
      type: "table",
      header: [r("employer"), r("placements"), r("places")],
      rows: [
        [r("private"), q.byEmployerSector.private.placements, q.byEmployerSector.private.places],
        [r("public"), q.byEmployerSector.public.placements, q.byEmployerSector.public.places],
      ],
    },
    { type: "heading", level: 2, text: r("by_shortage") },
    {
      type: "table",
      header: [r("sector"), r("placements"), r("places")],
      rows: [
        [r("shortage"), q.shortage.shortage.placements, q.shortage.shortage.places],
        [r("other"), q.shortage.other.placements, q.shortage.other.places],
      ],
    },

    { type: "heading", level: 1, text: r("outcomes_heading") },
    { type: "paragraph", text: r("outcomes_intro") },
    {
      type: "table",
      header: ["", r("outcomes_praktik"), r("outcomes_all")],
      rows: [
        [r("outcomes_finished"), report.outcomes.praktik.finished, report.outcomes.all.finished],
        [r("outcomes_in_job"), report.outcomes.praktik.inJob, report.outcomes.all.inJob],
        ...OUTCOMES.filter((o) => o !== "ordinary_job").map((o) => [
          t(`rules:outcomes.${o}`),
          report.outcomes.praktik.byOutcome[o],
          report.outcomes.all.byOutcome[o],
        ]),
        [r("outcomes_ended_early"), report.outcomes.praktik.endedEarly, report.outcomes.all.endedEarly],
      ],
    },

    { type: "heading", level: 1, text: r("support_heading") },
    {
      type: "table",
      header: ["", ""],
      rows: [
        [r("support_received"), report.support.received],
        [r("support_handled"), report.support.handled],
        [r("support_within"), report.support.handledWithinDeadline],
        [r("support_share"), formatPercent(report.support.shareWithinDeadline, locale)],
        [r("support_declined"), report.support.declined],
        [r("support_open"), report.support.stillOpen],
      ],
    },

    { type: "heading", level: 1, text: t("events:figures.heading") },
    {
      type: "table",
      header: ["", ""],
      rows: [
        [t("events:figures.held"), report.events.held],
        [t("events:figures.companies"), report.events.companiesReached],
        [t("events:figures.placements"), report.events.placements],
      ],
    },

    { type: "heading", level: 1, text: r("partners_heading") },
  );
  if (report.statuses.length === 0) blocks.push({ type: "paragraph", text: r("partners_none") });
  for (const { organisation, status, registered } of report.statuses) {
    blocks.push(
      { type: "heading", level: 2, text: organisation.name },
      {
        type: "paragraph",
        small: true,
        text: r("partner_numbers", {
          companies: n(status.companiesContacted),
          helped: n(status.placementsHelped),
          igu: n(status.iguAgreements),
          events: n(status.eventsHeld),
          registered: n(registered.places),
        }),
      },
      { type: "paragraph", text: `${r("activities")}: ${status.activities}` },
      { type: "paragraph", text: `${r("plan")}: ${status.plan}` },
      { type: "paragraph", small: true, text: r("changed", { date: date(isoFromDate(status.updatedAt)) }) },
    );
  }

  blocks.push({ type: "heading", level: 1, text: r("missing_heading") });
  if (report.missing.length === 0) blocks.push({ type: "paragraph", text: r("missing_none") });
  else {
    blocks.push(
      { type: "paragraph", text: r("missing_intro", { quarter: report.quarter, due: date(report.dueOn) }) },
      { type: "table", header: [r("missing_heading")], rows: report.missing.map((o) => [o.name]) },
    );
  }
  return { title, blocks };
}
