// The contracts of the support forms. Each schema's output is its use case's input; its keys are
// the form's field ids; each limit is one constant the form shows too.
import { z } from "zod";
import {
  zChoice,
  zOptionalCvr,
  zOptionalDate,
  zOptionalId,
  zOptionalInteger,
  zOptionalText,
  zPersonalDataChecked,
  zRequiredText,
} from "../../kernel/fields.js";
import { INTERPRETER_LANGUAGE, isInterpreterLanguage } from "../../kernel/personal-data.js";
import { SUPPORT_KINDS } from "./store.js";
import { DECLINE_REASON_MAX } from "./transition-support-request.js";

export const SUPPORT_LIMITS = {
  companyName: 120,
  /** Room for "12 34 56 78" as people type it. */
  cvr: 12,
  language: INTERPRETER_LANGUAGE.max,
  note: 500,
  timeWindow: 11,
  hoursMin: 1,
  hoursMax: 37,
  weeksMin: 1,
  weeksMax: 52,
} as const;

const timeWindow = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim().replace(/\s+/g, "").replace(/[.]/g, ":").replace(/[–—]/g, "-") : undefined),
  z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-3]):[0-5]\d$/, { error: "support:errors.time_window" })
    .optional(),
);

/** A support request, for a placement or for a company (the kind comes from the form's state). */
export const ZRequestSupportInput = z
  .object({
    kind: zChoice(SUPPORT_KINDS),
    placementId: zOptionalId(),
    organisationId: zOptionalId(),
    companyName: zOptionalText(SUPPORT_LIMITS.companyName),
    cvr: zOptionalCvr(SUPPORT_LIMITS.cvr),
    wantedOn: zOptionalDate(),
    timeWindow,
    /** The interpreter's language: a need, named as one or a few languages (no text about the person). */
    language: zOptionalText(SUPPORT_LIMITS.language).refine((v) => v === undefined || isInterpreterLanguage(v), {
      error: "support:errors.language_format",
    }),
    hoursPerWeek: zOptionalInteger(SUPPORT_LIMITS.hoursMin, SUPPORT_LIMITS.hoursMax),
    weeks: zOptionalInteger(SUPPORT_LIMITS.weeksMin, SUPPORT_LIMITS.weeksMax),
    note: zOptionalText(SUPPORT_LIMITS.note),
    /** The person checked that words suggesting special-category data (GDPR art. 9) in the note are not about the candidate. */
    personalDataChecked: zPersonalDataChecked(),
  })
  .superRefine((v, ctx) => {
    const required = (path: string) => ctx.addIssue({ code: "custom", path: [path], message: "form:errors.required" });
    if (!v.placementId && !v.companyName) ctx.addIssue({ code: "custom", path: ["companyName"], message: "support:errors.placement_or_company" });
    if (v.kind === "interpreter" && !v.language) required("language");
    if (v.kind === "mentor" && v.hoursPerWeek === undefined) required("hoursPerWeek");
    if (v.kind === "mentor" && v.weeks === undefined) required("weeks");
  });
export type TRequestSupportInput = z.output<typeof ZRequestSupportInput>;

/** Jobcenter staff decline a request with a reason the requester reads. */
export const ZDeclineSupportRequestInput = z.object({ reason: zRequiredText(DECLINE_REASON_MAX) });
