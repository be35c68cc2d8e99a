// Partnership.settings.rules: a partnership's overrides of the placement rules' numbers.
// Anything that does not check out is ignored (the default applies) rather than stopping the bot.
import { z } from "zod";
import { BENEFIT_GROUPS, type PlacementRuleOverrides, RATIO_ROUNDINGS } from "../features/placement-rules/rule-set.js";

const positive = z.number().positive();
const whole = z.number().int().positive();

const ZPlacementRuleOverridesSchema = z.object({
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
      weeks: z.partialRecord(z.enum(BENEFIT_GROUPS), whole).optional(),
      extendable: z.array(z.enum(BENEFIT_GROUPS)).optional(),
      extendedWeeks: whole.optional(),
      extensionStepWeeks: whole.optional(),
      maxHoursPerWeek: positive.optional(),
    })
    .optional(),
  loentilskud: z.object({ months: z.object({ private: whole.optional(), public: whole.optional() }).optional() }).optional(),
  igu: z
    .object({ months: whole.optional(), minHoursPerWeek: positive.optional(), schoolWeeks: whole.optional(), bonusAfterMonths: whole.optional() })
    .optional(),
});

/** The `rules` part of a partnership's settings; {} when absent or not valid. */
export function placementRuleOverrides(settings: unknown): PlacementRuleOverrides {
  const rules = settings && typeof settings === "object" ? (settings as { rules?: unknown }).rules : undefined;
  const parsed = ZPlacementRuleOverridesSchema.safeParse(rules ?? {});
  return parsed.success ? (parsed.data as PlacementRuleOverrides) : {};
}
