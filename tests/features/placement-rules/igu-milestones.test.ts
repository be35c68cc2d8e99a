// The IGU bonus milestones with an injected clock, through the running Slack app: IGUs registered
// with /praktik ny, one ended early with /praktik afslut; the person who registered each gets a DM
// 6 months after the start and on the end date, each once, to pass on to the company's contact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IGU_MILESTONES_JOB } from "../../../src/features/placement-rules/igu-milestones-job.js";
import type { RecordedCall } from "../../support/fake-slack-api.js";
import { allText, openModal, optionValue, type SlackTestApp, startSlackTestApp, TEAM } from "../../support/slack-harness.js";
import { viewSubmissionPayload } from "../../support/slack-requests.js";

const REGISTRANT = "UREGISTRANT";
const ENGLISH = "UENGLISH";
let t: SlackTestApp;
const ids: Record<"portland" | "ended" | "english" | "public", string> = { portland: "", ended: "", english: "", public: "" };

/** Registers an IGU at a company through the Slack form and returns its id. */
async function registerIgu(userId: string, company: { name: string; cvr: string; pNumber: string }, weeks: number): Promise<string> {
  const { view, viewId } = await openModal(t, userId, "ny");
  const values = {
    companyName: company.name,
    cvr: company.cvr,
    pNumber: company.pNumber,
    ordinaryEmployees: "40",
    employerSector: "private",
    sector: "construction",
    shortageSector: "no",
    typeId: optionValue(view, "typeId", /^IGU/),
    places: "1",
    startDate: "2016-10-10",
    weeks: String(weeks),
    hoursPerWeek: "30",
    contactPerson: "Hanne Jensen",
  };
  const res = await t.slack.interact(viewSubmissionPayload({ userId, viewId, view, values }));
  expect((res.json as { response_action: string }).response_action).toBe("update");
  const row = await t.db.prisma.placement.findFirstOrThrow({ where: { company: { cvr: company.cvr } }, include: { type: true } });
  expect(row).toMatchObject({ createdBy: `slack:${TEAM}:${userId}`, type: { key: "igu" } });
  return row.id;
}

beforeAll(async () => {
  // Jobs run only through runOnce: a live worker would take tasks with the fixed test clock.
  t = await startSlackTestApp({ jobs: "manual" });
  const prisma = t.db.prisma;
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const di = await prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name: "Dansk Industri Aalborg" } });
  for (const [userId, locale] of [
    [REGISTRANT, "da"],
    [ENGLISH, "en"],
  ] as const) {
    await prisma.contact.create({
      data: { platform: "slack", workspaceId: TEAM, userId, organisationId: di.id, role: "partner_contact", locale, createdBy: "test" },
    });
  }

  // All three start on Monday 10 October 2016: the 6-month milestone is 10 April 2017.
  ids.portland = await registerIgu(REGISTRANT, { name: "Aalborg Portland", cvr: "24256790", pNumber: "1024256790" }, 104); // ends 2018-10-07
  ids.ended = await registerIgu(REGISTRANT, { name: "Rørdal Beton", cvr: "30000005", pNumber: "1030000005" }, 104); // ends 2018-10-07
  ids.english = await registerIgu(ENGLISH, { name: "Nordjysk Byg", cvr: "30000013", pNumber: "1030000013" }, 52); // ends 2017-10-08

  // Rørdal Beton's IGU ends early, in January.
  const end = await openModal(t, REGISTRANT, "afslut");
  const since = t.fake.calls.length;
  const ended = await t.slack.interact(
    viewSubmissionPayload({
      userId: REGISTRANT,
      viewId: end.viewId,
      view: end.view,
      values: { placementId: ids.ended, endedOn: "2017-01-13", reason: "ordinary_job" },
    }),
  );
  expect(ended.status).toBe(200);
  expect(await prisma.placement.findUniqueOrThrow({ where: { id: ids.ended } })).toMatchObject({ status: "ended" });
  // The confirmation the bot sends after the form closes.
  await t.fake.waitFor("chat.postMessage", (c) => allText(c.body).includes("afsluttet før tid"), { since });

  // An anonymised IGU with the same start, and one whose milestone lies further back.
  const [portland, igu] = await Promise.all([
    prisma.placement.findUniqueOrThrow({ where: { id: ids.portland } }),
    prisma.placementType.findFirstOrThrow({ where: { partnershipId: aalborg.id, key: "igu" } }),
  ]);
  const copy = {
    partnershipId: aalborg.id,
    organisationId: di.id,
    companyId: portland.companyId,
    typeId: igu.id,
    places: 1,
    employerSector: "private" as const,
    sector: "construction",
    shortageSector: false,
    needs: [],
    createdBy: `slack:${TEAM}:${REGISTRANT}`,
  };
  await prisma.placement.create({
    data: {
      ...copy,
      startDate: new Date("2016-10-10"),
      endDate: new Date("2018-10-07"),
      contactPerson: "",
      anonymisedAt: new Date("2016-12-01"),
      idempotencyKey: "igu-anonymised",
    },
  });
  await prisma.placement.create({
    data: { ...copy, startDate: new Date("2016-09-12"), endDate: new Date("2018-09-09"), contactPerson: "Ole Holm", idempotencyKey: "igu-older" },
  });
  // A public employer's IGU with the same start: the bonus is for private employers only.
  const publicIgu = await prisma.placement.create({
    data: {
      ...copy,
      employerSector: "public",
      startDate: new Date("2016-10-10"),
      endDate: new Date("2018-10-07"),
      contactPerson: "Kommunens Ejendomme",
      idempotencyKey: "igu-public",
    },
  });
  ids.public = publicIgu.id;
});
afterAll(async () => {
  await t?.close();
});

/** Every DM the job sent in this file. */
const fromJob: RecordedCall[] = [];

/** Runs the job at `iso` and returns the DMs it sent. */
async function runAt(iso: string): Promise<RecordedCall[]> {
  const since = t.fake.calls.length;
  await t.app.jobs.runOnce(new Date(iso), IGU_MILESTONES_JOB);
  const sent = t.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage");
  fromJob.push(...sent);
  return sent;
}

const to = (calls: RecordedCall[]) => calls.map((c) => c.body.channel).sort();

describe("IGU bonus milestones", () => {
  it("does not send a milestone more than 14 days late", async () => {
    // The IGU from 12 September 2016 reached 6 months on 12 March 2017; the 27th is 15 days on.
    expect(await runAt("2017-03-27T07:00:00Z")).toEqual([]);
  });

  it("sends nothing the day before 6 months", async () => {
    expect(await runAt("2017-04-09T07:00:00Z")).toEqual([]);
  });

  it("on the day 6 months after the start, tells whoever registered each running IGU, in their language, once", async () => {
    // Monday 10 April 2017, 09:00 in Copenhagen.
    const sent = await runAt("2017-04-10T07:00:00Z");
    expect(to(sent)).toEqual([ENGLISH, REGISTRANT]);
    const da = allText(sent.find((c) => c.body.channel === REGISTRANT)!.body);
    expect(da).toContain("IGU-bonus: Aalborg Portland");
    expect(da).toContain("Den 10. apr. 2017 har IGU-forløbet hos Aalborg Portland varet 6 måneder.");
    expect(da).toContain("den første IGU-bonus – et beløb, som staten betaler til virksomheder, der ansætter en person i IGU");
    expect(da).toContain("Giv venligst virksomhedens kontaktperson, Hanne Jensen, besked.");
    expect(da).toContain("fordi du registrerede IGU-pladsen");
    expect(da).toContain("Bonussen gives kun til private arbejdsgivere og er de minimis-støtte");
    expect(da).not.toContain("Kommunens Ejendomme");
    expect(da).not.toContain("Rørdal Beton");
    const en = allText(sent.find((c) => c.body.channel === ENGLISH)!.body);
    expect(en).toContain("On 10 Apr 2017 the IGU at Nordjysk Byg has lasted 6 months.");
    expect(en).toContain("Please let the company's contact person, Hanne Jensen, know.");

    // Later the same day (another slot) and the next day: nothing again.
    expect(await runAt("2017-04-10T07:05:00Z")).toEqual([]);
    expect(await runAt("2017-04-11T07:00:00Z")).toEqual([]);
    const keys = (await t.db.prisma.sentNotice.findMany()).map((n) => n.key).sort();
    expect(keys).toEqual([`igu:6m:${ids.english}`, `igu:6m:${ids.portland}`].sort());
  });

  it("reminds on the end date that the last bonus can be applied for, once", async () => {
    expect(await runAt("2017-10-07T07:00:00Z")).toEqual([]);
    const english = await runAt("2017-10-08T07:00:00Z");
    expect(to(english)).toEqual([ENGLISH]);
    expect(allText(english[0]!.body)).toContain(
      "The IGU at Nordjysk Byg ends on 8 Oct 2017. Once it has been completed, the company can apply for the last IGU bonus",
    );

    // Sunday 7 October 2018: Aalborg Portland's IGU ends; Rørdal Beton's, with the same end date, ended early.
    const danish = await runAt("2018-10-07T07:00:00Z");
    expect(to(danish)).toEqual([REGISTRANT]);
    const text = allText(danish[0]!.body);
    expect(text).toContain(
      "Slutdatoen for IGU-forløbet hos Aalborg Portland er 7. okt. 2018. Når forløbet er gennemført, kan virksomheden søge den sidste IGU-bonus",
    );
    expect(text).toContain("Hanne Jensen");
    expect(await runAt("2018-10-08T07:00:00Z")).toEqual([]);
  });

  it("never tells anyone about the IGU that ended early", async () => {
    const keys = (await t.db.prisma.sentNotice.findMany()).map((n) => n.key);
    expect(keys.filter((k) => k.endsWith(ids.ended))).toEqual([]);
    expect(fromJob).toHaveLength(4);
    expect(fromJob.filter((c) => allText(c.body).includes("Rørdal Beton"))).toEqual([]);
  });

  it("never reminds a public employer's IGU: the bonus is for private employers only", async () => {
    const keys = (await t.db.prisma.sentNotice.findMany()).map((n) => n.key);
    expect(keys.filter((k) => k.endsWith(ids.public))).toEqual([]);
    expect(fromJob.filter((c) => allText(c.body).includes("Kommunens Ejendomme"))).toEqual([]);
  });
});
