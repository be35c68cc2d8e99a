// zod building blocks for form values. Each message is an i18n key shown at the field.
import { z } from "zod";
import { containsCpr } from "./cpr.js";
import { cvrProblem, normaliseCvr } from "./cvr.js";
import { isRealIsoDate } from "./dates.js";
import { normaliseText } from "./text.js";

/** What was typed, normalised (NFKC, no zero-width or control characters) and trimmed; empty as undefined. */
const trimmed = (value: unknown): string | undefined => {
  if (typeof value !== "string") return undefined;
  const t = normaliseText(value).trim();
  return t === "" ? undefined : t;
};

/**
 * Free text: normalised, trimmed, length-limited and free of CPR numbers. The text is stored as
 * normalised, so what was checked is what is kept.
 */
function zText(opts: { required: boolean; max: number }) {
  const base = z
    .string({ error: "form:errors.required" })
    .max(opts.max, { error: "form:errors.too_long" })
    .refine((v) => !containsCpr(v), { error: "form:errors.cpr" });
  return z.preprocess(trimmed, opts.required ? base : base.optional());
}

export function zRequiredText(max: number) {
  return zText({ required: true, max }) as unknown as z.ZodType<string>;
}

/** Optional in the contract's output too, so a use case's input may leave it out. */
export function zOptionalText(max: number) {
  return zText({ required: false, max }) as unknown as z.ZodOptional<z.ZodType<string>>;
}

/** A whole number within limits, typed as text. */
function zInteger(opts: { required: boolean; min: number; max: number }) {
  const base = z.coerce
    .number({ error: "form:errors.not_a_number" })
    .int({ error: "form:errors.not_a_whole_number" })
    .min(opts.min, { error: "form:errors.out_of_range" })
    .max(opts.max, { error: "form:errors.out_of_range" });
  return z.preprocess(
    (value) => {
      const text = trimmed(value);
      if (text === undefined) return undefined;
      return /^-?\d+([.,]\d+)?$/.test(text) ? text.replace(",", ".") : Number.NaN;
    },
    opts.required
      ? z
          .any()
          .refine((v) => v !== undefined, { error: "form:errors.required" })
          .pipe(base)
      : base.optional(),
  );
}

/**
 * The years any date in the bot may fall in. Narrower bounds (a placement within its
 * partnership's period, a request within the next year) are the use cases' to check, with the
 * dates in the message; this keeps 1900-01-01 and 9999-12-31 out of every form.
 */
const DATE_YEARS = { min: 2000, max: 2099 } as const;

function isDateInYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEARS.min && year <= DATE_YEARS.max;
}

const dateString = () =>
  z
    .string({ error: "form:errors.required" })
    .refine(isRealIsoDate, { error: "form:errors.invalid_date" })
    .refine(isDateInYears, { error: "form:errors.date_out_of_range" });

/** A real calendar date, YYYY-MM-DD, between the years DATE_YEARS. */
export function zDate() {
  return z.preprocess(trimmed, dateString());
}

/** An optional real calendar date; a list (some clients send one) counts by its first value. */
export function zOptionalDate() {
  return z.preprocess((value) => trimmed(Array.isArray(value) ? value[0] : value), dateString().optional()) as unknown as z.ZodOptional<z.ZodType<string>>;
}

/** One of a fixed set of values. */
export function zChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(trimmed, z.enum(values, { error: "form:errors.choose_one" }));
}

/** Any of a fixed set of values; the adapters deliver a multi-choice field as a list, none chosen as none. */
export function zChoices<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((value) => value ?? [], z.array(z.enum(values, { error: "form:errors.choose_one" })));
}

/** Yes/no radio buttons ("yes" / "no") as a boolean. */
export function zYesNo() {
  return zChoice(["yes", "no"] as const).transform((v) => v === "yes");
}

/** An id chosen from a select whose options the server made. */
export function zId() {
  return z.preprocess(trimmed, z.string({ error: "form:errors.choose_one" }).min(1, { error: "form:errors.choose_one" }));
}

/**
 * An id chosen from an optional select whose options the server made, or nothing. Cleaned like
 * text so a NUL byte never reaches a query, but not checked for CPR numbers: a generated id may
 * hold digit runs, and the use case accepts only an id it offered.
 */
export function zOptionalId(max = 100) {
  return z.preprocess((value) => {
    const first = Array.isArray(value) ? value[0] : value;
    const id = typeof first === "string" ? normaliseText(first).trim() : "";
    return id !== "" ? id : undefined;
  }, z.string().max(max, { error: "form:errors.choose_one" }).optional());
}

export function zRequiredInteger(min: number, max: number) {
  return zInteger({ required: true, min, max }) as unknown as z.ZodType<number>;
}

export function zOptionalInteger(min: number, max: number) {
  return zInteger({ required: false, min, max }) as unknown as z.ZodOptional<z.ZodType<number>>;
}

/** A company's CVR number, or nothing: 8 digits with a valid check digit, as typed with or without spaces. */
export function zOptionalCvr(max: number) {
  return z.preprocess(
    trimmed,
    z
      .string()
      .max(max, { error: "form:errors.too_long" })
      .refine((v) => !containsCpr(v), { error: "form:errors.cpr" })
      .refine((v) => cvrProblem(normaliseCvr(v)) !== "format", { error: "placement:errors.cvr_format" })
      .refine((v) => cvrProblem(normaliseCvr(v)) !== "checksum", { error: "placement:errors.cvr_checksum" })
      .transform(normaliseCvr)
      .optional(),
  );
}

/** "I have checked": the person confirms that words suggesting special-category data (GDPR art. 9) are not about the candidate. */
export function zPersonalDataChecked() {
  return zChoices(["checked"] as const)
    .transform((v) => v.includes("checked"))
    .optional();
}
