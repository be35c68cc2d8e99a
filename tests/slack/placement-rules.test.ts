// The VITAS summary end to end through Slack: `/praktik vitas` opens a modal that asks which
// placement, and the submission turns the modal into the fields to copy into VITAS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, allText, openModal, optionsOf, optionValue, type SlackTestApp, startSlackTestApp } from "../support/slack-harness.js";
import { viewSubmissionPayload } from "../support/slack-requests.js";

let t: SlackTestApp;

beforeAll(async () => {
  t = await startSlackTestApp({ admins: [ADMIN] });
  t.fake.setUser(ADMIN, { locale: "da-DK", realName: "Sekretariatet" });
});
afterAll(async () => {
  await t?.close();
});

type Json = Record<string, unknown>;

describe("Slack: the VITAS summary", () => {
  it("registers a løntilskud, then /praktik vitas shows the VITAS fields with the tasks and wage costs", async () => {
    const { view, viewId } = await openModal(t, ADMIN, "ny");
    const values = {
      organisationId: optionValue(view, "organisationId", "Dansk Industri Aalborg"),
      companyName: "Aalborg Portland",
      cvr: "24256790",
      shortageSector: "yes",
      sector: "construction",
      typeId: optionValue(view, "typeId", /^Løntilskud/, /Aalborg/),
      places: "1",
      startDate: "2016-10-10",
      weeks: "20",
      contactPerson: "Hanne Jensen, 12345678",
      pNumber: "1024256790",
      ordinaryEmployees: "100",
      hoursPerWeek: "37",
    };
    const saved = await t.slack.interact(viewSubmissionPayload({ userId: ADMIN, viewId, view, values }));
    expect((saved.json as { response_action: string }).response_action).toBe("update");
    const placement = await t.db.prisma.placement.findFirstOrThrow({ include: { type: true } });
    expect(placement.type.key).toBe("loentilskud");

    const vitas = await openModal(t, ADMIN, "vitas");
    expect(vitas.view).toMatchObject({ callback_id: "placement.vitas", title: { text: "Oplysninger til VITAS" } });
    expect(optionsOf(vitas.view, "placementId").map((o) => o.value)).toContain(placement.id);
    const res = await t.slack.interact(
      viewSubmissionPayload({
        userId: ADMIN,
        viewId: vitas.viewId,
        view: vitas.view,
        values: { placementId: placement.id, tasks: "Lager og pakning", monthlyWageCost: "21500", createdInVitas: "no" },
      }),
    );
    expect(res.status).toBe(200);
    const answer = res.json as { response_action: string; view: Json };
    expect(answer.response_action).toBe("update");
    const shown = allText(answer.view.blocks);
    expect(shown).toContain("Til VITAS: Aalborg Portland");
    expect(shown).toContain("24256790");
    expect(shown).toContain("1024256790");
    expect(shown).toContain("Lager og pakning");
    expect(shown).toMatch(/21[.\s ]?500 kr\./);
    expect(shown).toContain("Aftalen er ikke oprettet i VITAS endnu.");
    const row = await t.db.prisma.placement.findUniqueOrThrow({ where: { id: placement.id } });
    expect(row).toMatchObject({ tasks: "Lager og pakning", monthlyWageCost: 21500, vitasCreatedAt: null });
  });
});
