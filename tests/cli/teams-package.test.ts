import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageTeamsApp, pngSize, TeamsPackageError } from "../../src/cli/teams-package.js";
import { parseCommand } from "../../src/kernel/commands.js";

const CLIENT_ID = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "praktikbot-teams-package-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The parts of the Teams app manifest these tests read; the app has one bot with one command list. */
type TeamsManifest = {
  $schema: string;
  id: string;
  manifestVersion: string;
  validDomains: string[];
  icons: { color: string; outline: string };
  name: { short: string };
  description: { short: string };
  bots: [{ botId: string; scopes: string[]; commandLists: [{ commands: unknown[] }] }];
};

async function readZip(file: string) {
  const zip = await JSZip.loadAsync(await readFile(file));
  const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as TeamsManifest;
  return { zip, manifest };
}

describe("teams:package", () => {
  it("writes manifest.json and both icons at the zip root, with CLIENT_ID and BOT_DOMAIN filled in", async () => {
    const outFile = join(dir, "with-domain.zip");
    const result = await packageTeamsApp({ env: { CLIENT_ID, BOT_DOMAIN: "https://praktikbot.example.dk/" }, outFile });
    expect(result.file).toBe(outFile);
    const { zip, manifest } = await readZip(outFile);
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);

    expect(manifest.id).toBe(CLIENT_ID);
    expect(manifest.bots[0].botId).toBe(CLIENT_ID);
    expect(manifest.validDomains).toEqual(["praktikbot.example.dk"]);
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.19);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(manifest.bots[0].scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    const commands = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[];
    expect(commands.map((c) => c.title)).toEqual(["ny", "liste", "fremdrift", "status", "tolk", "anmodninger", "rapport", "kanal", "admin", "hjælp"]);
    // Teams shows at most ten commands, and each must be a word the bot understands.
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const c of commands) expect(parseCommand(c.title).kind).toBe("command");
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);

    const color = await zip.file("color.png")!.async("uint8array");
    const outline = await zip.file("outline.png")!.async("uint8array");
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    // The outline icon is RGBA (colour type 6), so it can be transparent.
    expect(outline[25]).toBe(6);
  });

  it("leaves validDomains empty without BOT_DOMAIN", async () => {
    const outFile = join(dir, "no-domain.zip");
    await packageTeamsApp({ env: { CLIENT_ID }, outFile });
    const { manifest } = await readZip(outFile);
    expect(manifest.validDomains).toEqual([]);
  });

  it("refuses to build without CLIENT_ID, naming it", async () => {
    await expect(packageTeamsApp({ env: {}, outFile: join(dir, "none.zip") })).rejects.toThrow(TeamsPackageError);
    await expect(packageTeamsApp({ env: {}, outFile: join(dir, "none.zip") })).rejects.toThrow(/^CLIENT_ID is required/);
    await expect(packageTeamsApp({ env: { CLIENT_ID: "praktikbot" }, outFile: join(dir, "none.zip") })).rejects.toThrow(/^CLIENT_ID must be a GUID/);
  });

  it("as npm run teams:package, exits with one line naming CLIENT_ID when it is missing", async () => {
    const env = { ...process.env };
    delete env.CLIENT_ID;
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/teams-package.ts"], { env });
    const error = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: number; stderr?: string } | undefined;
    expect(error?.code).toBe(1);
    const lines = (error?.stderr ?? "").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^teams:package: CLIENT_ID is required/);
  });
});
