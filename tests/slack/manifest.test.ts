// The Slack app manifest and the adapter agree on the endpoint, the command and the words.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/kernel/commands.js";
import { SLASH_COMMAND } from "../../src/slack/handlers/commands.js";
import { BOT_SCOPES, SLACK_EVENTS_PATH, SLACK_OAUTH_REDIRECT_PATH } from "../../src/slack/index.js";

const manifest = readFileSync(new URL("../../manifests/slack/manifest.yaml", import.meta.url), "utf8");
const value = (key: string) => [...manifest.matchAll(new RegExp(`^\\s*(?:- )?${key}:\\s*(.+)$`, "gm"))].map((m) => m[1]!.trim().replace(/^"|"$/g, ""));

describe("manifests/slack/manifest.yaml", () => {
  it("sends the slash command and interactivity to the adapter's endpoint", () => {
    expect(value("url")).toEqual([`https://YOUR-HOST${SLACK_EVENTS_PATH}`]);
    expect(value("request_url")).toEqual([`https://YOUR-HOST${SLACK_EVENTS_PATH}`, `https://YOUR-HOST${SLACK_EVENTS_PATH}`]);
    expect(value("command")).toEqual(["/praktik"]);
    expect(SLASH_COMMAND.test("/praktik")).toBe(true);
  });

  it("offers only words the bot understands", () => {
    const words = value("usage_hint")[0]!
      .split("|")
      .map((w) => w.trim());
    expect(words).toEqual(["ny", "liste", "fremdrift", "status", "tolk", "anmodninger", "rapport", "kanal", "hjælp"]);
    for (const word of words) expect(parseCommand(word).kind).toBe("command");
  });

  it("asks for the scopes the adapter uses (and asks for at installation), in HTTP mode by default", () => {
    const bot = manifest.slice(manifest.indexOf("    bot:"), manifest.indexOf("\nsettings:"));
    const scopes = [...bot.matchAll(/^\s+- ([a-z:.]+)$/gm)].map((m) => m[1]);
    expect(scopes).toEqual([...BOT_SCOPES]);
    expect(value("socket_mode_enabled")).toEqual(["false"]);
    expect(value("org_deploy_enabled")).toEqual(["false"]);
    expect(value("is_enabled")).toEqual(["true"]);
  });

  it("sends people back from Slack's consent screen to the adapter, and tells it when a workspace removes the app", () => {
    expect(manifest).toMatch(new RegExp(`^\\s+- https://YOUR-HOST${SLACK_OAUTH_REDIRECT_PATH}$`, "m"));
    expect(manifest).toMatch(/^\s+- app_uninstalled$/m);
    expect(manifest).toMatch(/^\s+- tokens_revoked$/m);
  });
});
