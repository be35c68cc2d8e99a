// The quarterly status form: the organisation's work this quarter, four numbers and its plan.
// It shows what the bot already knows for the quarter, and who changed the status last.
import type { Locale } from "../../kernel/actor.js";
import { dateFormatter, formatDate } from "../../kernel/dates.js";
import type { FieldErrors, FormField, FormValues, FormView } from "../../kernel/form.js";
import type { PlacementTypeRecord } from "../../kernel/records.js";
import { labelIn } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import { STATUS_LIMITS, type TFileQuarterlyStatusInput } from "./contract.js";
import type { StatusFormContext } from "./file-quarterly-status.js";

export const QUARTERLY_STATUS_FORM_ID = "quarterly.status";

/** "who" for people: the display name part of an actor reference is not kept, so the user id. */
function changedBy(actor: string): string {
  return actor.split(":").slice(2).join(":") || actor;
}

function quarterlyStatusFields(context: StatusFormContext, types: readonly PlacementTypeRecord[], t: Translate, locale: Locale, timezone: string): FormField[] {
  const { known, quarter, existing, existingChangedByName } = context;
  const typeNames = known.byType
    .map(({ typeKey, places }) => {
      const type = types.find((ty) => ty.key === typeKey);
      return `${type ? labelIn(type, locale) : typeKey}: ${places}`;
    })
    .join(", ");
  const knownText =
    known.placements === 0
      ? t("quarterly:form.known_none", { quarter })
      : t("quarterly:form.known_text", { quarter, placements: known.placements, places: known.places, types: typeNames ? ` – ${typeNames}` : "" });
  const lastChanged = existing
    ? ` ${t("quarterly:form.last_changed", { who: existingChangedByName ?? changedBy(existing.updatedBy), at: changedAt(existing.updatedAt, locale, timezone) })}`
    : "";
  const number = (id: keyof TFileQuarterlyStatusInput, label: string, hint?: string): FormField => ({
    kind: "number",
    id,
    label,
    ...(hint ? { hint } : {}),
    required: true,
    min: STATUS_LIMITS.countMin,
    max: STATUS_LIMITS.countMax,
  });
  return [
    { kind: "static", id: "organisation", label: t("quarterly:form.organisation"), required: false, text: context.organisation.name },
    { kind: "static", id: "known", label: t("quarterly:form.known"), required: false, text: `${knownText}${lastChanged}` },
    {
      kind: "text",
      id: "activities",
      label: t("quarterly:form.activities"),
      hint: t("quarterly:form.activities_hint"),
      required: true,
      multiline: true,
      maxLength: STATUS_LIMITS.activities,
    },
    number("companiesContacted", t("quarterly:form.companies_contacted")),
    number("placementsHelped", t("quarterly:form.placements_helped"), t("quarterly:form.placements_helped_hint")),
    number("iguAgreements", t("quarterly:form.igu_agreements")),
    number("eventsHeld", t("quarterly:form.events_held")),
    {
      kind: "text",
      id: "plan",
      label: t("quarterly:form.plan"),
      hint: t("quarterly:form.plan_hint"),
      required: true,
      multiline: true,
      maxLength: STATUS_LIMITS.plan,
    },
  ];
}

function changedAt(at: Date, locale: Locale, timezone: string): string {
  const time = dateFormatter(locale === "da" ? "da-DK" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: timezone }).format(at);
  const day = dateFormatter("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  return `${formatDate(day, locale)} ${time}`;
}

export function quarterlyStatusFormView(args: {
  context: StatusFormContext;
  types: readonly PlacementTypeRecord[];
  t: Translate;
  locale: Locale;
  timezone: string;
  nonce: string;
  values?: FormValues;
  errors?: FieldErrors;
}): FormView {
  const { context, t } = args;
  const existing = context.existing;
  // A second filing starts from the first, so the contact edits rather than retypes.
  const defaults: FormValues = existing
    ? {
        activities: existing.activities,
        companiesContacted: String(existing.companiesContacted),
        placementsHelped: String(existing.placementsHelped),
        iguAgreements: String(existing.iguAgreements),
        eventsHeld: String(existing.eventsHeld),
        plan: existing.plan,
      }
    : { companiesContacted: "0", placementsHelped: String(context.known.places), iguAgreements: "0", eventsHeld: String(context.known.events) };
  return {
    formId: QUARTERLY_STATUS_FORM_ID,
    title: t("quarterly:form.title"),
    submitLabel: t("quarterly:form.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("quarterly:form.intro", { organisation: context.organisation.name, quarter: context.quarter }),
    fields: quarterlyStatusFields(context, args.types, t, args.locale, args.timezone),
    values: { ...defaults, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: { quarter: context.quarter },
  };
}
