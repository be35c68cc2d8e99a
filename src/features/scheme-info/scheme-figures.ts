// The numbers a scheme card shows, read from the rule set in force (with the partnership's
// overrides), so a card changes with the law and never holds a number of its own.
import type { IsoDate } from "../../kernel/dates.js";
import type { PlacementRuleSettings } from "../placement-rules/index.js";
import type { Scheme } from "./schemes.js";

/** A figure for a card: an i18n key under schemes:facts and its values (numbers formatted by the view). */
export type SchemeFact = { key: string; vars: Record<string, number | string> };

/** The values a scheme's text may name, e.g. {{iguBonusKr}}: numbers, dates (IsoDate) and names. */
export type SchemeVars = Record<string, number | string>;

export type SchemeFigures = {
  validFrom: IsoDate;
  /** The rule set's numbers are not yet confirmed against the law. */
  placeholder: boolean;
  vars: SchemeVars;
  facts: Record<Scheme, SchemeFact[]>;
};

const range = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });

export function schemeFigures(rules: PlacementRuleSettings, locale: "da" | "en"): SchemeFigures {
  const praktik = range(Object.values(rules.praktik.weeks));
  const publicMonths = range([rules.loentilskud.months.public, ...Object.values(rules.loentilskud.byGroup.public)]);
  const privateMonths = range([rules.loentilskud.months.private, ...Object.values(rules.loentilskud.byGroup.private)]);
  const { igu, loentilskud, citations } = rules;
  const hourly = loentilskud.hourlyKr;
  const vars: SchemeVars = {
    praktikWeeksMin: praktik.min,
    praktikWeeksMax: praktik.max,
    praktikExtendedWeeks: rules.praktik.extendedWeeks,
    praktikMaxHours: rules.praktik.maxHoursPerWeek,
    loentilskudPublicMin: publicMonths.min,
    loentilskudPublicMax: publicMonths.max,
    loentilskudPrivateMin: privateMonths.min,
    loentilskudPrivateMax: privateMonths.max,
    iguMonths: igu.months,
    iguYears: igu.months / 12,
    iguHours: igu.minHoursPerWeek,
    iguSchoolWeeks: igu.schoolWeeks,
    iguBonusKr: igu.bonusKr,
    iguBonusPayments: igu.bonusPayments,
    iguBonusAfterMonths: igu.bonusAfterMonths,
    iguLastNewStart: igu.lastNewStart,
    iguAgeMin: igu.ages.min,
    iguAgeMax: igu.ages.max,
    authority: rules.wording.authority[locale],
  };
  const hourlyFact: SchemeFact =
    hourly.public === null && hourly.private === null
      ? { key: "loentilskud_hourly_unset", vars: {} }
      : { key: "loentilskud_hourly", vars: { public: hourly.public ?? "–", private: hourly.private ?? "–" } };
  return {
    validFrom: rules.validFrom,
    placeholder: rules.placeholder,
    vars,
    facts: {
      praktik: [
        { key: "praktik_weeks", vars: { min: praktik.min, max: praktik.max, citation: citations.praktikDuration } },
        { key: "praktik_extended", vars: { weeks: rules.praktik.extendedWeeks } },
        { key: "praktik_hours", vars: { hours: rules.praktik.maxHoursPerWeek } },
      ],
      loentilskud: [
        { key: "loentilskud_public", vars: { min: publicMonths.min, max: publicMonths.max, citation: citations.loentilskud } },
        {
          key: loentilskud.verified.private ? "loentilskud_private" : "loentilskud_private_unverified",
          vars: { min: privateMonths.min, max: privateMonths.max },
        },
        hourlyFact,
      ],
      igu: [
        { key: "igu_length", vars: { months: igu.months, hours: igu.minHoursPerWeek, schoolWeeks: igu.schoolWeeks, citation: citations.igu } },
        {
          key: igu.bonusEmployers.includes("public") ? "igu_bonus_all" : "igu_bonus_private",
          vars: { payments: igu.bonusPayments, kr: igu.bonusKr, afterMonths: igu.bonusAfterMonths },
        },
        { key: "igu_ages", vars: { min: igu.ages.min, max: igu.ages.max } },
        { key: "igu_last_start", vars: { date: igu.lastNewStart } },
      ],
      ordinaer: [],
      laerling: [],
      mentor: [],
      tolk: [],
      fleksjob: [],
    },
  };
}
