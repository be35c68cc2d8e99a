// The Teams adapter's pure parts: reading card data and messages, and rendering forms and
// messages to Adaptive Cards.
import { describe, expect, it } from "vitest";
import type { FormView } from "../../src/kernel/form.js";
import { commandTextFrom, readCardAction } from "../../src/teams/payloads.js";
import { formCard } from "../../src/teams/render/form-card.js";
import { messageCard } from "../../src/teams/render/message-card.js";
import { type Card, elements, elementsAfter, input, inputs } from "../support/teams-activities.js";

describe("reading Teams messages and card data", () => {
  it("takes the command out of a message with the bot's mention and Teams markup", () => {
    expect(commandTextFrom("<at>Praktikbot</at>&nbsp;ny")).toBe("ny");
    expect(commandTextFrom("<p>hjælp</p>")).toBe("hjælp");
    expect(commandTextFrom("  fremdrift  ")).toBe("fremdrift");
    expect(commandTextFrom(undefined)).toBe("");
  });

  it("separates routing keys from inputs and makes every input text", () => {
    const action = readCardAction("placement.new", {
      verb: "placement.new",
      nonce: "n-1",
      state: { organisation: "org-1" },
      msteams: { type: "messageBack" },
      places: 3,
      shortageSector: true,
      needs: "mentor,interpreter",
      odd: { nested: true },
    });
    expect(action).toEqual({
      verb: "placement.new",
      nonce: "n-1",
      state: { organisation: "org-1" },
      values: { places: "3", shortageSector: "true", needs: "mentor,interpreter" },
    });
  });

  it("uses the verb in the data when the action has none (Action.Submit)", () => {
    expect(readCardAction(undefined, { verb: "placement.list" }).verb).toBe("placement.list");
    expect(readCardAction(undefined, undefined)).toEqual({ verb: undefined, nonce: undefined, state: {}, values: {} });
  });

  it("lets a typed user id win over the chosen one, and ignores an empty one", () => {
    expect(readCardAction("contact.add", { user: "aad-1", user__typed: " 29:abc " }).values).toEqual({ user: "29:abc" });
    expect(readCardAction("contact.add", { user: "aad-1", user__typed: "  " }).values).toEqual({ user: "aad-1" });
  });
});

const baseForm: FormView = {
  formId: "test.form",
  title: "Titel",
  submitLabel: "Gem",
  cancelLabel: "Annullér",
  fields: [],
  values: {},
  errors: {},
  nonce: "nonce-1",
  state: { organisation: "org-1" },
};

describe("form cards", () => {
  it("shows a read-only field as text and carries nonce and state on the submit button", () => {
    const card = formCard({
      ...baseForm,
      fields: [{ kind: "static", id: "organisation", label: "Organisation", required: false, text: "LO-Aalborg" }],
    }) as unknown as Card;
    expect(inputs(card)).toEqual([]);
    expect(
      elements(card)
        .filter((e) => e.type === "TextBlock")
        .map((e) => e.text),
    ).toEqual(["Titel", "Organisation", "LO-Aalborg"]);
    expect(card.actions?.[0]).toMatchObject({
      type: "Action.Execute",
      verb: "test.form",
      title: "Gem",
      data: { verb: "test.form", nonce: "nonce-1", state: { organisation: "org-1" } },
    });
  });

  it("asks for a typed id when the bot has met nobody yet", () => {
    const card = formCard({
      ...baseForm,
      fields: [{ kind: "user", id: "user", label: "Person", hint: "Skriv id", required: true, options: [] }],
      values: { user: "29:typed" },
      errors: { user: "Det ligner ikke et bruger-id." },
    }) as unknown as Card;
    expect(inputs(card).map((i) => i.id)).toEqual(["user"]);
    expect(input(card, "user")).toMatchObject({ type: "Input.Text", value: "29:typed", isRequired: true, errorMessage: "Det ligner ikke et bruger-id." });
    expect(elementsAfter(card, "user", 2).map((e) => e.text)).toEqual(["Det ligner ikke et bruger-id.", "Skriv id"]);
  });

  it("keeps a typed id that is not among the known people in the free-text input", () => {
    const card = formCard({
      ...baseForm,
      fields: [{ kind: "user", id: "user", label: "Person", required: true, options: [{ value: "aad-1", label: "Peter" }] }],
      values: { user: "29:someone-else" },
    }) as unknown as Card;
    expect(input(card, "user").value).toBeUndefined();
    expect(input(card, "user__typed").value).toBe("29:someone-else");
  });

  it("leaves a number input empty rather than showing something that is not a number", () => {
    const card = formCard({
      ...baseForm,
      fields: [{ kind: "number", id: "places", label: "Pladser", required: true, min: 1, max: 50 }],
      values: { places: "tre" },
      errors: { places: "Skriv et tal." },
    }) as unknown as Card;
    expect(input(card, "places").value).toBeUndefined();
    expect(input(card, "places").errorMessage).toBe("Skriv et tal.");
  });
});

describe("message cards", () => {
  it("renders headings, facts, bullets, context, dividers and buttons", () => {
    const card = messageCard({
      text: "Fallback",
      blocks: [
        { type: "heading", text: "Overskrift" },
        { type: "facts", facts: [{ label: "CVR", value: "24256790" }] },
        { type: "divider" },
        { type: "bullets", items: ["en", "to"] },
        { type: "context", text: "lille" },
        { type: "actions", actions: [{ id: "placement.open_form", label: "Ny", style: "primary" }] },
      ],
    }) as unknown as Card;
    expect(card.version).toBe("1.5");
    expect(card.fallbackText).toBe("Fallback");
    expect(card.body.map((b) => b.type)).toEqual(["TextBlock", "FactSet", "Container", "TextBlock"]);
    expect(card.body[2]).toMatchObject({ separator: true });
    expect(
      elements(card)
        .filter((e) => e.type === "TextBlock")
        .map((e) => e.text),
    ).toEqual(["Overskrift", "• en", "• to", "lille"]);
    expect(card.actions).toMatchObject([
      { type: "Action.Execute", verb: "placement.open_form", title: "Ny", style: "positive", data: { verb: "placement.open_form" } },
    ]);
  });

  it("keeps buttons in place when they are not last", () => {
    const card = messageCard({
      text: "x",
      blocks: [
        { type: "actions", actions: [{ id: "placement.list", label: "Liste" }] },
        { type: "text", text: "efter" },
      ],
    }) as unknown as Card;
    expect(card.actions).toBeUndefined();
    expect(card.body[0]).toMatchObject({ type: "ActionSet", actions: [{ type: "Action.Execute", verb: "placement.list" }] });
  });
});
