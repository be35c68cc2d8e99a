/** A translation function bound to one language (i18next's `t` fixed to a locale). */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;
