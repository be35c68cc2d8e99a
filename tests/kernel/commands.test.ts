import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/kernel/commands.js";

describe("commands", () => {
  it.each([
    ["ny", "new"],
    ["new", "new"],
    ["liste", "list"],
    ["list", "list"],
    ["fremdrift", "progress"],
    ["progress", "progress"],
    ["hjælp", "help"],
    ["help", "help"],
    ["HJÆLP", "help"],
    ["admin", "admin"],
  ])("%s means %s", (text, name) => {
    expect(parseCommand(text)).toMatchObject({ kind: "command", name });
  });

  it("shows help for an empty command", () => {
    expect(parseCommand("   ")).toEqual({ kind: "command", name: "help", args: [] });
  });

  it("keeps the words after the command", () => {
    expect(parseCommand("ny aalborg-2016")).toEqual({ kind: "command", name: "new", args: ["aalborg-2016"] });
  });

  it.each([
    ["fremdrif", "progress"],
    ["lsite", "list"],
    ["hjlp", "help"],
    ["progres", "progress"],
  ])("suggests the nearest command for %s", (word, suggestion) => {
    expect(parseCommand(word)).toEqual({ kind: "unknown", word, suggestion });
  });

  it("suggests nothing for a word far from every command", () => {
    expect(parseCommand("kaffemaskine")).toEqual({ kind: "unknown", word: "kaffemaskine", suggestion: undefined });
  });
});
