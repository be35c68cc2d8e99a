// Partnership.settings.rules: a partnership's overrides of the placement rules — for every rule
// set at the top level, and for one set under `bySet`, keyed by the date the set is valid from:
//   { "ratio": { "rounding": "down" }, "bySet": { "2027-01-01": { "praktik": { "weeks": { "dagpenge": 6 } } } } }
// Anything that does not check out is ignored (the built-in rule set applies) rather than stopping the bot.
import { z } from "zod";
import { IGU_EXTENSION_REASONS, knownGroupKeys, type PlacementRuleOverrides, RATIO_ROUNDINGS } from "../features/placement-rules/rule-set.js";
import { EMPLOYER_SECTORS } from "../kernel/records.js";

const positive = z.number().positive();
const whole = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const groupKey = z.string().refine((k) => knownGroupKeys().includes(k));
const sectorMonths = z.object({ private: whole.optional(), public: whole.optional() });
const text = z.string().trim().min(1).max(120);

const ZRuleSetOverrides = z.object({
  ratio: z
    .object({
      band: whole.optional(),
      perSmall: whole.optional(),
      perLarge: whole.optional(),
      minimum: z.number().int().min(0).optional(),
      rounding: z.enum(RATIO_ROUNDINGS).optional(),
      fullTimeHours: positive.optional(),
    })
    .optional(),
  praktik: z
    .object({
      weeks: z.record(groupKey, whole).optional(),
      extendable: z.array(groupKey).optional(),
      extendedWeeks: whole.optional(),
      extensionStepWeeks: whole.optional(),
      maxHoursPerWeek: positive.optional(),
    })
    .optional(),
  loentilskud: z
    .object({
      months: sectorMonths.optional(),
      byGroup: z.object({ private: z.record(groupKey, whole).optional(), public: z.record(groupKey, whole).optional() }).optional(),
      hourlyKr: z.object({ private: positive.nullable().optional(), public: positive.nullable().optional() }).optional(),
    })
    .optional(),
  igu: z
    .object({
      months: whole.optional(),
      minHoursPerWeek: positive.optional(),
      schoolWeeks: whole.optional(),
      bonusAfterMonths: whole.optional(),
      lastNewStart: isoDate.optional(),
      extensionReasons: z.array(z.enum(IGU_EXTENSION_REASONS)).optional(),
      bonusEmployers: z.array(z.enum(EMPLOYER_SECTORS)).optional(),
      bonusKr: whole.optional(),
      bonusPayments: whole.optional(),
      ages: z.object({ min: whole, max: whole }).optional(),
    })
    .optional(),
  // What the municipality is called in the messages, and its virksomhedsindgang (lov nr. 1750 af 29/12/2025).
  wording: z
    .object({
      authority: z.object({ da: text, en: text }).optional(),
      entryPoint: z
        .object({ name: text, url: z.url({ protocol: /^https$/ }) })
        .nullable()
        .optional(),
    })
    .optional(),
});

const ZPlacementRuleOverridesSchema = ZRuleSetOverrides.extend({ bySet: z.record(isoDate, ZRuleSetOverrides).optional() });

/** The `rules` part of a partnership's settings; {} when absent or not valid. */
export function placementRuleOverrides(settings: unknown): PlacementRuleOverrides {
  const rules = settings && typeof settings === "object" ? (settings as { rules?: unknown }).rules : undefined;
  const parsed = ZPlacementRuleOverridesSchema.safeParse(rules ?? {});
  return parsed.success ? (parsed.data as PlacementRuleOverrides) : {};
}
