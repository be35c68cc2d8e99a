// Scheme information on in-memory stores: the figures come from the rule set in force (with the
// partnership's overrides), a secretariat admin's wording replaces the default and is audited,
// a partner contact cannot change it, hostile words and addresses find nothing, and the cards
// stay within Slack's and Teams' limits.
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { ZEditSchemeTextInput, ZSchemeLinksInput } from "../../../src/features/scheme-info/contract.js";
import { editSchemeLinks, editSchemeText } from "../../../src/features/scheme-info/edit-scheme-info.js";
import { handoutFile } from "../../../src/features/scheme-info/handout.js";
import { SCHEMES, schemeFromWord } from "../../../src/features/scheme-info/schemes.js";
import { showSchemeInfo } from "../../../src/features/scheme-info/show-scheme-info.js";
import { defaultTemplates, schemeCardView, schemesOverviewView } from "../../../src/features/scheme-info/views.js";
import { createI18n } from "../../../src/i18n/index.js";
import { type KnownAccess, resolveAccess } from "../../../src/kernel/access.js";
import type { Locale } from "../../../src/kernel/actor.js";
import type { MessageView } from "../../../src/kernel/message.js";
import { renderMessage } from "../../../src/slack/render/message.js";
import { messageCard } from "../../../src/teams/render/message-card.js";
import { createMemoryStores } from "../../support/memory/index.js";

const i18n = createI18n("da");
let memory: ReturnType<typeof createMemoryStores>;
let admin: KnownAccess;
let partner: KnownAccess;
const TODAY = "2026-12-02";
const NOW = new Date("2026-12-02T09:00:00Z");

async function known(userId: string): Promise<KnownAccess> {
  const access = await resolveAccess(memory.store, { platform: "slack", workspaceId: "T1", userId, displayName: userId, locale: "da" }, new Set());
  if (access.kind !== "known") throw new Error(`${userId} unknown`);
  return access;
}

async function info(access: KnownAccess, today = TODAY) {
  const result = await showSchemeInfo(memory.store, access, { today });
  if (result.kind !== "ok") throw new Error("no partnership");
  return result.info;
}

const text = (view: MessageView) => JSON.stringify(view.blocks);

beforeAll(async () => {
  memory = createMemoryStores();
  const jc = memory.organisation("Jobcenter Aalborg", "aalborg-2016");
  const di = memory.organisation("Dansk Industri Aalborg", "aalborg-2016");
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UADM", organisationId: jc.id, role: "secretariat_admin" });
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UP", organisationId: di.id, role: "partner_contact" });
  [admin, partner] = await Promise.all([known("UADM"), known("UP")]);
});

describe("scheme cards", () => {
  it("show the IGU's figures from the rule set in force, in Danish and English", async () => {
    const model = await info(partner);
    const da = text(schemeCardView(model, "igu", i18n.t("da"), "da", { canEdit: false }));
    expect(da).toContain("2 × 20.000 kr.");
    expect(da).toContain("18–49");
    expect(da).toContain("23 skoleuger");
    expect(da).toContain("31. dec. 2027");
    expect(da).toContain("regelsættet, der gælder fra 1. feb. 2026");
    const en = text(schemeCardView(model, "igu", i18n.t("en"), "en", { canEdit: false }));
    expect(en).toContain("2 × DKK 20,000");
    expect(en).toContain("ages 18–49");
  });

  it("follow a partnership's override of a figure, and say the secretariat sets the hourly subsidy until it does", async () => {
    const t = i18n.t("da");
    expect(text(schemeCardView(await info(partner), "loentilskud", t, "da", { canEdit: false }))).toContain("fastsættes af sekretariatet");
    const p = memory.partnership("aalborg-2016");
    p.settings = { rules: { loentilskud: { hourlyKr: { private: 60, public: 45 } }, igu: { bonusKr: 25000 } } };
    try {
      const card = text(schemeCardView(await info(partner), "loentilskud", t, "da", { canEdit: false }));
      expect(card).toContain("offentlige 45 kr., private 60 kr.");
      expect(text(schemeCardView(await info(partner), "igu", t, "da", { canEdit: false }))).toContain("2 × 25.000 kr.");
    } finally {
      p.settings = {};
    }
  });

  it("from 1 January 2027 say the numbers are the placeholder set's, not yet confirmed", async () => {
    const card = text(schemeCardView(await info(partner, "2027-01-04"), "praktik", i18n.t("da"), "da", { canEdit: false }));
    expect(card).toContain("endnu ikke er bekræftet");
    expect(card).toContain("4–13 uger");
  });

  it("are within Slack's and Teams' limits, the overview too", async () => {
    const model = await info(admin);
    for (const locale of ["da", "en"] as Locale[]) {
      const t = i18n.t(locale);
      const views = [schemesOverviewView(model, t, locale, "slack"), ...SCHEMES.map((s) => schemeCardView(model, s, t, locale, { canEdit: true }))];
      for (const view of views) {
        const slack = renderMessage(view);
        expect(slack.blocks.length).toBeLessThanOrEqual(50);
        expect(JSON.stringify(slack.blocks)).not.toContain('"text":"…"');
        for (const block of slack.blocks) if (block.type === "section" && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
        expect(Buffer.byteLength(JSON.stringify(messageCard(view)))).toBeLessThan(28_000);
      }
    }
  });

  it("find a scheme by the words people type, and nothing for hostile words", () => {
    expect(schemeFromWord("IGU")).toBe("igu");
    expect(schemeFromWord("løntilskud")).toBe("loentilskud");
    expect(schemeFromWord("apprentice")).toBe("laerling");
    for (const word of ["__proto__", "constructor", "toString", "", "igu igu"]) expect(schemeFromWord(word)).toBeUndefined();
  });
});

describe("the secretariat's wording", () => {
  const parse = (values: Record<string, string>) => ZEditSchemeTextInput.safeParse({ scheme: "igu", locale: "da", ...values });

  it("an admin's text replaces the default, fills in the rule set's figures, and is audited", async () => {
    const input = parse({ what: "Hos os kan I få en IGU-elev med bonus på {{iguBonusKr}} kr. og {{unknown}}." });
    expect(input.success).toBe(true);
    const t = i18n.t("da");
    const result = await editSchemeText(memory.store, admin, (await info(admin)).partnership, input.data!, { now: NOW, defaults: defaultTemplates("igu", t) });
    expect(result).toEqual({ kind: "saved" });
    const card = text(schemeCardView(await info(partner), "igu", t, "da", { canEdit: false }));
    expect(card).toContain("Hos os kan I få en IGU-elev med bonus på 20.000 kr. og {{unknown}}.");
    // The English card keeps its default text.
    expect(text(schemeCardView(await info(partner), "igu", i18n.t("en"), "en", { canEdit: false }))).toContain("two-year paid basic training");
    expect(memory.db.audit.filter((a) => a.entity === "scheme_text")).toMatchObject([{ action: "create", actor: "slack:T1:UADM" }]);
  });

  it("a section left as the default text is not stored, so a later change to the default applies", async () => {
    const t = i18n.t("da");
    const defaults = defaultTemplates("praktik", t);
    const input = ZEditSchemeTextInput.parse({ scheme: "praktik", locale: "da", ...defaults, who: "Alle ledige i Aalborg." });
    await editSchemeText(memory.store, admin, (await info(admin)).partnership, input, { now: NOW, defaults });
    const stored = await memory.store.listSchemeTexts((await info(admin)).partnership.id);
    expect(stored.find((s) => s.scheme === "praktik")?.sections).toEqual({ who: "Alle ledige i Aalborg." });
  });

  it("a partner contact cannot change it", async () => {
    const input = parse({ what: "Noget andet." });
    const result = await editSchemeText(memory.store, partner, (await info(partner)).partnership, input.data!, {
      now: NOW,
      defaults: defaultTemplates("igu", i18n.t("da")),
    });
    expect(result).toEqual({ kind: "denied" });
  });

  it("a CPR number, a scheme the bot does not have or an overlong text is refused at the field", () => {
    expect(parse({ who: "Fx Ali, 010190-1234" }).error?.issues[0]).toMatchObject({ path: ["who"], message: "form:errors.cpr" });
    expect(ZEditSchemeTextInput.safeParse({ scheme: "__proto__", locale: "da" }).error?.issues[0]?.path).toEqual(["scheme"]);
    expect(parse({ money: "x".repeat(601) }).error?.issues[0]).toMatchObject({ path: ["money"], message: "form:errors.too_long" });
  });

  it("links must be https; the cards show them", async () => {
    for (const bad of ["javascript:alert(1)", "http://aalborg.dk", "file:///etc/passwd", "aalborg.dk"]) {
      expect(ZSchemeLinksInput.safeParse({ municipalityUrl: bad }).error?.issues[0]).toMatchObject({
        path: ["municipalityUrl"],
        message: "schemes:errors.url",
      });
    }
    const input = ZSchemeLinksInput.parse({
      municipalityUrl: "https://www.aalborg.dk/integration",
      entryPointName: "Virksomhedsservice",
      entryPointUrl: "https://www.aalborg.dk/erhverv",
    });
    expect(await editSchemeLinks(memory.store, partner, (await info(partner)).partnership, input, { now: NOW })).toEqual({ kind: "denied" });
    expect(await editSchemeLinks(memory.store, admin, (await info(admin)).partnership, input, { now: NOW })).toEqual({ kind: "saved" });
    const card = text(schemeCardView(await info(partner), "praktik", i18n.t("da"), "da", { canEdit: false }));
    expect(card).toContain("Læs mere: https://www.aalborg.dk/integration");
    expect(card).toContain("Virksomhedsservice: https://www.aalborg.dk/erhverv");
  });
});

describe("the hand-out", () => {
  it("is a Word file with the same texts and figures", async () => {
    const file = await handoutFile(await info(partner), "all", i18n.t("da"), "da");
    expect(file.fileName).toBe("ordninger-aalborg-2016.docx");
    const { value } = await mammoth.extractRawText({ buffer: file.data });
    expect(value).toContain("Muligheder for virksomheder");
    expect(value).toContain("Hos os kan I få en IGU-elev med bonus på 20.000 kr.");
    expect(value).toContain("Fleksjob");
    expect(value).toContain("Læs mere: https://www.aalborg.dk/integration");
  });
});
