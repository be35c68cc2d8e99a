// What may import what. The core (kernel and features) knows no platform, no Prisma and no
// i18next; a feature reaches another only through its index.ts; the kernel imports no feature;
// use cases import no views, forms or adapters; Slack and Teams never import each other.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : file.endsWith(".ts") ? [file] : [];
  });
}

function imports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/(?:import|export)[^"';]*from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** The repository-relative file a relative import points at ("src/kernel/dates.ts"). */
function resolved(file: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  return path.normalize(path.join(path.dirname(file), spec)).replace(/\.js$/, ".ts");
}

function offenders(files: string[], bad: (spec: string, target: string | undefined, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    imports(file)
      .filter((spec) => bad(spec, resolved(file, spec), file))
      .map((spec) => `${file} imports ${spec}`),
  );
}

const PLATFORM_OR_STORAGE = /^(@slack\/|@microsoft\/|@prisma\/|prisma|i18next|express|pino)/;
const featureOf = (file: string) => /^src\/features\/([^/]+)\//.exec(file)?.[1];
const FEATURE_FILES = sources("src/features");
/** Use cases and rules: verb-noun files (register-placement.ts, ratio-rule.ts), not forms, contracts, views, jobs, ports or documents. */
const USE_CASES = FEATURE_FILES.filter(
  (file) =>
    /\/[a-z]+-[a-z-]+\.ts$/.test(file) &&
    !/(form|contract|fields|view|views|bot|job|store|index)[^/]*\.ts$/.test(path.basename(file)) &&
    !file.includes("/report/"),
);

describe("architecture", () => {
  it("keeps the kernel and the features free of platforms, Prisma, i18next and the server", () => {
    expect(
      offenders(
        [...sources("src/kernel"), ...FEATURE_FILES, ...sources("src/bot")],
        (spec, target) => PLATFORM_OR_STORAGE.test(spec) || /^src\/(slack|teams|db|i18n|http)\//.test(target ?? ""),
      ),
    ).toEqual([]);
  });

  it("keeps the kernel free of features and of the bot", () => {
    expect(offenders(sources("src/kernel"), (_spec, target) => /^src\/(features|bot)\//.test(target ?? ""))).toEqual([]);
  });

  it("lets a feature reach another feature only through its index.ts", () => {
    expect(
      offenders(FEATURE_FILES, (_spec, target, file) => {
        const other = target ? featureOf(target) : undefined;
        return other !== undefined && other !== featureOf(file) && target !== `src/features/${other}/index.ts`;
      }),
    ).toEqual([]);
  });

  it("keeps the features from importing the bot", () => {
    expect(offenders(FEATURE_FILES, (_spec, target) => /^src\/bot\//.test(target ?? ""))).toEqual([]);
  });

  it("keeps use cases free of views, forms and adapters", () => {
    expect(USE_CASES.length).toBeGreaterThan(10);
    expect(
      offenders(
        USE_CASES,
        (_spec, target) => target !== undefined && /(\/form|\/forms|\/views?|\/bot|-view)\.ts$|\/kernel\/(form|common-views|message)\.ts$/.test(target),
      ),
    ).toEqual([]);
  });

  it("keeps Slack and Teams from importing each other", () => {
    expect([
      ...offenders(sources("src/slack"), (spec, target) => spec.startsWith("@microsoft/") || /^src\/teams\//.test(target ?? "")),
      ...offenders(sources("src/teams"), (spec, target) => spec.startsWith("@slack/") || /^src\/slack\//.test(target ?? "")),
    ]).toEqual([]);
  });
});
