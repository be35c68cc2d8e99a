// Every source folder explains itself: a README.md whose table names each file in it (files in
// sub-folders by their path from the README's folder, e.g. `handlers/actions.ts`).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SOURCE_ROOTS = [
  "src",
  ...readdirSync("src")
    .map((name) => path.join("src", name))
    .filter((dir) => statSync(dir).isDirectory()),
];
const FOLDERS = [...SOURCE_ROOTS, ...readdirSync("src/features").map((name) => path.join("src/features", name))].filter((dir) => statSync(dir).isDirectory());

function filesUnder(dir: string, stopAt: ReadonlySet<string>): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return stopAt.has(file) ? [] : filesUnder(file, stopAt);
    return file.endsWith(".ts") ? [file] : [];
  });
}

describe("folder READMEs", () => {
  const withReadme = new Set(FOLDERS.filter((dir) => dir !== "src" && dir !== "src/features"));

  it.each([...withReadme])("%s/README.md names every file in the folder", (dir) => {
    const readme = path.join(dir, "README.md");
    expect(existsSync(readme), `${readme} is missing`).toBe(true);
    const text = readFileSync(readme, "utf8");
    const missing = filesUnder(dir, withReadme)
      .map((file) => path.relative(dir, file))
      .filter((rel) => !text.includes(`\`${rel}\``));
    expect(missing).toEqual([]);
  });

  it("the root README's layout names every file directly in src/ and every folder", () => {
    const text = readFileSync("README.md", "utf8");
    const names = readdirSync("src").map((name) => (statSync(path.join("src", name)).isDirectory() ? `src/${name}/` : `src/${name}`));
    expect(names.filter((name) => !text.includes(`\`${name}\``))).toEqual([]);
  });
});
