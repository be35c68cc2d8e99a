import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import type { MessageView } from "../../kernel/message.js";
import { labelIn, type PlacementRecord } from "../../kernel/records.js";
import { formatDecimal, type Translate } from "../../kernel/translate.js";
import { OPEN_VITAS_ACTION, type PlacementRuleSettings, ruleKindOf } from "../placement-rules/index.js";
import { SUPPORT_ACTIONS } from "../support-requests/index.js";

export const OPEN_PLACEMENT_FORM_ACTION = "placement.open_form";
export const LIST_PLACEMENTS_ACTION = "placement.list";

/** The placement's facts, as the confirmation and the jobcenter channel show them. */
export function placementFacts(p: PlacementRecord, t: Translate, locale: Locale): { label: string; value: string }[] {
  const period = p.endDate
    ? t("placement:summary.period_value", { start: formatDate(p.startDate, locale), end: formatDate(p.endDate, locale), weeks: p.weeks })
    : t("placement:summary.period_open", { start: formatDate(p.startDate, locale) });
  const facts = [
    { label: t("placement:form.organisation"), value: p.organisationName },
    { label: t("placement:summary.company"), value: `${p.company.name} (CVR ${p.company.cvr})` },
    { label: t("placement:form.type"), value: labelIn(p.type, locale) },
    ...(p.caseReference ? [{ label: t("privacy:summary.case_reference"), value: p.caseReference }] : []),
    { label: t("placement:form.places_short"), value: String(p.places) },
    { label: t("placement:summary.period"), value: period },
    {
      label: t("placement:summary.employer"),
      value: `${t(`placement:employer_sector.${p.employerSector}`)} · ${t(`placement:sectors.${p.sector}`, { defaultValue: p.sector })}${
        p.shortageSector ? ` · ${t("placement:summary.shortage")}` : ""
      }`,
    },
    { label: t("placement:form.contact_person"), value: p.contactPerson },
    ...ruleFacts(p, t, locale),
  ];
  if (p.needs.length > 0) {
    facts.push({ label: t("placement:form.needs"), value: p.needs.map((n) => t(`placement:needs.${n}`)).join(", ") });
  }
  if (p.note) facts.push({ label: t("placement:form.note"), value: p.note });
  return facts;
}

/** The placement-rule facts, for the types that have them. */
export function ruleFacts(p: PlacementRecord, t: Translate, locale: Locale): { label: string; value: string }[] {
  const facts: { label: string; value: string }[] = [];
  if (p.workplace) {
    facts.push({
      label: t("rules:summary.workplace"),
      value: t("rules:summary.workplace_value", {
        pNumber: p.workplace.pNumber,
        employees: formatDecimal(p.ordinaryEmployees?.fte ?? p.workplace.ordinaryEmployeesFte, locale),
      }),
    });
  }
  if (p.benefitGroup)
    facts.push({ label: t("rules:summary.benefit_group"), value: t(`rules:benefit_groups.${p.benefitGroup}`, { defaultValue: p.benefitGroup }) });
  if (p.hoursPerWeek !== null) facts.push({ label: t("rules:summary.hours"), value: formatDecimal(p.hoursPerWeek, locale) });
  if (p.purpose) facts.push({ label: t("rules:summary.purpose"), value: t(`rules:purposes.${p.purpose}`, { defaultValue: p.purpose }) });
  if (p.representativeName || p.status === "awaiting_confirmation") {
    const name = p.representativeName ?? "";
    const value = !name
      ? t("rules:summary.representative_none")
      : t(p.representativeConfirmed ? "rules:summary.representative_confirmed" : "rules:summary.representative_missing", { name });
    facts.push({ label: t("rules:summary.representative"), value });
  }
  if (p.ratioExemption) facts.push({ label: t("rules:summary.exemption"), value: p.ratioExemption.reason });
  if (p.status === "refused" && p.refusalReason) facts.push({ label: t("rules:approval.refusal_reason"), value: p.refusalReason });
  if (p.endedOn) facts.push({ label: t("rules:summary.ended"), value: formatDate(p.endedOn, locale) });
  if (p.outcome) facts.push({ label: t("rules:summary.outcome"), value: t(`rules:outcomes.${p.outcome}`, { defaultValue: p.outcome }) });
  facts.push({ label: t("rules:summary.status"), value: t(`placement:status.${p.status}`) });
  return facts;
}

/** What the person sees after saving: a summary, and a way to register the next one. */
export function placementConfirmationView(
  p: PlacementRecord,
  duplicate: boolean,
  t: Translate,
  locale: Locale,
  approval: { posted: boolean; wording?: PlacementRuleSettings["wording"] } = { posted: false },
): MessageView {
  const authority = approval.wording?.authority[locale] ?? t("rules:approval.the_municipality");
  const entryPoint = approval.wording?.entryPoint;
  const heading = duplicate ? t("placement:confirmation.already_saved") : t("placement:confirmation.saved");
  return {
    text: `${heading}: ${p.company.name}, ${labelIn(p.type, locale)}`,
    blocks: [
      { type: "heading", text: heading },
      { type: "facts", facts: placementFacts(p, t, locale) },
      ...(p.status === "awaiting_confirmation"
        ? [{ type: "text" as const, text: t("rules:summary.awaiting_confirmation", { command: `»${t("help:command_word.confirm")}«` }) }]
        : []),
      ...(p.status === "registered" || p.status === "awaiting_confirmation"
        ? [
            {
              type: "text" as const,
              text: t(approval.posted ? "rules:approval.awaiting_approval" : "rules:approval.awaiting_approval_not_posted", { authority }),
            },
          ]
        : []),
      // The municipality's one entry point for employers (lov nr. 1750 af 29/12/2025), where the partnership has named it.
      ...(entryPoint ? [{ type: "context" as const, text: t("rules:approval.entry_point", { name: entryPoint.name, url: entryPoint.url }) }] : []),
      { type: "context", text: t("placement:confirmation.reference", { id: p.id.slice(0, 8) }) },
      {
        type: "actions",
        actions: [
          { id: OPEN_PLACEMENT_FORM_ACTION, label: t("placement:actions.register_another"), style: "primary" },
          { id: LIST_PLACEMENTS_ACTION, label: t("placement:actions.see_list") },
          { id: SUPPORT_ACTIONS.choose, label: t("support:actions.order"), value: p.id },
          // Praktik, løntilskud and IGU are agreed in VITAS: the summary to copy is one press away.
          ...(ruleKindOf(p.type.key) ? [{ id: OPEN_VITAS_ACTION, label: t("rules:vitas.open"), value: p.id }] : []),
        ],
      },
    ],
  };
}

export function placementListView(args: {
  placements: PlacementRecord[];
  total: number;
  scope: "organisation" | "partnership";
  organisationName?: string;
  t: Translate;
  locale: Locale;
}): MessageView {
  const { placements, total, t, locale } = args;
  const heading =
    args.scope === "organisation" ? t("placement:list.heading_organisation", { organisation: args.organisationName }) : t("placement:list.heading_all");
  if (placements.length === 0) {
    return {
      text: t("placement:list.empty"),
      blocks: [
        { type: "heading", text: heading },
        { type: "text", text: t("placement:list.empty") },
        { type: "actions", actions: [{ id: OPEN_PLACEMENT_FORM_ACTION, label: t("placement:actions.register"), style: "primary" }] },
      ],
    };
  }
  const items = placements.map((p) =>
    t("placement:list.item", {
      company: p.company.name,
      type: labelIn(p.type, locale),
      places: p.places,
      start: formatDate(p.startDate, locale),
      organisation: p.organisationName,
      status: t(`placement:status.${p.status}`),
      context: args.scope === "partnership" ? ` · ${p.organisationName}` : "",
    }),
  );
  return {
    text: heading,
    blocks: [
      { type: "heading", text: heading },
      { type: "bullets", items },
      { type: "context", text: t("placement:list.showing", { shown: placements.length, total }) },
      { type: "actions", actions: [{ id: OPEN_PLACEMENT_FORM_ACTION, label: t("placement:actions.register"), style: "primary" }] },
    ],
  };
}
