// The secretariat adds a partner contact through the /praktik admin modal; that contact then
// registers for their own organisation only and sees only its placements.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, allText, commandReply, inputBlock, openModal, optionValue, type SlackTestApp, startSlackTestApp, TEAM } from "../support/slack-harness.js";
import { viewSubmissionPayload } from "../support/slack-requests.js";

const PARTNER = "UPARTNER1";
let t: SlackTestApp;

beforeAll(async () => {
  t = await startSlackTestApp();
  t.fake.setUser(PARTNER, { locale: "da-DK", realName: "Pia Partner", displayName: "Pia" });
});
afterAll(async () => {
  await t?.close();
});

type Json = Record<string, unknown>;

function placementValues(view: Json, company: { name: string; cvr: string }): Record<string, string | string[]> {
  return {
    companyName: company.name,
    cvr: company.cvr,
    shortageSector: "no",
    sector: "manufacturing",
    typeId: optionValue(view, "typeId", "Virksomhedspraktik"),
    places: "2",
    startDate: "2016-11-01",
    contactPerson: "Ole Olsen",
    pNumber: `10${company.cvr}`,
    ordinaryEmployees: "100",
    benefitGroup: "introduktionsprogram",
    purpose: "skills",
  };
}

describe("/praktik admin", () => {
  it("tells someone the bot does not know yet how to get access", async () => {
    const reply = await commandReply(t, PARTNER, "admin");
    expect(String(reply.body.text)).toContain("Bed Jobcentersekretariatet");
  });

  it("opens the contact modal with Slack's user picker", async () => {
    const { view } = await openModal(t, ADMIN, "admin");
    expect(view).toMatchObject({ callback_id: "contact.add", title: { text: "Tilføj kontaktperson" }, submit: { text: "Tilføj" } });
    expect(inputBlock(view, "userId").element).toMatchObject({ type: "users_select", action_id: "userId" });
    expect(inputBlock(view, "organisationId").element).toMatchObject({ type: "static_select" });
    expect(inputBlock(view, "role").element).toMatchObject({ type: "radio_buttons", initial_option: { value: "partner_contact" } });
  });

  it("without a person chosen, says so at the user field", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "admin");
    const res = await t.slack.interact(
      viewSubmissionPayload({ userId: ADMIN, viewId, view, values: { organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg") } }),
    );
    expect(res.json).toEqual({ response_action: "errors", errors: { userId: "Vælg en person." } });
    expect(await t.db.prisma.contact.count()).toBe(0);
  });

  it("adds the partner contact, with an audit row", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "admin");
    const res = await t.slack.interact(
      viewSubmissionPayload({
        userId: ADMIN,
        viewId,
        view,
        values: { userId: PARTNER, organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg"), role: "partner_contact" },
      }),
    );
    expect((res.json as { response_action: string }).response_action).toBe("update");
    // The name comes from Slack's profile, remembered when the person first wrote to the bot.
    expect(allText(res.json)).toContain("Pia er nu Kontaktperson hos partner for Dansk Industri Aalborg.");

    const contact = await t.db.prisma.contact.findFirstOrThrow({ where: { userId: PARTNER }, include: { organisation: true } });
    expect(contact).toMatchObject({ platform: "slack", workspaceId: TEAM, role: "partner_contact", organisation: { name: "Dansk Industri Aalborg" } });
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entity: "contact", entityId: contact.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`slack:${TEAM}:${ADMIN}`);
  });
});

describe("a partner contact", () => {
  it("may not add contacts", async () => {
    const reply = await commandReply(t, PARTNER, "admin");
    expect(String(reply.body.text)).toBe("Kun sekretariatet kan tilføje kontaktpersoner.");
  });

  it("gets their organisation fixed in the form, and types from their partnership only", async () => {
    const { view, viewId } = await openModal(t, PARTNER, "ny");
    const organisation = (view.blocks as Json[]).find((b) => b.block_id === "organisationId")!;
    expect(organisation.type).toBe("section");
    expect(allText(organisation)).toContain("Dansk Industri Aalborg");
    expect(JSON.parse(String(view.private_metadata)).state).toMatchObject({ organisation: expect.any(String) });
    const type = inputBlock(view, "typeId").element as Json;
    expect(type.option_groups).toBeUndefined();
    expect(allText(type)).not.toContain("Lommepengejob");

    const res = await t.slack.interact(
      viewSubmissionPayload({ userId: PARTNER, viewId, view, values: placementValues(view, { name: "Aalborg Portland", cvr: "24256790" }) }),
    );
    expect(allText(res.json)).toContain("Praktikpladsen er gemt");
    const row = await t.db.prisma.placement.findFirstOrThrow({ where: { createdBy: `slack:${TEAM}:${PARTNER}` }, include: { organisation: true } });
    expect(row.organisation.name).toBe("Dansk Industri Aalborg");
  });

  it("sees only their own organisation's placements", async () => {
    // The secretariat registers one for another organisation.
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const res = await t.slack.interact(
      viewSubmissionPayload({
        userId: ADMIN,
        viewId,
        view,
        values: {
          ...placementValues(view, { name: "Nordjysk Maskinfabrik", cvr: "10000009" }),
          organisationId: optionValue(view, "organisationId", "LO-Aalborg"),
          typeId: optionValue(view, "typeId", "Virksomhedspraktik", /Aalborg/),
        },
      }),
    );
    expect(allText(res.json)).toContain("Praktikpladsen er gemt");

    const mine = allText((await commandReply(t, PARTNER, "liste")).body.blocks);
    expect(mine).toContain("Seneste praktikpladser – Dansk Industri Aalborg");
    expect(mine).toContain("Aalborg Portland");
    expect(mine).not.toContain("Nordjysk Maskinfabrik");

    const all = allText((await commandReply(t, ADMIN, "liste")).body.blocks);
    expect(all).toContain("Aalborg Portland");
    expect(all).toContain("Nordjysk Maskinfabrik");
  });
});
