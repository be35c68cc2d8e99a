// Every form and message the bot makes, rendered for Slack, within Block Kit's limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/bot/bot.js";
import type { FormView } from "../../src/kernel/form.js";
import type { MessageView } from "../../src/kernel/message.js";
import { formValuesFromState } from "../../src/slack/form-values.js";
import { decodeModalMetadata } from "../../src/slack/payloads.js";
import { renderMessage, renderMessageModal } from "../../src/slack/render/message.js";
import { renderModal } from "../../src/slack/render/modal.js";
import { createTestBot, slackActor } from "../support/bot.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { checkMessage, checkView } from "../support/fake-slack-api.js";
import { stateValuesFor } from "../support/slack-requests.js";

type Json = Record<string, unknown>;
let db: TestDatabase;
let bot: Bot;

beforeAll(async () => {
  db = await createTestDatabase();
  bot = createTestBot(db, { admins: ["UADMIN"] }).bot;
  const org = await db.prisma.organisation.findFirstOrThrow({ where: { name: "Dansk Industri Aalborg" } });
  await db.prisma.contact.create({
    data: { platform: "slack", workspaceId: "T0001", userId: "UPARTNER", organisationId: org.id, role: "partner_contact", createdBy: "test" },
  });
});
afterAll(async () => {
  await db?.drop();
});

async function formFor(userId: string, text: string, locale: "da" | "en" = "da"): Promise<FormView> {
  const reply = await bot.handleCommand(slackActor(userId, locale), text, "slack");
  if (reply.kind !== "form") throw new Error(`/praktik ${text} gave no form: ${JSON.stringify(reply)}`);
  return reply.form;
}

const textOf = (value: unknown) => String((value as Json | undefined)?.text ?? "");

/** The modal limits of Slack's Block Kit, checked one by one. */
function expectModalWithinLimits(view: Json): void {
  expect(checkView(view)).toBeUndefined();
  const blocks = view.blocks as Json[];
  expect(blocks.length).toBeLessThanOrEqual(100);
  expect(textOf(view.title).length).toBeLessThanOrEqual(24);
  expect(textOf(view.submit).length).toBeLessThanOrEqual(24);
  expect(textOf(view.close).length).toBeLessThanOrEqual(24);
  expect(String(view.private_metadata).length).toBeLessThanOrEqual(3000);
  for (const block of blocks) {
    if (block.type === "section") expect(textOf(block.text).length).toBeLessThanOrEqual(3000);
    if (block.type !== "input") continue;
    expect(textOf(block.label).length).toBeLessThanOrEqual(2000);
    if (block.hint) expect(textOf(block.hint).length).toBeLessThanOrEqual(2000);
    const element = block.element as Json;
    const options = [
      ...((element.options as Json[] | undefined) ?? []),
      ...((element.option_groups as Json[] | undefined) ?? []).flatMap((g) => g.options as Json[]),
    ];
    expect((element.options as Json[] | undefined)?.length ?? 0).toBeLessThanOrEqual(100);
    for (const group of (element.option_groups as Json[] | undefined) ?? []) {
      expect((group.options as Json[]).length).toBeLessThanOrEqual(100);
      expect(textOf(group.label).length).toBeLessThanOrEqual(75);
    }
    for (const option of options) expect(textOf(option.text).length).toBeLessThanOrEqual(75);
  }
}

function expectMessageWithinLimits(message: { text: string; blocks: unknown[] }): void {
  expect(checkMessage(message as unknown as Json)).toBeUndefined();
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks as Json[]) {
    if (block.type === "section" && block.text) expect(textOf(block.text).length).toBeLessThanOrEqual(3000);
  }
}

describe("every form fits in a Slack modal", () => {
  const cases: [string, string, string, "da" | "en"][] = [
    ["the placement form for an admin of both example partnerships", "UADMIN", "ny", "da"],
    ["the placement form for an admin, in English", "UADMIN", "new", "en"],
    ["the placement form for a partner contact", "UPARTNER", "ny", "da"],
    ["the contact form", "UADMIN", "admin", "da"],
    ["the contact form, in English", "UADMIN", "admin", "en"],
  ];
  for (const [name, userId, text, locale] of cases) {
    it(name, async () => {
      const form = await formFor(userId, text, locale);
      const view = renderModal(form) as unknown as Json;
      expectModalWithinLimits(view);
      expect(decodeModalMetadata(String(view.private_metadata))).toEqual({ nonce: form.nonce, state: form.state });
      // Every field is there, under its own id.
      const ids = (view.blocks as Json[]).map((b) => b.block_id).filter(Boolean);
      expect(ids).toEqual(form.fields.map((f) => f.id));
    });
  }

  it("the placement form drawn again with what was typed and the errors", async () => {
    const form = await formFor("UADMIN", "ny");
    const result = await bot.submitForm(slackActor("UADMIN"), {
      formId: form.formId,
      nonce: form.nonce,
      state: form.state,
      values: { companyName: "x".repeat(120), cvr: "12345678", note: "n".repeat(500), places: "tre" },
    });
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    const view = renderModal(result.form) as unknown as Json;
    expectModalWithinLimits(view);
    expect(JSON.stringify(view)).toContain("kontrolcifferet");
    expect((view.blocks as Json[]).find((b) => b.block_id === "places")).toMatchObject({ element: { initial_value: "tre" } });
  });

  it("a partner contact's organisation is shown, not chosen", async () => {
    const form = await formFor("UPARTNER", "ny");
    const view = renderModal(form) as unknown as Json;
    const organisation = (view.blocks as Json[]).find((b) => b.block_id === "organisationId")!;
    expect(organisation).toMatchObject({ type: "section", text: { type: "mrkdwn", text: "*Organisation*\nDansk Industri Aalborg" } });
  });
});

describe("forms past Slack's limits are cut to fit", () => {
  const many = (n: number, label: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: label(i) }));
  const form: FormView = {
    formId: "test.big",
    title: "A title far longer than twenty-four characters",
    submitLabel: "Submit this form right now please",
    cancelLabel: "Cancel",
    intro: "Intro",
    fields: [
      {
        kind: "select",
        id: "big",
        label: "L".repeat(2500),
        hint: "H".repeat(2500),
        required: true,
        options: many(150, (i) => `Option ${i} ${"o".repeat(100)}`),
      },
      { kind: "radio", id: "manyRadio", label: "Radio", required: true, options: many(12, (i) => `Radio ${i}`) },
      { kind: "checkboxes", id: "manyChecks", label: "Checks", required: false, options: many(12, (i) => `Check ${i}`) },
      { kind: "text", id: "long", label: "Long", required: false, maxLength: 5000, multiline: true },
      { kind: "select", id: "empty", label: "Nothing to choose", required: true, options: [] },
    ],
    values: { big: "v120", manyRadio: "v11", manyChecks: ["v0", "v11"], long: "y".repeat(4000) },
    errors: {},
    nonce: "n-1",
    state: {},
  };

  it("keeps titles, labels, options and inputs within the limits", () => {
    const view = renderModal(form) as unknown as Json;
    expectModalWithinLimits(view);
    expect(textOf(view.title)).toBe("A title far longer than…");
    const block = (id: string) => (view.blocks as Json[]).find((b) => b.block_id === id)!;
    const big = block("big").element as Json;
    expect((big.options as Json[]).length).toBe(100);
    expect(textOf((big.options as Json[])[0]!.text)).toMatch(/^Option 0 o+…$/);
    expect(big.initial_option).toBeUndefined(); // v120 is past the first 100
    expect(block("manyRadio").element).toMatchObject({ type: "static_select", initial_option: { value: "v11" } });
    expect(block("manyChecks").element).toMatchObject({ type: "multi_static_select" });
    expect(((block("manyChecks").element as Json).initial_options as Json[]).map((o) => o.value)).toEqual(["v0", "v11"]);
    expect(block("long").element).toMatchObject({ max_length: 3000 });
    expect(String((block("long").element as Json).initial_value).length).toBe(3000);
    expect(block("empty").type).toBe("section");
  });

  it("refuses state that would not fit in private_metadata", () => {
    expect(() => renderModal({ ...form, state: { big: "x".repeat(3000) } })).toThrow(/private_metadata/);
  });
});

describe("what a person enters comes back as the form's values", () => {
  it("for every kind of input", async () => {
    const form = await formFor("UADMIN", "ny");
    const view = renderModal(form) as unknown as Json;
    const organisation = ((view.blocks as Json[]).find((b) => b.block_id === "organisationId")!.element as Json).option_groups as Json[];
    const orgId = String(((organisation[0]!.options as Json[])[0] as Json).value);
    const entered = {
      organisationId: orgId,
      companyName: "Firma",
      cvr: "24256790",
      sector: "it",
      shortageSector: "no",
      needs: ["mentor", "danish"],
      weeks: "8",
      note: null,
    };
    const values = formValuesFromState(stateValuesFor(view, entered) as never);
    expect(values).toMatchObject({
      organisationId: orgId,
      companyName: "Firma",
      cvr: "24256790",
      employerSector: "private", // kept from the initial option
      sector: "it",
      shortageSector: "no",
      places: "1",
      startDate: "2016-10-03",
      weeks: "8",
      needs: ["mentor", "danish"],
    });
    // Empty inputs give no value at all.
    expect(values).not.toHaveProperty("note");
    expect(values).not.toHaveProperty("typeId");
  });

  it("for the user picker and multi-selects", () => {
    expect(
      formValuesFromState({
        user: { user: { type: "users_select", selected_user: "U123" } },
        people: { people: { type: "multi_users_select", selected_users: ["U1", "U2"] } },
        many: { many: { type: "multi_static_select", selected_options: [{ value: "a" }] } },
        empty: { empty: { type: "static_select", selected_option: null } },
      }),
    ).toEqual({ user: "U123", people: ["U1", "U2"], many: ["a"], empty: undefined });
  });
});

describe("messages fit in Slack messages", () => {
  it("help, list, progress, no-access and confirmation views", async () => {
    for (const text of ["hjælp", "liste", "fremdrift", "fremdrif", "admin"]) {
      const reply = await bot.handleCommand(slackActor("UADMIN"), text, "slack");
      if (reply.kind === "message") expectMessageWithinLimits(renderMessage(reply.view));
    }
    const unknown = await bot.handleCommand(slackActor("UNOBODY"), "ny", "slack");
    if (unknown.kind === "message") expectMessageWithinLimits(renderMessage(unknown.view));

    const form = await formFor("UPARTNER", "ny");
    const type = form.fields.find((f) => f.id === "typeId");
    if (type?.kind !== "select") throw new Error("no type select");
    const done = await bot.submitForm(slackActor("UPARTNER"), {
      formId: form.formId,
      nonce: form.nonce,
      state: form.state,
      values: {
        companyName: "Aalborg Portland & Søn <A/S>",
        cvr: "24256790",
        employerSector: "private",
        sector: "construction",
        shortageSector: "yes",
        typeId: type.options[0]!.value,
        places: "2",
        startDate: "2016-10-10",
        contactPerson: "Hanne Jensen",
        needs: ["mentor", "interpreter", "danish"],
        note: "n".repeat(500),
        pNumber: "1024256790",
        ordinaryEmployees: "100",
        benefitGroup: "integrationsprogram",
        purpose: "skills",
        hoursPerWeek: "37",
        representativeName: "Jens Tillid",
        representativeConfirmed: "no",
      },
    });
    expect(done.kind).toBe("done");
    if (done.kind !== "done") return;
    const confirmation = renderMessage(done.view);
    expectMessageWithinLimits(confirmation);
    expect(JSON.stringify(confirmation.blocks)).toContain("Aalborg Portland &amp; Søn &lt;A/S&gt;");
  });

  it("splits a long bullet list across sections of at most 3000 characters", () => {
    const items = Array.from({ length: 300 }, (_, i) => `Placement ${i} · ${"x".repeat(90)}`);
    const message = renderMessage({
      text: "List",
      blocks: [
        { type: "heading", text: "List" },
        { type: "bullets", items },
      ],
    });
    expectMessageWithinLimits(message);
    const sections = (message.blocks as unknown as Json[]).filter((b) => b.type === "section");
    expect(sections.length).toBeGreaterThan(5);
    const shown = sections
      .map((s) => textOf(s.text))
      .join("\n")
      .split("\n");
    expect(shown).toHaveLength(300);
    expect(shown[299]).toBe(`• Placement 299 · ${"x".repeat(90)}`);
  });

  it("cuts a message at 50 blocks and keeps its buttons", () => {
    const view: MessageView = {
      text: "t".repeat(5000),
      blocks: [
        ...Array.from({ length: 80 }, (_, i) => ({ type: "text" as const, text: `Line ${i}` })),
        { type: "actions", actions: [{ id: "placement.open_form", label: "Registrér praktikplads", style: "primary" }] },
      ],
    };
    const message = renderMessage(view);
    expectMessageWithinLimits(message);
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks[49]).toMatchObject({ type: "actions" });
    expect(message.blocks[48]).toMatchObject({ type: "context", elements: [{ text: "…" }] });
    expect(message.text.length).toBeLessThanOrEqual(4000);
  });

  it("puts facts ten to a section and escapes mrkdwn control characters", () => {
    const facts = Array.from({ length: 13 }, (_, i) => ({ label: `Label ${i}`, value: i === 0 ? "<!channel> & <@U123>" : "v".repeat(2500) }));
    const message = renderMessage({
      text: "Facts",
      blocks: [
        { type: "facts", facts },
        { type: "heading", text: "H".repeat(200) },
      ],
    });
    expectMessageWithinLimits(message);
    const [first, second, heading] = message.blocks as unknown as Json[];
    expect((first!.fields as Json[]).length).toBe(10);
    expect((second!.fields as Json[]).length).toBe(3);
    expect(textOf((first!.fields as Json[])[0])).toBe("*Label 0*\n&lt;!channel&gt; &amp; &lt;@U123&gt;");
    expect(textOf((first!.fields as Json[])[1]).length).toBeLessThanOrEqual(2000);
    expect(textOf(heading!.text).length).toBe(150);
  });

  it("shows a message as a read-only modal", () => {
    const modal = renderMessageModal({ text: "Saved", blocks: [{ type: "heading", text: "Saved" }] }, { title: "Registrér praktikplads", close: "Luk" });
    expect(modal).toMatchObject({ type: "modal", title: { text: "Registrér praktikplads" }, close: { text: "Luk" } });
    expect(modal.submit).toBeUndefined();
    expect(checkView(modal)).toBeUndefined();
  });
});
