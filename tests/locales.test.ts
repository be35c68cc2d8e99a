import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR, loadResources } from "../src/i18n/index.js";

function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (value === null || typeof value !== "object") return { [prefix]: value };
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => Object.entries(flatten(child, prefix ? `${prefix}.${key}` : key))),
  );
}

const resources = loadResources();
const flat = (locale: "da" | "en") =>
  Object.fromEntries(Object.entries(resources[locale]!).flatMap(([ns, content]) => Object.entries(flatten(content)).map(([k, v]) => [`${ns}:${k}`, v])));

describe("translations", () => {
  it("has the same namespaces in Danish and English", () => {
    expect(readdirSync(path.join(LOCALES_DIR, "en")).sort()).toEqual(readdirSync(path.join(LOCALES_DIR, "da")).sort());
  });

  it("has every Danish key in English and nothing extra", () => {
    expect(Object.keys(flat("en")).sort()).toEqual(Object.keys(flat("da")).sort());
  });

  it.each(["da", "en"] as const)("has no empty strings in %s", (locale) => {
    const empty = Object.entries(flat(locale)).filter(([, v]) => typeof v !== "string" || v.trim() === "");
    expect(empty).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    const da = flat("da");
    const en = flat("en");
    const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(da).filter((key) => JSON.stringify(vars(da[key])) !== JSON.stringify(vars(en[key])));
    expect(mismatched).toEqual([]);
  });

  it("uses only keys that exist, wherever the source names one literally", () => {
    const known = new Set(Object.keys(flat("da")));
    const prefixes = new Set([...known].map((k) => k.slice(0, k.lastIndexOf("."))));
    const missing: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith(".ts")) {
          const source = readFileSync(file, "utf8");
          for (const match of source.matchAll(
            /["'`]((?:common|form|placement|progress|help|access|admin|errors|quarterly|rules|support|digest):[a-z_.]+)(\$\{)?/g,
          )) {
            const key = match[1]!;
            // A key built at run time ("placement:sectors.${s}") must name an existing group.
            if (match[2] ? !prefixes.has(key.replace(/\.$/, "")) : !known.has(key)) missing.push(`${path.relative(process.cwd(), file)}: ${key}`);
          }
        }
      }
    };
    walk(path.resolve("src"));
    expect(missing).toEqual([]);
  });
});
