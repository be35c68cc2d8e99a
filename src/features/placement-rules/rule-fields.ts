// zod building blocks for the placement-rule fields. Fields that only some placement types need
// are optional in the form (one static form on both platforms); the server says which are
// required for the chosen type.
import { z } from "zod";

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const trimmed = (value: unknown): string | undefined => {
  const v = first(value);
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
};

/** An optional number that may have decimals ("12,5" or "12.5"). */
export function zOptionalDecimal(min: number, max: number) {
  return z.preprocess((value) => {
    const text = trimmed(value);
    if (text === undefined) return undefined;
    return /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : Number.NaN;
  }, z
    .number({ error: "rules:errors.not_a_number" })
    .min(min, { error: "rules:errors.out_of_range" })
    .max(max, { error: "rules:errors.out_of_range" })
    .optional()) as unknown as z.ZodOptional<z.ZodType<number>>;
}

/** One of a fixed set of values, or nothing. */
export function zOptionalChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(trimmed, z.enum(values, { error: "form:errors.choose_one" }).optional());
}

/**
 * A key from a list that is data (the target groups of the rule set in force): letters, digits and
 * underscores; the use case checks it against the list of the placement's rule set.
 */
export function zOptionalKey() {
  return z.preprocess(
    trimmed,
    z
      .string()
      .regex(/^[a-z0-9_]{1,60}$/, { error: "form:errors.choose_one" })
      .optional(),
  );
}

/** Yes/no, or not answered. */
export function zOptionalYesNo() {
  return zOptionalChoice(["yes", "no"] as const).transform((v) => (v === undefined ? undefined : v === "yes")) as unknown as z.ZodOptional<z.ZodType<boolean>>;
}

/** Optional text without digits beyond a P-nummer's; spaces are dropped. */
export function zOptionalPNumber() {
  return z.preprocess(
    (value) => trimmed(value)?.replace(/\s/g, ""),
    z
      .string()
      .regex(/^\d{10}$/, { error: "rules:errors.p_number_format" })
      .optional(),
  );
}
