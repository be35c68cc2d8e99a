// The weekly digest as a neutral message, and its chart as a PNG. Sections with nothing to say
// are left out rather than shown as "0".

import { svgToPng } from "../../charts/render.js";
import { barsAndTrendSvg } from "../../charts/trend-chart.js";
import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import type { MessageBlock, MessageView } from "../../kernel/message.js";
import type { PostImage } from "../../kernel/messenger.js";
import { labelIn } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import { LIST_PLACEMENTS_ACTION, OPEN_PLACEMENT_FORM_ACTION, targetLine } from "../placements/index.js";
import { buildDigest, type Digest, type DigestTarget, type PartnershipDigestData } from "./build-digest.js";

export const DIGEST_ACTIONS = { extend: "digest.extend", endsAsPlanned: "digest.ends_as_planned" } as const;

/** Placements ending soon shown one by one (with buttons); the rest are counted. */
const MAX_ENDING_SHOWN = 8;
const MAX_ORGANISATIONS_SHOWN = 25;

/** A button's value: the placement and the end date it was asked about, so a second click does nothing. */
function endingValue(placementId: string, endDate: string): string {
  return `${placementId}|${endDate}`;
}

export function parseEndingValue(value: string | undefined): { placementId: string; endDate: string } | undefined {
  const [placementId, endDate] = (value ?? "").split("|");
  return placementId && endDate ? { placementId, endDate } : undefined;
}

function paceText(target: DigestTarget, t: Translate): string {
  if (target.onTrack === null) return "";
  return target.onTrack
    ? ` · ${t("digest:pace.on_track", { projected: target.projected })}`
    : ` · ${t("digest:pace.behind", { expected: target.expected ?? target.max, projected: target.projected })}`;
}

export function digestView(digest: Digest, t: Translate, locale: Locale): MessageView {
  const scope = digest.organisation ? `${digest.partnership.name} · ${digest.organisation.name}` : digest.partnership.name;
  const week = digest.isoWeek.replace(/^\d{4}-W0?/, "");
  const heading = t("digest:heading", { scope, week });
  const blocks: MessageBlock[] = [
    { type: "heading", text: heading },
    {
      type: "context",
      text: t("digest:period", {
        start: formatDate(digest.partnership.periodStart, locale),
        end: formatDate(digest.partnership.periodEnd, locale),
        total: digest.totalPlaces,
      }),
    },
  ];
  if (digest.targets.length > 0) {
    blocks.push({ type: "bullets", items: digest.targets.map((target) => `${targetLine(target, t, locale)}${paceText(target, t)}`) });
  }

  const fresh = digest.newPlacements;
  if (fresh.length > 0) {
    const places = fresh.reduce((sum, n) => sum + n.places, 0);
    const waiting = fresh.reduce((sum, n) => sum + n.waitingPlaces, 0);
    // Only what the municipality approved counts; what waits for its approval is said apart.
    const heading = t("digest:new.heading", { count: places }) + (waiting > 0 ? ` ${t("digest:new.waiting", { count: waiting })}` : "");
    blocks.push({ type: "divider" }, { type: "text", text: `*${heading}*` });
    if (!digest.organisation) {
      const shown = fresh.slice(0, MAX_ORGANISATIONS_SHOWN).map((n) => t("digest:new.organisation", { organisation: n.organisationName, count: n.places }));
      if (fresh.length > shown.length) shown.push(t("digest:more", { count: fresh.length - shown.length }));
      blocks.push({ type: "bullets", items: shown });
    }
  }

  if (digest.support.open > 0) {
    blocks.push(
      { type: "divider" },
      {
        type: "text",
        text:
          digest.support.overdue > 0
            ? t("digest:support.open_overdue", { count: digest.support.open, overdue: digest.support.overdue })
            : t("digest:support.open", { count: digest.support.open }),
      },
    );
  }

  if (digest.events.held > 0) {
    blocks.push(
      { type: "divider" },
      {
        type: "text",
        text: t("events:digest_line", { held: digest.events.held, companies: digest.events.companiesReached, placements: digest.events.placements }),
      },
    );
  }

  if (digest.ending.length > 0) {
    blocks.push({ type: "divider" }, { type: "text", text: `*${t("digest:ending.heading", { count: digest.ending.length, days: 14 })}*` });
    for (const p of digest.ending.slice(0, MAX_ENDING_SHOWN)) {
      const who = p.caseReference ? ` (${p.caseReference})` : "";
      const line = t("digest:ending.line", {
        type: labelIn({ labelDa: p.typeLabelDa, labelEn: p.typeLabelEn }, locale),
        company: p.companyName,
        organisation: p.organisationName,
        end: formatDate(p.endDate, locale),
      });
      if (!p.askExtension) {
        blocks.push({ type: "text", text: `${line}${who}${p.endsAsPlanned ? ` · ${t("digest:ending.as_planned")}` : ""}` });
        continue;
      }
      blocks.push(
        { type: "text", text: `${line}${who} · ${t("digest:ending.ask", { weeks: 13, end: formatDate(p.extendedEndDate, locale) })}` },
        {
          type: "actions",
          actions: [
            { id: DIGEST_ACTIONS.extend, label: t("digest:ending.extend", { weeks: 13 }), value: endingValue(p.id, p.endDate), style: "primary" },
            { id: DIGEST_ACTIONS.endsAsPlanned, label: t("digest:ending.as_planned_button"), value: endingValue(p.id, p.endDate) },
          ],
        },
      );
    }
    if (digest.ending.length > MAX_ENDING_SHOWN) blocks.push({ type: "context", text: t("digest:more", { count: digest.ending.length - MAX_ENDING_SHOWN }) });
  }

  if (digest.quarterly.length > 0) {
    blocks.push({ type: "divider" });
    for (const q of digest.quarterly) {
      const names = q.organisations.slice(0, MAX_ORGANISATIONS_SHOWN).join(", ");
      const more = q.organisations.length > MAX_ORGANISATIONS_SHOWN ? ` ${t("digest:more", { count: q.organisations.length - MAX_ORGANISATIONS_SHOWN })}` : "";
      blocks.push({
        type: "text",
        text: t(`digest:quarterly.${q.state}`, { quarter: q.quarter, due: formatDate(q.dueOn, locale), organisations: `${names}${more}` }),
      });
    }
  }

  blocks.push(
    { type: "divider" },
    {
      type: "actions",
      actions: [
        { id: OPEN_PLACEMENT_FORM_ACTION, label: t("placement:actions.register"), style: "primary" },
        { id: LIST_PLACEMENTS_ACTION, label: t("placement:actions.see_list") },
      ],
    },
  );
  return { text: heading, blocks };
}

/** The targets now and their weekly trend since the period began, as a PNG. */
export function digestChart(digest: Digest, t: Translate, locale: Locale): { png: Buffer; fileName: string; title: string } {
  const title = t("digest:chart.title", { partnership: digest.partnership.name });
  const { svg } = barsAndTrendSvg(
    {
      title,
      bars: digest.targets.map((target) => ({
        label: labelIn(target, locale),
        value: target.value,
        reference: target.kind === "minimum" ? target.min : target.kind === "goal" ? (target.max ?? target.min) : target.max,
        caption: targetLine(target, t, locale)
          .replace(/^\S+\s/, "")
          .replace(/\s[▓░]+$/, ""),
        tone: target.onTrack === false || target.state === "exceeded" ? "warning" : target.onTrack ? "good" : "neutral",
      })),
    },
    {
      title: t("digest:chart.trend"),
      xLabels: digest.trend.weeks.map((w) => formatDate(w, locale)),
      series: digest.targets.map((target, i) => ({ label: labelIn(target, locale), values: digest.trend.series[i] ?? [] })),
    },
  );
  return { png: svgToPng(svg), fileName: `digest-${digest.isoWeek}.png`, title };
}

/** The message as plain text, for a dry run in a terminal. */
export function messageAsText(view: MessageView): string {
  const lines: string[] = [];
  for (const block of view.blocks) {
    switch (block.type) {
      case "heading":
        lines.push(`# ${block.text}`);
        break;
      case "text":
      case "context":
        lines.push(block.text);
        break;
      case "facts":
        for (const f of block.facts) lines.push(`${f.label}: ${f.value}`);
        break;
      case "bullets":
        for (const item of block.items) lines.push(`  • ${item}`);
        break;
      case "divider":
        lines.push("");
        break;
      case "actions":
        lines.push(block.actions.map((a) => `[${a.label}]`).join(" "));
        break;
    }
  }
  return lines.join("\n");
}

/**
 * A channel's digest from its partnership's loaded data: the view for its scope (the partnership
 * or one organisation) and language, and the chart for its language. Channels with the same scope
 * and language get the same message, and the chart shows only the partnership's targets and
 * trend, so each is made once per load and shared, however many channels there are.
 */
const sharedParts = new WeakMap<PartnershipDigestData, Map<string, MessageView | PostImage>>();

export function channelDigest(
  data: PartnershipDigestData,
  organisationId: string | null,
  t: Translate,
  locale: Locale,
): { view: MessageView; chart: PostImage } {
  const parts = sharedParts.get(data) ?? new Map<string, MessageView | PostImage>();
  sharedParts.set(data, parts);
  const once = <T extends MessageView | PostImage>(key: string, make: () => T): T => {
    const known = parts.get(key) as T | undefined;
    if (known) return known;
    const made = make();
    parts.set(key, made);
    return made;
  };
  return {
    view: once(`view:${organisationId ?? ""}:${locale}`, () => digestView(buildDigest(data, organisationId), t, locale)),
    chart: once(`chart:${locale}`, () => digestChart(buildDigest(data, null), t, locale)),
  };
}
