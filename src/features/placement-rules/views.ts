import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import type { MessageView } from "../../kernel/message.js";
import { labelIn, type PlacementRecord } from "../../kernel/records.js";
import { formatDecimal, type Translate } from "../../kernel/translate.js";
import { ruleFacts } from "../placements/index.js";
import type { VitasField } from "./vitas-summary.js";

/** A button a digest or list can put under a placement: opens the extension form for it. */
export const EXTEND_PLACEMENT_ACTION = "placement.extend";
/** Under a confirmation of a praktik, løntilskud or IGU: the VITAS form for it; the value is the placement id. */
export const OPEN_VITAS_ACTION = "placement.vitas";
/** Under the VITAS summary: the agreement is now created in VITAS; the value is the placement id. */
export const VITAS_CREATED_ACTION = "placement.vitas_created";

function vitasValue(f: VitasField, t: Translate, locale: Locale): string | null {
  switch (f.kind) {
    case "text":
      return f.value;
    case "number":
      return f.value === null ? null : formatDecimal(f.value, locale);
    case "money":
      return f.value === null ? null : t("rules:vitas.wage_cost_value", { amount: formatDecimal(f.value, locale) });
    case "purpose":
      return f.value ? t(`rules:purposes.${f.value}`, { defaultValue: f.value }) : null;
    case "period":
      return f.end
        ? t("rules:vitas.period_value", { start: formatDate(f.start, locale), end: formatDate(f.end, locale) })
        : t("placement:summary.period_open", { start: formatDate(f.start, locale) });
    case "type":
      return labelIn(f.placement.type, locale);
  }
}

/** The VITAS fields as facts, and the same as plain lines to copy. */
export function vitasSummaryView(p: PlacementRecord, fields: VitasField[], t: Translate, locale: Locale): MessageView {
  const heading = t("rules:vitas.heading", { company: p.company.name });
  const facts = fields.map((f) => ({
    label: t(`rules:vitas.fields.${f.field}`),
    value: vitasValue(f, t, locale) ?? `(${t("rules:vitas.missing")})`,
  }));
  const plain = facts.map((f) => `${f.label}: ${f.value}`).join("\n");
  const created = p.vitasCreatedAt
    ? t("rules:vitas.created_at", { date: formatDate(p.vitasCreatedAt.toISOString().slice(0, 10), locale) })
    : t("rules:vitas.not_created");
  return {
    text: `${heading}\n${plain}`,
    blocks: [
      { type: "heading", text: heading },
      { type: "facts", facts },
      { type: "context", text: created },
      { type: "text", text: t("rules:vitas.copy") },
      { type: "text", text: plain },
      ...(p.vitasCreatedAt ? [] : [{ type: "actions" as const, actions: [{ id: VITAS_CREATED_ACTION, label: t("rules:vitas.mark_created"), value: p.id }] }]),
    ],
  };
}

/** After a change: one line saying what happened, and the placement's facts. */
export function ruleChangeView(p: PlacementRecord, line: string, t: Translate, locale: Locale): MessageView {
  return {
    text: line,
    blocks: [
      { type: "text", text: line },
      {
        type: "facts",
        facts: [
          { label: t("placement:summary.company"), value: `${p.company.name} (CVR ${p.company.cvr})` },
          { label: t("placement:form.type"), value: labelIn(p.type, locale) },
          ...ruleFacts(p, t, locale),
        ],
      },
    ],
  };
}
