import type { Locale } from "./actor.js";

/** A translation function bound to one language (i18next's `t` fixed to a locale). */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** Gives a translator for a person's language; src/i18n builds it on i18next. */
export type I18n = {
  t: (locale: Locale) => Translate;
  /**
   * The language a stored or platform locale ("en", "da-DK", null) stands for: English or Danish,
   * and the deployment's BOT_DEFAULT_LOCALE for anything else. The one place that decides it.
   */
  localeOf: (stored: string | null | undefined) => Locale;
};

const DECIMALS: Record<Locale, Intl.NumberFormat> = {
  da: new Intl.NumberFormat("da-DK", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }),
};

/** A number as people read it in their language, with at most one decimal: "18,5" in Danish, "18.5" in English. */
export function formatDecimal(value: number, locale: Locale): string {
  return DECIMALS[locale].format(value);
}
