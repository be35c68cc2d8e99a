// The contract of "register a placement": what the form's fields may hold and what the use case
// receives. The keys are the form's field ids and the use case's names alike, and each limit is
// one constant that the schema checks and the form shows.
import { z } from "zod";
import { cvrProblem, normaliseCvr } from "../../kernel/cvr.js";
import {
  zChoice,
  zChoices,
  zDate,
  zId,
  zOptionalId,
  zOptionalInteger,
  zOptionalText,
  zPersonalDataChecked,
  zRequiredInteger,
  zRequiredText,
  zYesNo,
} from "../../kernel/fields.js";
import { EMPLOYER_SECTORS, NEEDS } from "../../kernel/records.js";
import { SECTORS } from "../../kernel/sectors.js";
import { PRAKTIK_PURPOSES, zOptionalChoice, zOptionalDecimal, zOptionalKey, zOptionalPNumber, zOptionalYesNo } from "../placement-rules/index.js";

export const REGISTER_PLACEMENT_LIMITS = {
  companyName: 120,
  /** Room for "12 34 56 78" as people type it. */
  cvr: 12,
  /** Room for "10 1234 5678" as people type it. */
  pNumber: 14,
  contactPerson: 120,
  note: 500,
  placesMin: 1,
  placesMax: 50,
  weeksMin: 1,
  weeksMax: 104,
  employeesMin: 0,
  employeesMax: 100000,
  hoursMin: 1,
  hoursMax: 48,
  representativeName: 120,
  ratioExemptionReason: 300,
  caseReference: 40,
} as const;

const L = REGISTER_PLACEMENT_LIMITS;

/** A company's CVR number: 8 digits with a valid check digit; spaces are dropped. */
const zCvr = z.preprocess(
  (value) => (typeof value === "string" ? normaliseCvr(value.trim()) : Array.isArray(value) ? value[0] : value),
  z
    .string({ error: "form:errors.required" })
    .min(1, { error: "form:errors.required" })
    .refine((v) => cvrProblem(v) !== "format", { error: "placement:errors.cvr_format" })
    .refine((v) => cvrProblem(v) !== "checksum", { error: "placement:errors.cvr_checksum" }),
);

export const ZRegisterPlacementInput = z.object({
  organisationId: zId(),
  /** The event the placement came from (src/features/events), when the form offered one. */
  eventId: zOptionalId(),
  companyName: zRequiredText(L.companyName),
  cvr: zCvr,
  employerSector: zChoice(EMPLOYER_SECTORS),
  sector: zChoice(SECTORS),
  shortageSector: zYesNo(),
  typeId: zId(),
  places: zRequiredInteger(L.placesMin, L.placesMax),
  startDate: zDate(),
  /** Empty means the placement type's default length. */
  weeks: zOptionalInteger(L.weeksMin, L.weeksMax),
  contactPerson: zRequiredText(L.contactPerson),
  needs: zChoices(NEEDS),
  note: zOptionalText(L.note),
  /** The workplace's P-nummer (10 digits): required for virksomhedspraktik, løntilskud, IGU and types that count for the ratio rule. */
  pNumber: zOptionalPNumber(),
  /** Ordinary employees at the workplace in full-time equivalents; may be left out when the P-nummer is known. */
  ordinaryEmployees: zOptionalDecimal(L.employeesMin, L.employeesMax),
  /** The person's target group, from the rule set in force at the start (checked by the use case). */
  benefitGroup: zOptionalKey(),
  hoursPerWeek: zOptionalDecimal(L.hoursMin, L.hoursMax),
  purpose: zOptionalChoice(PRAKTIK_PURPOSES),
  representativeName: zOptionalText(L.representativeName),
  representativeConfirmed: zOptionalYesNo(),
  /** A secretariat admin's reason for registering beyond the ratio rule. */
  ratioExemptionReason: zOptionalText(L.ratioExemptionReason),
  /** The jobcenter's case reference; empty: the bot makes a pseudonym. */
  caseReference: zOptionalText(L.caseReference),
  /** The person checked that words suggesting special-category data (GDPR art. 9) are not about the candidate. */
  personalDataChecked: zPersonalDataChecked(),
});
export type TRegisterPlacementInput = z.output<typeof ZRegisterPlacementInput>;
