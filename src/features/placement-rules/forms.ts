// The forms for a placement already registered: extend, end, the representative's confirmation,
// the VITAS details and the ratio-rule exemption. Each first asks which placement.
import type { Locale } from "../../kernel/actor.js";
import { formatDate } from "../../kernel/dates.js";
import type { FieldErrors, FormField, FormValues, FormView } from "../../kernel/form.js";
import { labelIn, type PlacementRecord } from "../../kernel/records.js";
import type { Translate } from "../../kernel/translate.js";
import { RULE_FORM_LIMITS } from "./contract.js";
import { END_REASONS, IGU_EXTENSION_REASONS, OUTCOMES } from "./rule-set.js";

export const EXTEND_FORM_ID = "placement.extend";
export const END_FORM_ID = "placement.end";
export const CONFIRM_FORM_ID = "placement.confirm";
export const VITAS_FORM_ID = "placement.vitas";
export const EXEMPTION_FORM_ID = "placement.exemption";

export type RuleFormId = typeof EXTEND_FORM_ID | typeof END_FORM_ID | typeof CONFIRM_FORM_ID | typeof VITAS_FORM_ID | typeof EXEMPTION_FORM_ID;

/** Which placements each form offers. */
export function placementsFor(formId: RuleFormId, placements: PlacementRecord[]): PlacementRecord[] {
  const open = (p: PlacementRecord) => p.status !== "ended" && p.status !== "completed" && p.status !== "refused";
  switch (formId) {
    case EXTEND_FORM_ID:
      // Only an approved placement runs, so only one can be extended.
      return placements.filter((p) => (p.status === "active" || p.status === "extended") && p.endDate !== null);
    case END_FORM_ID:
      return placements.filter(open);
    case CONFIRM_FORM_ID:
      return placements.filter((p) => open(p) && !p.representativeConfirmed && ["virksomhedspraktik", "loentilskud"].includes(p.type.key));
    case EXEMPTION_FORM_ID:
      return placements.filter((p) => p.type.countsForRatio && p.workplace !== null);
    default:
      return placements;
  }
}

function placementField(placements: PlacementRecord[], t: Translate, locale: Locale): FormField {
  return {
    kind: "select",
    id: "placementId",
    label: t("rules:form.placement"),
    required: true,
    placeholder: t("rules:form.placement_placeholder"),
    options: placements.map((p) => ({
      value: p.id,
      label: t("rules:form.placement_option", {
        company: p.company.name,
        type: labelIn(p.type, locale),
        start: formatDate(p.startDate, locale),
        status: t(`placement:status.${p.status}`),
      }).slice(0, 75),
    })),
  };
}

const yesNo = (t: Translate) => [
  { value: "yes", label: t("common:yes") },
  { value: "no", label: t("common:no") },
];

function fieldsFor(formId: RuleFormId, t: Translate): FormField[] {
  switch (formId) {
    case EXTEND_FORM_ID:
      return [
        { kind: "date", id: "endDate", label: t("rules:extend.end_date"), required: true },
        {
          kind: "number",
          id: "ordinaryEmployees",
          label: t("rules:form.ordinary_employees"),
          hint: t("rules:extend.employees_hint"),
          required: false,
          min: RULE_FORM_LIMITS.employeesMin,
          max: RULE_FORM_LIMITS.employeesMax,
        },
        {
          kind: "text",
          id: "specialNeedReason",
          label: t("rules:extend.special_need"),
          hint: t("rules:extend.special_need_hint"),
          required: false,
          maxLength: RULE_FORM_LIMITS.reason,
        },
        {
          kind: "radio",
          id: "iguExtensionReason",
          label: t("rules:extend.igu_reason"),
          required: false,
          options: IGU_EXTENSION_REASONS.map((r) => ({ value: r, label: t(`rules:igu_extension_reasons.${r}`) })),
        },
      ];
    case END_FORM_ID:
      return [
        { kind: "date", id: "endedOn", label: t("rules:end.ended_on"), required: true },
        {
          kind: "radio",
          id: "reason",
          label: t("rules:end.reason"),
          required: false,
          options: END_REASONS.map((r) => ({ value: r, label: t(`rules:end_reasons.${r}`) })),
        },
        {
          kind: "select",
          id: "outcome",
          label: t("rules:end.outcome"),
          required: false,
          placeholder: t("rules:end.outcome_placeholder"),
          options: OUTCOMES.map((o) => ({ value: o, label: t(`rules:outcomes.${o}`) })),
        },
      ];
    case CONFIRM_FORM_ID:
      return [
        { kind: "text", id: "representativeName", label: t("rules:form.representative_name"), required: true, maxLength: RULE_FORM_LIMITS.representativeName },
        { kind: "radio", id: "representativeConfirmed", label: t("rules:form.representative_confirmed"), required: true, options: yesNo(t) },
      ];
    case VITAS_FORM_ID:
      return [
        {
          kind: "text",
          id: "tasks",
          label: t("rules:vitas.tasks"),
          hint: t("rules:vitas.tasks_hint"),
          required: false,
          maxLength: RULE_FORM_LIMITS.tasks,
          multiline: true,
        },
        { kind: "text", id: "contactEmail", label: t("rules:vitas.contact_email"), required: false, maxLength: RULE_FORM_LIMITS.contactEmail },
        { kind: "text", id: "contactPhone", label: t("rules:vitas.contact_phone"), required: false, maxLength: RULE_FORM_LIMITS.contactPhone },
        {
          kind: "text",
          id: "workingTime",
          label: t("rules:vitas.working_time"),
          hint: t("rules:vitas.working_time_hint"),
          required: false,
          maxLength: RULE_FORM_LIMITS.workingTime,
        },
        {
          kind: "number",
          id: "monthlyWageCost",
          label: t("rules:vitas.wage_cost"),
          required: false,
          min: RULE_FORM_LIMITS.wageCostMin,
          max: RULE_FORM_LIMITS.wageCostMax,
        },
        { kind: "radio", id: "createdInVitas", label: t("rules:vitas.created"), required: false, options: yesNo(t) },
      ];
    case EXEMPTION_FORM_ID:
      return [{ kind: "text", id: "reason", label: t("rules:exemption.reason"), required: true, maxLength: RULE_FORM_LIMITS.reason, multiline: true }];
  }
}

const TEXTS: Record<RuleFormId, string> = {
  [EXTEND_FORM_ID]: "extend",
  [END_FORM_ID]: "end",
  [CONFIRM_FORM_ID]: "confirm",
  [VITAS_FORM_ID]: "vitas",
  [EXEMPTION_FORM_ID]: "exemption",
};

function ruleFormFields(formId: RuleFormId, placements: PlacementRecord[], t: Translate, locale: Locale): FormField[] {
  return [placementField(placementsFor(formId, placements), t, locale), ...fieldsFor(formId, t)];
}

export function ruleFormView(args: {
  formId: RuleFormId;
  placements: PlacementRecord[];
  t: Translate;
  locale: Locale;
  nonce: string;
  today: string;
  values?: FormValues;
  errors?: FieldErrors;
}): FormView {
  const { formId, t } = args;
  const name = TEXTS[formId];
  const offered = placementsFor(formId, args.placements);
  const defaults: FormValues = {
    ...(offered.length === 1 ? { placementId: offered[0]!.id } : {}),
    ...(formId === END_FORM_ID ? { endedOn: args.today } : {}),
  };
  const selected = offered.find((p) => p.id === (args.values?.placementId ?? defaults.placementId));
  if (selected && formId === VITAS_FORM_ID) {
    if (selected.tasks) defaults.tasks = selected.tasks;
    if (selected.monthlyWageCost !== null) defaults.monthlyWageCost = String(selected.monthlyWageCost);
    if (selected.contactEmail) defaults.contactEmail = selected.contactEmail;
    if (selected.contactPhone) defaults.contactPhone = selected.contactPhone;
    if (selected.workingTime) defaults.workingTime = selected.workingTime;
    if (selected.vitasCreatedAt) defaults.createdInVitas = "yes";
  }
  return {
    formId,
    title: t(`rules:${name}.title`),
    submitLabel: t(`rules:${name}.submit`),
    cancelLabel: t("common:cancel"),
    intro: t(`rules:${name}.intro`),
    fields: ruleFormFields(formId, args.placements, t, args.locale),
    values: { ...defaults, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: {},
  };
}
