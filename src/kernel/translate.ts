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
