// Scheme information as messages: the overview (a short card per scheme), one scheme's card with
// the figures of the rule set in force, the list of schemes for a word the bot does not know,
// and the buttons' ids. A text is the secretariat's wording when it has one, else the default.
import type { Locale } from "../../kernel/actor.js";
import { type CommandStyle, commandText } from "../../kernel/common-views.js";
import { formatDate, isRealIsoDate } from "../../kernel/dates.js";
import type { MessageAction, MessageBlock, MessageView } from "../../kernel/message.js";
import type { Translate } from "../../kernel/translate.js";
import { OPEN_PLACEMENT_FORM_ACTION } from "../placements/index.js";
import { SUPPORT_ACTIONS } from "../support-requests/index.js";
import { type SchemeFact, type SchemeVars, schemeFigures } from "./scheme-figures.js";
import { SCHEME_SECTIONS, SCHEMES, type Scheme, type SchemeSection } from "./schemes.js";
import { type SchemeInfo, textKey } from "./show-scheme-info.js";

export const SCHEME_ACTIONS = {
  show: "schemes.show",
  handout: "schemes.handout",
  edit: "schemes.edit",
} as const;

function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "da" ? "da-DK" : "en-GB").format(value);
}

/** Values as a person reads them: numbers with the language's separators, dates in words. */
function shown(vars: SchemeVars, locale: Locale): Record<string, string> {
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, typeof v === "number" ? formatNumber(v, locale) : isRealIsoDate(v) ? formatDate(v, locale) : v]),
  );
}

/** {{name}} in a secretariat's text, filled from the figures; a name the figures lack stays as typed. */
function fill(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole);
}

/** The default wording of a section, as the locale files have it, with {{names}} unfilled: what the edit form shows. */
export function defaultTemplates(scheme: Scheme, t: Translate): Record<SchemeSection, string> {
  return Object.fromEntries(SCHEME_SECTIONS.map((s) => [s, t(`schemes:texts.${scheme}.${s}`, { skipInterpolation: true })])) as Record<SchemeSection, string>;
}

/** Reads a scheme's texts and figures in one language. */
export function schemeReader(info: SchemeInfo, t: Translate, locale: Locale) {
  const figures = schemeFigures(info.rules, locale);
  const vars = shown(figures.vars, locale);
  const values = new Map(Object.entries(vars));
  const custom = (scheme: Scheme) => info.texts.get(textKey(scheme, locale)) ?? {};
  return {
    figures,
    text(scheme: Scheme, section: SchemeSection): string {
      const own = custom(scheme)[section];
      return own !== undefined ? fill(own, values) : t(`schemes:texts.${scheme}.${section}`, vars);
    },
    fact(fact: SchemeFact): string {
      return t(`schemes:facts.${fact.key}`, shown(fact.vars, locale));
    },
    name: (scheme: Scheme) => t(`schemes:names.${scheme}`),
    /** Where the rule set's numbers come from, and whether they are confirmed. */
    source(): string {
      return t(figures.placeholder ? "schemes:source_placeholder" : "schemes:source", { date: formatDate(figures.validFrom, locale) });
    },
    links(): string | undefined {
      const { municipalityUrl, entryPointName, entryPointUrl } = info.links;
      const parts = [
        municipalityUrl ? t("schemes:links.municipality", { url: municipalityUrl }) : undefined,
        entryPointUrl ? t("schemes:links.entry_point", { name: entryPointName ?? t("schemes:links.entry_point_default"), url: entryPointUrl }) : undefined,
      ].filter((p): p is string => p !== undefined);
      return parts.length > 0 ? parts.join("  ·  ") : undefined;
    },
  };
}

function startActions(t: Translate): MessageAction[] {
  return [
    { id: OPEN_PLACEMENT_FORM_ACTION, label: t("schemes:actions.register"), style: "primary" },
    { id: SUPPORT_ACTIONS.openForm, label: t("schemes:actions.visit"), value: "visit" },
  ];
}

/** `info`: a short card per scheme, each with a button to its full card. */
export function schemesOverviewView(info: SchemeInfo, t: Translate, locale: Locale, style: CommandStyle): MessageView {
  const read = schemeReader(info, t, locale);
  const blocks: MessageBlock[] = [
    { type: "heading", text: t("schemes:overview.heading") },
    { type: "text", text: t("schemes:overview.intro", { partnership: info.partnership.name, command: commandText("info", style, t) }) },
  ];
  for (const scheme of SCHEMES) {
    const first = read.figures.facts[scheme][0];
    blocks.push(
      { type: "divider" },
      { type: "text", text: `${read.name(scheme)}\n${read.text(scheme, "what")}` },
      ...(first ? [{ type: "context" as const, text: read.fact(first) }] : []),
      { type: "actions", actions: [{ id: SCHEME_ACTIONS.show, label: t("schemes:actions.more", { scheme: read.name(scheme) }), value: scheme }] },
    );
  }
  const links = read.links();
  blocks.push(
    { type: "divider" },
    ...(links ? [{ type: "context" as const, text: links }] : []),
    { type: "context", text: read.source() },
    { type: "actions", actions: [...startActions(t), { id: SCHEME_ACTIONS.handout, label: t("schemes:actions.handout"), value: "all" }] },
  );
  return { text: t("schemes:overview.heading"), blocks };
}

/** One scheme's card: what the company may do, for whom, how long, money, duties, how to start; the rule set's figures. */
export function schemeCardView(info: SchemeInfo, scheme: Scheme, t: Translate, locale: Locale, opts: { canEdit: boolean }): MessageView {
  const read = schemeReader(info, t, locale);
  const facts = read.figures.facts[scheme].map((f) => read.fact(f));
  const links = read.links();
  const blocks: MessageBlock[] = [
    { type: "heading", text: read.name(scheme) },
    { type: "text", text: read.text(scheme, "what") },
    ...(facts.length > 0 ? [{ type: "bullets" as const, items: facts }] : []),
    { type: "facts", facts: SCHEME_SECTIONS.filter((s) => s !== "what").map((s) => ({ label: t(`schemes:sections.${s}`), value: read.text(scheme, s) })) },
    ...(links ? [{ type: "context" as const, text: links }] : []),
    ...(facts.length > 0 ? [{ type: "context" as const, text: read.source() }] : []),
    {
      type: "actions",
      actions: [
        ...startActions(t),
        { id: SCHEME_ACTIONS.handout, label: t("schemes:actions.handout"), value: scheme },
        ...(opts.canEdit ? [{ id: SCHEME_ACTIONS.edit, label: t("schemes:actions.edit"), value: `${scheme}:${locale}` }] : []),
      ],
    },
  ];
  return { text: `${read.name(scheme)}: ${read.text(scheme, "what")}`, blocks };
}

/** A word that names no scheme: the ones there are, and how to open one. */
export function unknownSchemeView(word: string, t: Translate, style: CommandStyle): MessageView {
  const command = commandText("info", style, t);
  return {
    text: t("schemes:unknown", { word }),
    blocks: [
      { type: "text", text: t("schemes:unknown", { word }) },
      { type: "bullets", items: SCHEMES.map((s) => `${command} ${s} — ${t(`schemes:names.${s}`)}`) },
    ],
  };
}
