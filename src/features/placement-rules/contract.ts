// The contracts of the forms for a placement already registered. Each schema's output is its use
// case's input; its keys are the form's field ids; each limit is one constant the form shows too.
import { z } from "zod";
import { zDate, zId, zOptionalText, zRequiredText } from "../../kernel/fields.js";
import { zOptionalChoice, zOptionalDecimal, zOptionalYesNo } from "./rule-fields.js";
import { END_REASONS, IGU_EXTENSION_REASONS, OUTCOMES } from "./rule-set.js";

export const RULE_FORM_LIMITS = {
  tasks: 1000,
  reason: 300,
  representativeName: 120,
  wageCostMin: 0,
  wageCostMax: 1_000_000,
  employeesMin: 0,
  employeesMax: 100000,
} as const;

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
  createdInVitas: zOptionalYesNo(),
});
export type TPrepareVitasSummaryInput = z.output<typeof ZPrepareVitasSummaryInput>;

export const ZRecordRatioExemptionInput = z.object({ placementId: zId(), reason: zRequiredText(RULE_FORM_LIMITS.reason) });
export type TRecordRatioExemptionInput = z.output<typeof ZRecordRatioExemptionInput>;
