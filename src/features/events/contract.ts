// The contracts of the event forms: a new event, a company's sign-up, and the host's record of
// attendance. Each schema's output is its use case's input; its keys are the form's field ids.
import { z } from "zod";
import { containsCpr } from "../../kernel/cpr.js";
import { cvrProblem, normaliseCvr } from "../../kernel/cvr.js";
import { zChoice, zChoices, zDate, zOptionalInteger, zRequiredInteger, zRequiredText } from "../../kernel/fields.js";
import { SECTORS } from "../../kernel/sectors.js";
import { normaliseText } from "../../kernel/text.js";
import { EVENT_KINDS } from "./store.js";

export const EVENT_LIMITS = {
  title: 120,
  place: 200,
  capacityMin: 1,
  capacityMax: 1000,
  companyName: 120,
  cvr: 12,
  peopleMin: 1,
  peopleMax: 50,
  placesMin: 0,
  placesMax: 100,
  /** How far ahead an event may be planned, in days. */
  aheadDays: 730,
} as const;

const time = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? normaliseText(v).trim().replace(".", ":") : v),
    z.string({ error: "form:errors.required" }).regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: "events:errors.time" }),
  );

/** Ids the server offered in a multi-choice field; normalised, so a NUL byte never reaches a query. */
const ids = () =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []).map((x) => normaliseText(String(x)).trim()).filter(Boolean),
    z.array(z.string().max(100)),
  );

export const ZCreateEventInput = z
  .object({
    title: zRequiredText(EVENT_LIMITS.title),
    kind: zChoice(EVENT_KINDS),
    date: zDate(),
    startTime: time(),
    endTime: time(),
    place: zRequiredText(EVENT_LIMITS.place),
    sectors: zChoices(SECTORS),
    capacity: zRequiredInteger(EVENT_LIMITS.capacityMin, EVENT_LIMITS.capacityMax),
    hostOrganisationIds: ids(),
    channels: ids(),
  })
  .superRefine((v, ctx) => {
    const minutes = (t: string) => Number(t.split(":")[0]) * 60 + Number(t.split(":")[1]);
    if (minutes(v.endTime) <= minutes(v.startTime)) ctx.addIssue({ code: "custom", path: ["endTime"], message: "events:errors.end_before_start" });
  });
export type TCreateEventInput = z.output<typeof ZCreateEventInput>;

/** A company's CVR number, required: 8 digits with a valid check digit (modulus 11). */
const cvr = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? normaliseText(v).trim() : v),
    z
      .string({ error: "form:errors.required" })
      .min(1, { error: "form:errors.required" })
      .max(EVENT_LIMITS.cvr, { error: "form:errors.too_long" })
      .refine((v) => !containsCpr(v), { error: "form:errors.cpr" })
      .refine((v) => cvrProblem(normaliseCvr(v)) !== "format", { error: "placement:errors.cvr_format" })
      .refine((v) => cvrProblem(normaliseCvr(v)) !== "checksum", { error: "placement:errors.cvr_checksum" })
      .transform(normaliseCvr),
  );

export const ZSignUpInput = z.object({
  companyName: zRequiredText(EVENT_LIMITS.companyName),
  cvr: cvr(),
  people: zRequiredInteger(EVENT_LIMITS.peopleMin, EVENT_LIMITS.peopleMax),
  sectors: zChoices(SECTORS),
  placesOffered: zOptionalInteger(EVENT_LIMITS.placesMin, EVENT_LIMITS.placesMax),
});
export type TSignUpInput = z.output<typeof ZSignUpInput>;

export const ZAttendanceInput = z.object({ attended: ids(), placementIds: ids() });
export type TAttendanceInput = z.output<typeof ZAttendanceInput>;
