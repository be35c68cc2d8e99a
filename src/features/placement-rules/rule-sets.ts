// The placement rules as data, one rule set per date the law changes. A placement is judged by
// the set in force at its start, an extension by the set in force on the day it is decided.
// Sources are in the README of this folder; a partnership secretariat adjusts a set through
// Partnership.settings.rules (src/db/placement-rules-settings.ts), never by editing this file.
import type { PlacementRuleSettings, TargetGroup } from "./rule-set.js";

/** The person's target group (ydelsesgruppe): its key, its name's i18n key, and keys it replaced. */
const group = (key: string, formerKeys: string[] = []): TargetGroup => ({ key, label: `rules:benefit_groups.${key}`, formerKeys });

/**
 * In force since lov nr. 1750 af 29/12/2025 ("jobcenteret" became "kommunen", one
 * virksomhedsindgang per municipality, jobrotation abolished), as the law stands on 1 December 2026.
 */
const RULES_2026: PlacementRuleSettings = {
  validFrom: "2026-02-01",
  placeholder: false,
  groups: [
    group("dagpenge"),
    group("kontanthjaelp_jobparat"),
    group("kontanthjaelp_jobparat_uden_erfaring"),
    group("dagpenge_nyuddannet"),
    group("over_50_langtidsledig"),
    group("aktivitetsparat"),
    group("sygedagpenge"),
    group("jobafklaring"),
    group("fleksjob_visiteret"),
    group("foertidspension"),
    // The refugee group is the introduktionsprogram (integrationsloven); the earlier key still reads.
    group("introduktionsprogram", ["integrationsprogram"]),
  ],
  // The ratio rule (BAB § 65; LAB § 77 for løntilskud): part-time counts as hours / 37 and no
  // rounding rule is published, so nothing is rounded away.
  ratio: { band: 50, perSmall: 5, perLarge: 10, minimum: 1, rounding: "none", fullTimeHours: 37 },
  // Praktik durations (LAB § 61): 4, 8 or 13 weeks by target group; the 13-week groups may be
  // extended to 26 weeks after a concrete assessment, and beyond that 13 weeks at a time only
  // with "et helt særligt behov" (LAB § 61 stk. 2), whose reason is recorded.
  praktik: {
    weeks: {
      dagpenge: 4,
      kontanthjaelp_jobparat: 4,
      kontanthjaelp_jobparat_uden_erfaring: 13,
      dagpenge_nyuddannet: 8,
      over_50_langtidsledig: 8,
      aktivitetsparat: 13,
      sygedagpenge: 13,
      jobafklaring: 13,
      fleksjob_visiteret: 13,
      foertidspension: 13,
      introduktionsprogram: 13,
    },
    extendable: ["aktivitetsparat", "sygedagpenge", "jobafklaring", "fleksjob_visiteret", "foertidspension", "introduktionsprogram"],
    extendedWeeks: 26,
    extensionStepWeeks: 13,
    maxHoursPerWeek: 37,
  },
  // Løntilskud (LAB § 68 ff.) by employer and target group. Public employers: 4 months for
  // dagpenge, 6 for kontanthjælp, 12 for sygedagpenge, jobafklaring and integration (verified).
  // Private employers: the exact table is not verified, so today's 6 months stands until the
  // secretariat adjusts it. Without a target group the shorter `months` applies.
  loentilskud: {
    months: { private: 6, public: 4 },
    byGroup: {
      public: {
        dagpenge: 4,
        dagpenge_nyuddannet: 4,
        over_50_langtidsledig: 4,
        kontanthjaelp_jobparat: 6,
        kontanthjaelp_jobparat_uden_erfaring: 6,
        aktivitetsparat: 6,
        sygedagpenge: 12,
        jobafklaring: 12,
        introduktionsprogram: 12,
      },
      private: {},
    },
    verified: { public: true, private: false },
    // The subsidy per hour is not in the law as gathered: the secretariat sets it (settings.rules.loentilskud.hourlyKr).
    hourlyKr: { public: null, private: null },
  },
  // IGU (lov om integrationsgrunduddannelse): 2 years, 25 hours, 23 school weeks; extended for
  // leave, illness over 8 weeks or an unfinished school part; new IGUs until 31 December 2027;
  // the bonus for private employers only, within the EU de minimis limit.
  igu: {
    months: 24,
    minHoursPerWeek: 25,
    schoolWeeks: 23,
    bonusAfterMonths: 6,
    lastNewStart: "2027-12-31",
    extensionReasons: ["leave", "illness", "school"],
    bonusEmployers: ["private"],
    // The bonus, 2 × 20,000 kr (siri.dk; DI); new IGUs for ages 18–49 (L 82, 2023-24).
    bonusKr: 20000,
    bonusPayments: 2,
    ages: { min: 18, max: 49 },
  },
  citations: {
    praktikDuration: "LAB § 61",
    ratio: "BAB § 65, LAB § 77",
    loentilskud: "LAB § 68",
    igu: "lov om integrationsgrunduddannelse",
  },
  wording: { authority: { da: "kommunen", en: "the municipality" }, entryPoint: null },
};

/**
 * The new main act on the active employment effort is expected from 1 January 2027. Whether it
 * changes durations, the ratio rule or section numbers is not verified: this placeholder repeats
 * the 2026 numbers until the secretariat adjusts them.
 */
const RULES_2027: PlacementRuleSettings = { ...structuredClone(RULES_2026), validFrom: "2027-01-01", placeholder: true };

/** Every rule set, oldest first. */
export const RULE_SETS: readonly PlacementRuleSettings[] = [RULES_2026, RULES_2027];
