// The contracts of the forms for a placement already registered. Each schema's output is its use
// case's input; its keys are the form's field ids; each limit is one constant the form shows too.
import { z } from "zod";
import { containsCpr } from "../../kernel/cpr.js";
import { zDate, zId, zOptionalText, zRequiredText } from "../../kernel/fields.js";
import { normaliseText } from "../../kernel/text.js";
import { zOptionalChoice, zOptionalDecimal, zOptionalYesNo } from "./rule-fields.js";
import { END_REASONS, IGU_EXTENSION_REASONS, OUTCOMES } from "./rule-set.js";

export const RULE_FORM_LIMITS = {
  tasks: 1000,
  reason: 300,
  representativeName: 120,
  refusalReason: 500,
  wageCostMin: 0,
  wageCostMax: 1_000_000,
  contactEmail: 120,
  /** Room for "+45 12 34 56 78" as people type it. */
  contactPhone: 20,
  workingTime: 120,
  employeesMin: 0,
  employeesMax: 100000,
} as const;

const firstTrimmed = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  const typed = typeof first === "string" ? normaliseText(first).trim() : "";
  return typed === "" ? undefined : typed;
};

/** The company contact's e-mail for VITAS: one address, no spaces. */
const zOptionalEmail = z.preprocess(
  firstTrimmed,
  z
    .string()
    .max(RULE_FORM_LIMITS.contactEmail, { error: "form:errors.too_long" })
    .refine((v) => !containsCpr(v), { error: "form:errors.cpr", abort: true })
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: "rules:errors.email" })
    .optional(),
) as unknown as z.ZodOptional<z.ZodType<string>>;

/** The company contact's phone for VITAS: digits and spaces, an optional leading +. */
const zOptionalPhone = z.preprocess(
  firstTrimmed,
  z
    .string()
    .max(RULE_FORM_LIMITS.contactPhone, { error: "form:errors.too_long" })
    // Ten digits a person types into a phone field may well be a CPR number: never kept.
    .refine((v) => !containsCpr(v), { error: "form:errors.cpr", abort: true })
    .regex(/^\+?\d[\d ]{6,17}\d$/, { error: "rules:errors.phone" })
    .optional(),
) as unknown as z.ZodOptional<z.ZodType<string>>;

export const ZExtendPlacementInput = z.object({
  placementId: zId(),
  endDate: zDate(),
  /** The workplace's ordinary employees now (average of the last four months); asked when the placement's figure is older than four months. */
  ordinaryEmployees: zOptionalDecimal(RULE_FORM_LIMITS.employeesMin, RULE_FORM_LIMITS.employeesMax),
  /** "Et helt særligt behov" (LAB § 61 stk. 2): required for a praktik going past 26 weeks. */
  specialNeedReason: zOptionalText(RULE_FORM_LIMITS.reason),
  /** Why an IGU runs past its two years: leave, illness over 8 weeks or an unfinished school part. */
  iguExtensionReason: zOptionalChoice(IGU_EXTENSION_REASONS),
});
export type TExtendPlacementInput = z.output<typeof ZExtendPlacementInput>;

export const ZEndPlacementInput = z.object({
  placementId: zId(),
  endedOn: zDate(),
  reason: zOptionalChoice(END_REASONS),
  outcome: zOptionalChoice(OUTCOMES),
});
export type TEndPlacementInput = z.output<typeof ZEndPlacementInput>;

export const ZConfirmRepresentativeInput = z.object({
  placementId: zId(),
  representativeName: zRequiredText(RULE_FORM_LIMITS.representativeName),
  /** Not answered counts as not confirmed. */
  representativeConfirmed: zOptionalYesNo().transform((v) => v === true),
});
export type TConfirmRepresentativeInput = z.output<typeof ZConfirmRepresentativeInput>;

export const ZPrepareVitasSummaryInput = z.object({
  placementId: zId(),
  tasks: zOptionalText(RULE_FORM_LIMITS.tasks),
  monthlyWageCost: zOptionalDecimal(RULE_FORM_LIMITS.wageCostMin, RULE_FORM_LIMITS.wageCostMax),
  contactEmail: zOptionalEmail,
  contactPhone: zOptionalPhone,
  workingTime: zOptionalText(RULE_FORM_LIMITS.workingTime),
  createdInVitas: zOptionalYesNo(),
});
export type TPrepareVitasSummaryInput = z.output<typeof ZPrepareVitasSummaryInput>;

export const ZRecordRatioExemptionInput = z.object({ placementId: zId(), reason: zRequiredText(RULE_FORM_LIMITS.reason) });
export type TRecordRatioExemptionInput = z.output<typeof ZRecordRatioExemptionInput>;

/** The municipality refuses a placement with a reason the registrant reads. */
export const ZRefusePlacementInput = z.object({ reason: zRequiredText(RULE_FORM_LIMITS.refusalReason) });
export type TRefusePlacementInput = z.output<typeof ZRefusePlacementInput>;
