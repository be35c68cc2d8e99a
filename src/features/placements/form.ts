import { z } from "zod";
import type { Locale } from "../../kernel/actor.js";
import { normaliseCvr, cvrProblem } from "../../kernel/cvr.js";
import type { PlacementFormContext } from "./open-placement-form.js";
import { BENEFIT_GROUPS, PRAKTIK_PURPOSES } from "../placement-rules/rule-set.js";
import { EMPLOYER_SECTORS, labelIn, NEEDS } from "../../kernel/records.js";
import { SECTORS } from "../../kernel/sectors.js";
import type { Translate } from "../../kernel/translate.js";
import { zChoice, zChoices, zDate, zId, zOptionalInteger, zOptionalText, zRequiredInteger, zRequiredText, zYesNo } from "../../kernel/fields.js";
import type { FieldErrors, FormField, FormValues, FormView } from "../../kernel/form.js";
import { zOptionalChoice, zOptionalDecimal, zOptionalPNumber, zOptionalYesNo } from "../placement-rules/rule-fields.js";

export const PLACEMENT_FORM_ID = "placement.new";

export const PLACEMENT_LIMITS = {
  companyName: 120,
  contactPerson: 120,
  note: 500,
  placesMin: 1,
  placesMax: 50,
  weeksMin: 1,
  weeksMax: 104,
  employeesMax: 100000,
  hoursMax: 48,
  representativeName: 120,
  ratioExemption: 300,
  caseReference: 40,
} as const;

const zCvr = z.preprocess(
  (value) => (typeof value === "string" ? normaliseCvr(value.trim()) : Array.isArray(value) ? value[0] : value),
  z
    .string({ error: "form:errors.required" })
    .min(1, { error: "form:errors.required" })
    .refine((v) => cvrProblem(v) !== "format", { error: "placement:errors.cvr_format" })
    .refine((v) => cvrProblem(v) !== "checksum", { error: "placement:errors.cvr_checksum" }),
);

/** The placement form's submission, as both platforms deliver it. */
export const ZPlacementSubmissionSchema = z.object({
  organisation: zId(),
  companyName: zRequiredText(PLACEMENT_LIMITS.companyName),
  cvr: zCvr,
  employerSector: zChoice(EMPLOYER_SECTORS),
  sector: zChoice(SECTORS),
  shortageSector: zYesNo(),
  type: zId(),
  places: zRequiredInteger(PLACEMENT_LIMITS.placesMin, PLACEMENT_LIMITS.placesMax),
  startDate: zDate(),
  weeks: zOptionalInteger(PLACEMENT_LIMITS.weeksMin, PLACEMENT_LIMITS.weeksMax),
  contactPerson: zRequiredText(PLACEMENT_LIMITS.contactPerson),
  needs: zChoices(NEEDS),
  note: zOptionalText(PLACEMENT_LIMITS.note),
  pNumber: zOptionalPNumber(),
  ordinaryEmployees: zOptionalDecimal(0, PLACEMENT_LIMITS.employeesMax),
  benefitGroup: zOptionalChoice(BENEFIT_GROUPS),
  hoursPerWeek: zOptionalDecimal(1, PLACEMENT_LIMITS.hoursMax),
  purpose: zOptionalChoice(PRAKTIK_PURPOSES),
  representativeName: zOptionalText(PLACEMENT_LIMITS.representativeName),
  representativeConfirmed: zOptionalYesNo(),
  ratioExemption: zOptionalText(PLACEMENT_LIMITS.ratioExemption),
  caseReference: zOptionalText(PLACEMENT_LIMITS.caseReference),
  personalDataChecked: zChoices(["checked"] as const).transform((v) => v.includes("checked")),
});
export type TPlacementSubmission = z.infer<typeof ZPlacementSubmissionSchema>;

/** The form's fields for this person, labels in their language. */
export function placementFormFields(context: PlacementFormContext, t: Translate, locale: Locale): FormField[] {
  const multiplePartnerships = context.partnerships.length > 1;
  const partnershipName = (id: string) => context.partnerships.find((p) => p.id === id)?.name ?? "";
  // With several partnerships, platforms that group options (Slack) show plain labels under a
  // partnership heading; the flat list (Teams) names the partnership in each label.
  const grouped = <T extends { id: string; partnershipId: string }>(items: T[], plainLabel: (item: T) => string) =>
    multiplePartnerships
      ? context.partnerships
          .map((p) => ({
            label: p.name,
            options: items.filter((i) => i.partnershipId === p.id).map((i) => ({ value: i.id, label: plainLabel(i) })),
          }))
          .filter((g) => g.options.length > 0)
      : undefined;
  const flat = <T extends { id: string; partnershipId: string }>(items: T[], plainLabel: (item: T) => string) =>
    items.map((i) => ({
      value: i.id,
      label: multiplePartnerships ? `${plainLabel(i)} (${partnershipName(i.partnershipId)})` : plainLabel(i),
    }));

  const orgLabel = (o: { name: string }) => o.name;
  const typeLabel = (ty: PlacementFormContext["types"][number]) => {
    const label = labelIn(ty, locale);
    return ty.defaultWeeks ? t("placement:form.type_option_weeks", { label, weeks: ty.defaultWeeks }) : label;
  };

  const organisationField: FormField = context.fixedOrganisation
    ? { kind: "static", id: "organisation", label: t("placement:form.organisation"), required: false, text: context.fixedOrganisation.name }
    : {
        kind: "select",
        id: "organisation",
        label: t("placement:form.organisation"),
        required: true,
        placeholder: t("placement:form.organisation_placeholder"),
        options: flat(context.organisations, orgLabel),
        groups: grouped(context.organisations, orgLabel),
      };

  return [
    organisationField,
    { kind: "text", id: "companyName", label: t("placement:form.company_name"), required: true, maxLength: PLACEMENT_LIMITS.companyName },
    {
      kind: "text",
      id: "cvr",
      label: t("placement:form.cvr"),
      hint: t("placement:form.cvr_hint"),
      required: true,
      maxLength: 12,
      placeholder: "12345678",
    },
    {
      kind: "text",
      id: "pNumber",
      label: t("rules:form.p_number"),
      hint: t("rules:form.p_number_hint"),
      required: false,
      maxLength: 14,
      placeholder: "1012345678",
    },
    {
      kind: "number",
      id: "ordinaryEmployees",
      label: t("rules:form.ordinary_employees"),
      hint: t("rules:form.ordinary_employees_hint"),
      required: false,
      min: 0,
      max: PLACEMENT_LIMITS.employeesMax,
    },
    {
      kind: "radio",
      id: "employerSector",
      label: t("placement:form.employer_sector"),
      required: true,
      options: EMPLOYER_SECTORS.map((s) => ({ value: s, label: t(`placement:employer_sector.${s}`) })),
    },
    {
      kind: "select",
      id: "sector",
      label: t("placement:form.sector"),
      required: true,
      placeholder: t("placement:form.sector_placeholder"),
      options: SECTORS.map((s) => ({ value: s, label: t(`placement:sectors.${s}`) })),
    },
    {
      kind: "radio",
      id: "shortageSector",
      label: t("placement:form.shortage_sector"),
      hint: t("placement:form.shortage_sector_hint"),
      required: true,
      options: [
        { value: "yes", label: t("common:yes") },
        { value: "no", label: t("common:no") },
      ],
    },
    {
      kind: "select",
      id: "type",
      label: t("placement:form.type"),
      required: true,
      placeholder: t("placement:form.type_placeholder"),
      options: flat(context.types, typeLabel),
      groups: grouped(context.types, typeLabel),
    },
    {
      kind: "text",
      id: "caseReference",
      label: t("privacy:form.case_reference"),
      hint: t("privacy:form.case_reference_hint"),
      required: false,
      maxLength: PLACEMENT_LIMITS.caseReference,
    },
    {
      kind: "number",
      id: "places",
      label: t("placement:form.places"),
      required: true,
      min: PLACEMENT_LIMITS.placesMin,
      max: PLACEMENT_LIMITS.placesMax,
    },
    { kind: "date", id: "startDate", label: t("placement:form.start_date"), required: true },
    {
      kind: "number",
      id: "weeks",
      label: t("placement:form.weeks"),
      hint: t("placement:form.weeks_hint"),
      required: false,
      min: PLACEMENT_LIMITS.weeksMin,
      max: PLACEMENT_LIMITS.weeksMax,
    },
    {
      kind: "number",
      id: "hoursPerWeek",
      label: t("rules:form.hours_per_week"),
      hint: t("rules:form.hours_per_week_hint"),
      required: false,
      min: 1,
      max: PLACEMENT_LIMITS.hoursMax,
    },
    {
      kind: "select",
      id: "benefitGroup",
      label: t("rules:form.benefit_group"),
      hint: t("rules:form.benefit_group_hint"),
      required: false,
      placeholder: t("rules:form.benefit_group_placeholder"),
      options: BENEFIT_GROUPS.map((g) => ({ value: g, label: t(`rules:benefit_groups.${g}`) })),
    },
    {
      kind: "radio",
      id: "purpose",
      label: t("rules:form.purpose"),
      required: false,
      options: PRAKTIK_PURPOSES.map((p) => ({ value: p, label: t(`rules:purposes.${p}`) })),
    },
    {
      kind: "text",
      id: "contactPerson",
      label: t("placement:form.contact_person"),
      hint: t("placement:form.contact_person_hint"),
      required: true,
      maxLength: PLACEMENT_LIMITS.contactPerson,
    },
    {
      kind: "text",
      id: "representativeName",
      label: t("rules:form.representative_name"),
      hint: t("rules:form.representative_name_hint"),
      required: false,
      maxLength: PLACEMENT_LIMITS.representativeName,
    },
    {
      kind: "radio",
      id: "representativeConfirmed",
      label: t("rules:form.representative_confirmed"),
      required: false,
      options: [
        { value: "yes", label: t("common:yes") },
        { value: "no", label: t("common:no") },
      ],
    },
    {
      kind: "checkboxes",
      id: "needs",
      label: t("placement:form.needs"),
      required: false,
      options: NEEDS.map((n) => ({ value: n, label: t(`placement:needs.${n}`) })),
    },
    {
      kind: "text",
      id: "note",
      label: t("placement:form.note"),
      hint: t("placement:form.note_hint", { max: PLACEMENT_LIMITS.note }),
      required: false,
      maxLength: PLACEMENT_LIMITS.note,
      multiline: true,
    },
    {
      kind: "checkboxes",
      id: "personalDataChecked",
      label: t("privacy:form.checked_label"),
      required: false,
      options: [{ value: "checked", label: t("privacy:form.checked_option") }],
    },
    ...(context.canExemptFromRatio
      ? [
          {
            kind: "text",
            id: "ratioExemption",
            label: t("rules:form.ratio_exemption"),
            hint: t("rules:form.ratio_exemption_hint"),
            required: false,
            maxLength: PLACEMENT_LIMITS.ratioExemption,
            multiline: true,
          } satisfies FormField,
        ]
      : []),
  ];
}

export function placementFormView(args: {
  context: PlacementFormContext;
  t: Translate;
  locale: Locale;
  nonce: string;
  today: string;
  values?: FormValues;
  errors?: FieldErrors;
}): FormView {
  const { context, t, locale } = args;
  const organisation = context.fixedOrganisation?.id ?? (context.organisations.length === 1 ? context.organisations[0]!.id : undefined);
  const defaults: FormValues = {
    ...(organisation ? { organisation } : {}),
    places: "1",
    startDate: args.today,
    employerSector: "private",
  };
  return {
    formId: PLACEMENT_FORM_ID,
    title: t("placement:form.title"),
    submitLabel: t("placement:form.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("placement:form.intro"),
    fields: placementFormFields(context, t, locale),
    values: { ...defaults, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: context.fixedOrganisation ? { organisation: context.fixedOrganisation.id } : {},
  };
}
