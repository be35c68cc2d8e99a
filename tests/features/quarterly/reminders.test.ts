// Quarterly status reminders with an injected clock, through the running Slack app: contacts of
// organisations that have not filed get a DM 14 days before the quarter ends and on the due date,
// the secretariat gets the overdue list the day after, and each goes out once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaStore } from "../../../src/db/stores.js";
import { QUARTERLY_REMINDERS_JOB } from "../../../src/features/quarterly/reminders-job.js";
import type { RecordedCall } from "../../support/fake-slack-api.js";
import { ADMIN, allText, type SlackTestApp, startSlackTestApp, TEAM } from "../../support/slack-harness.js";

const DI_CONTACT = "UDICONTACT";
const LO_CONTACT = "ULOCONTACT";
let t: SlackTestApp;
let loId: string;

beforeAll(async () => {
  // Jobs run only through runOnce: a live worker would take tasks with the fixed test clock.
  t = await startSlackTestApp({ jobs: "manual" });
  const prisma = t.db.prisma;
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const org = (name: string) => prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name } });
  const [di, lo] = await Promise.all([org("Dansk Industri Aalborg"), org("LO-Aalborg")]);
  loId = lo.id;
  const contact = (userId: string, organisationId: string, locale: string) =>
    prisma.contact.create({ data: { platform: "slack", workspaceId: TEAM, userId, organisationId, role: "partner_contact", locale, createdBy: "test" } });
  await contact(DI_CONTACT, di.id, "da");
  await contact(LO_CONTACT, lo.id, "en");
  // BOT_ADMINS are reached in the workspace of the partnership's linked channel.
  await prisma.channelLink.create({
    data: { platform: "slack", workspaceId: TEAM, channelId: "CJOBCENTER", partnershipId: aalborg.id, purpose: "jobcenter", createdBy: "test" },
  });
});
afterAll(async () => {
  await t?.close();
});

/** Runs the job at `iso` and returns the DMs it sent. */
async function runAt(iso: string): Promise<RecordedCall[]> {
  const since = t.fake.calls.length;
  await t.app.jobs.runOnce(new Date(iso), QUARTERLY_REMINDERS_JOB);
  return t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage");
}

const to = (calls: RecordedCall[]) => calls.map((c) => c.body.channel).sort();

describe("quarterly status reminders", () => {
  it("sends nothing on an ordinary day", async () => {
    expect(await runAt("2016-09-15T07:00:00Z")).toEqual([]);
  });

  it("reminds every contact 14 days before the quarter ends, once", async () => {
    // Friday 16 September 2016, 09:00 in Copenhagen: Q3 ends on the 30th.
    const first = await runAt("2016-09-16T07:00:00Z");
    expect(to(first)).toEqual([DI_CONTACT, LO_CONTACT]);
    const da = first.find((c) => c.body.channel === DI_CONTACT)!;
    expect(allText(da.body)).toContain("Kvartalet 2016-Q3 slutter 30. sep. 2016. Husk at indsende kvartalsstatus for Dansk Industri Aalborg");
    expect(allText(da.body)).toContain("fristen er 10. okt. 2016");
    expect(allText(first.find((c) => c.body.channel === LO_CONTACT)!.body)).toContain("The quarter 2016-Q3 ends on 30 Sept 2016");
    // The same day again (another slot), and the next day: nothing new.
    expect(await runAt("2016-09-16T07:05:00Z")).toEqual([]);
    expect(await runAt("2016-09-17T07:00:00Z")).toEqual([]);
    expect(await t.db.prisma.sentNotice.count()).toBe(2);
  });

  it("on the due date reminds only the organisations that have not filed, once", async () => {
    await createPrismaStore(t.db.prisma).saveQuarterlyStatus(
      {
        organisationId: loId,
        quarter: "2016-Q3",
        activities: "Møder",
        companiesContacted: 1,
        placementsHelped: 0,
        iguAgreements: 0,
        eventsHeld: 0,
        plan: "Flere møder",
      },
      { actor: `slack:${TEAM}:${LO_CONTACT}` },
    );
    // Monday 10 October 2016: ten days after 30 September.
    const due = await runAt("2016-10-10T07:00:00Z");
    expect(to(due)).toEqual([DI_CONTACT]);
    expect(allText(due[0]!.body)).toContain("I dag er fristen for kvartalsstatus for Dansk Industri Aalborg, 2016-Q3");
    expect(await runAt("2016-10-10T12:00:00Z")).toEqual([]);
  });

  it("lists the overdue organisations to the secretariat the day after, once", async () => {
    const overdue = await runAt("2016-10-11T07:00:00Z");
    expect(to(overdue)).toEqual([ADMIN]);
    const text = allText(overdue[0]!.body);
    expect(text).toContain("Manglende kvartalsstatus, 2016-Q3");
    expect(text).toContain("12 organisationer har ikke indsendt status for 2016-Q3 (frist 10. okt. 2016)");
    expect(text).toContain("Dansk Industri Aalborg");
    expect(text).not.toContain("LO-Aalborg");
    expect(await runAt("2016-10-12T07:00:00Z")).toEqual([]);
    expect(await runAt("2016-10-11T07:00:00Z")).toEqual([]);
    // A week and more after the due date nothing more goes out about 2016-Q3.
    expect(await runAt("2016-10-20T07:00:00Z")).toEqual([]);
  });
});
