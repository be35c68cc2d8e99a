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
  return [...source.matchAll(/(?:import|export)[^"']*from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

describe("architecture", () => {
  it("keeps the domain core free of platforms, Prisma and i18next", () => {
    const forbidden = /^(@slack\/|@microsoft\/|@prisma\/|prisma|i18next|express|pino)|\/(slack|teams|db|i18n\/index)\//;
    const offenders = sources("src/domain").flatMap((file) =>
      imports(file)
        .filter((spec) => forbidden.test(spec) || spec.includes("../slack") || spec.includes("../teams") || spec.includes("../db"))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps forms and views free of platform SDKs", () => {
    const offenders = [...sources("src/forms"), ...sources("src/views"), ...sources("src/bot")].flatMap((file) =>
      imports(file)
        .filter((spec) => /^(@slack\/|@microsoft\/|@prisma\/)/.test(spec) || /\.\.\/(slack|teams|db)\//.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps Slack and Teams from importing each other", () => {
    const offenders = [
      ...sources("src/slack").flatMap((f) => imports(f).filter((s) => s.includes("/teams/") || s.startsWith("@microsoft/")).map((s) => `${f} imports ${s}`)),
      ...sources("src/teams").flatMap((f) => imports(f).filter((s) => s.includes("/slack/") || s.startsWith("@slack/")).map((s) => `${f} imports ${s}`)),
    ];
    expect(offenders).toEqual([]);
  });
});
