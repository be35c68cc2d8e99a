// The Slack app manifest and the adapter agree on the endpoint, the command and the words.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/kernel/commands.js";
import { SLASH_COMMAND } from "../../src/slack/handlers/commands.js";
import { SLACK_EVENTS_PATH } from "../../src/slack/index.js";

const manifest = readFileSync(new URL("../../manifests/slack/manifest.yaml", import.meta.url), "utf8");
const value = (key: string) => [...manifest.matchAll(new RegExp(`^\\s*(?:- )?${key}:\\s*(.+)$`, "gm"))].map((m) => m[1]!.trim().replace(/^"|"$/g, ""));

describe("manifests/slack/manifest.yaml", () => {
  it("sends the slash command and interactivity to the adapter's endpoint", () => {
    expect(value("url")).toEqual([`https://YOUR-HOST${SLACK_EVENTS_PATH}`]);
    expect(value("request_url")).toEqual([`https://YOUR-HOST${SLACK_EVENTS_PATH}`]);
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

  it("asks for the scopes the adapter uses, in HTTP mode by default", () => {
    for (const scope of ["commands", "chat:write", "chat:write.public", "files:write", "im:write", "users:read"])
      expect(manifest).toMatch(new RegExp(`^\\s+- ${scope}$`, "m"));
    expect(value("socket_mode_enabled")).toEqual(["false"]);
    expect(value("org_deploy_enabled")).toEqual(["false"]);
    expect(value("is_enabled")).toEqual(["true"]);
  });
});
