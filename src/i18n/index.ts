import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type Resource } from "i18next";
import type { Locale } from "../kernel/actor.js";
import { LOCALES, localeFrom } from "../kernel/actor.js";
import type { I18n as KernelI18n, Translate } from "../kernel/translate.js";

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../locales");

/** Reads locales/<lang>/<namespace>.json for every language. */
export function loadResources(dir = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const locale of LOCALES) {
    const folder = path.join(dir, locale);
    resources[locale] = {};
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".json"))) {
      resources[locale]![path.basename(file, ".json")] = JSON.parse(readFileSync(path.join(folder, file), "utf8"));
    }
  }
  return resources;
}

export type I18n = KernelI18n & { instance: i18n };

/** How many texts without variables each language keeps looked up: more than the locales hold. */
const PLAIN_TEXTS_KEPT = 10_000;

/** One i18next instance for the process; `t(locale)` gives a translator for a person's language. */
export function createI18n(defaultLocale: Locale): I18n {
  const resources = loadResources();
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources[defaultLocale] ?? {}),
    defaultNS: "common",
    nsSeparator: ":",
    keySeparator: ".",
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  const cache = new Map<Locale, Translate>();
  return {
    instance,
    localeOf: (stored) => localeFrom(stored, defaultLocale),
    t: (locale) => {
      let translate = cache.get(locale);
      if (!translate) {
        const fixed = instance.getFixedT(locale);
        // A text without variables is the same every time: looked up once (a form has dozens).
        // Bounded, as a key may be made from what a client sent.
        const plain = new Map<string, string>();
        translate = (key, vars) => {
          if (vars !== undefined) return String(fixed(key, vars));
          let text = plain.get(key);
          if (text === undefined) {
            text = String(fixed(key, {}));
            if (plain.size < PLAIN_TEXTS_KEPT) plain.set(key, text);
          }
          return text;
        };
        cache.set(locale, translate);
      }
      return translate;
    },
  };
}
