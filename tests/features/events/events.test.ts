// Events on in-memory stores: planning within bounds, hosts and channels only from what the form
// offered, sign-ups within the capacity (one per CVR), cancelling, another partnership's event is
// "not found", the reminder goes once per sign-up, attendance and the placements that came of the
// event, and the figures for a period.
import { beforeAll, describe, expect, it } from "vitest";
import { ZCreateEventInput, ZSignUpInput } from "../../../src/features/events/contract.js";
import { createEvent, type EventFormContext, HERE, openEventForm } from "../../../src/features/events/create-event.js";
import { eventFiguresFor } from "../../../src/features/events/event-figures.js";
import { linkEventPlacement } from "../../../src/features/events/link-event-placement.js";
import { openAttendance, recordAttendance } from "../../../src/features/events/record-attendance.js";
import { remindTomorrowsEvents } from "../../../src/features/events/reminders-job.js";
import { cancelSignup, signUpForEvent } from "../../../src/features/events/sign-up-for-event.js";
import type { EventRecord } from "../../../src/features/events/store.js";
import { registerPlacement } from "../../../src/features/placements/register-placement.js";
import { createI18n } from "../../../src/i18n/index.js";
import { type KnownAccess, resolveAccess } from "../../../src/kernel/access.js";
import type { MessageView } from "../../../src/kernel/message.js";
import type { Messenger, UserAddress } from "../../../src/kernel/messenger.js";
import { createMemoryStores } from "../../support/memory/index.js";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2016-10-03T09:00:00Z");
const TODAY = "2016-10-03";
let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let admin: KnownAccess;
let di: KnownAccess;
let lo: KnownAccess;
let fredericia: KnownAccess;
let context: EventFormContext;
let event: EventRecord;

async function known(userId: string): Promise<KnownAccess> {
  const access = await resolveAccess(store, { platform: "slack", workspaceId: "T1", userId, displayName: userId, locale: "da" }, new Set());
  if (access.kind !== "known") throw new Error(`${userId} unknown`);
  return access;
}

const eventInput = (over: Record<string, unknown> = {}) =>
  ZCreateEventInput.parse({
    title: "Praktikdating i byggeriet",
    kind: "praktikdating",
    date: "2016-10-20",
    startTime: "13:00",
    endTime: "15:30",
    place: "Aalborg Kongres & Kultur Center",
    sectors: ["construction"],
    capacity: "10",
    hostOrganisationIds: [],
    channels: [HERE],
    ...over,
  });

const signup = (over: Record<string, unknown> = {}) =>
  ZSignUpInput.parse({ companyName: "Aalborg Portland A/S", cvr: "24256790", people: "4", sectors: ["construction"], placesOffered: "2", ...over });

beforeAll(async () => {
  memory = createMemoryStores();
  store = memory.store;
  const org = (name: string, slug = "aalborg-2016") => memory.organisation(name, slug);
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UADM", organisationId: org("Jobcenter Aalborg").id, role: "secretariat_admin" });
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UDI", organisationId: org("Dansk Industri Aalborg").id, role: "partner_contact" });
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "ULO", organisationId: org("LO-Aalborg").id, role: "partner_contact" });
  const fredericiaOrg = memory.db.organisations.find((o) => o.partnershipId === memory.partnership("fredericia-2013").id)!;
  memory.addContact({ platform: "slack", workspaceId: "T1", userId: "UFR", organisationId: fredericiaOrg.id, role: "partner_contact" });
  [admin, di, lo, fredericia] = await Promise.all([known("UADM"), known("UDI"), known("ULO"), known("UFR")]);
});

describe("planning an event", () => {
  it("a contact's own organisation hosts it; an id the form did not offer hosts nothing; saved once", async () => {
    // No channels are linked in memory: the form offers "this channel" only.
    const opened = await openEventForm({ ...store, listChannelLinks: async () => [] }, di, { platform: "slack", workspaceId: "T1", channelId: "CHERE" });
    if (opened.kind !== "ok") throw new Error(opened.kind);
    context = opened.context;
    expect(context.fixedHost?.name).toBe("Dansk Industri Aalborg");
    const input = eventInput({ hostOrganisationIds: ["__proto__", "someone-elses-org"] });
    const result = await createEvent(store, di, input, { context, idempotencyKey: "k1", now: NOW, timezone: TZ, today: TODAY });
    if (result.kind !== "saved") throw new Error(result.kind);
    event = result.event;
    expect(event.hostOrganisationIds).toEqual([context.fixedHost!.id]);
    expect(result.postTo).toEqual([{ platform: "slack", workspaceId: "T1", channelId: "CHERE" }]);
    expect(event.startsAt.toISOString()).toBe("2016-10-20T11:00:00.000Z");
    const again = await createEvent(store, di, input, { context, idempotencyKey: "k1", now: NOW, timezone: TZ, today: TODAY });
    expect(again).toMatchObject({ kind: "saved", created: false, event: { id: event.id } });
  });

  it("refuses a day in the past, one more than two years ahead and year 9999 at the field", async () => {
    const run = (date: string) => createEvent(store, di, eventInput({ date }), { context, idempotencyKey: `k-${date}`, now: NOW, timezone: TZ, today: TODAY });
    expect(await run("2016-10-02")).toEqual({ kind: "invalid", problems: { date: { key: "events:errors.date_past" } } });
    expect(await run("2018-12-01")).toMatchObject({ kind: "invalid", problems: { date: { key: "events:errors.date_far" } } });
    expect(ZCreateEventInput.safeParse({ ...eventInput(), date: "9999-12-31", capacity: "10" }).error?.issues[0]).toMatchObject({ path: ["date"] });
    expect(ZCreateEventInput.safeParse({ ...eventInput(), endTime: "12:00", capacity: "10" }).error?.issues[0]).toMatchObject({
      path: ["endTime"],
      message: "events:errors.end_before_start",
    });
    expect(ZCreateEventInput.safeParse({ ...eventInput(), title: "Ali 010190-1234", capacity: "10" }).error?.issues[0]).toMatchObject({
      path: ["title"],
      message: "form:errors.cpr",
    });
  });
});

describe("signing up", () => {
  it("a CVR that fails modulus 11 is refused at the field", () => {
    expect(ZSignUpInput.safeParse({ companyName: "X", cvr: "24256791", people: "1" }).error?.issues[0]).toMatchObject({
      path: ["cvr"],
      message: "placement:errors.cvr_checksum",
    });
  });

  it("respects the capacity: a company that would not fit is told the seats left, at the people field", async () => {
    expect(await signUpForEvent(store, lo, event.id, signup(), NOW)).toMatchObject({ kind: "saved", created: true });
    expect(await signUpForEvent(store, di, event.id, signup({ companyName: "Bilka", cvr: "35954716", people: "7" }), NOW)).toEqual({
      kind: "invalid",
      problems: { people: { key: "events:errors.seats_left", vars: { count: 6, left: 6 } } },
    });
    expect(await signUpForEvent(store, di, event.id, signup({ companyName: "Bilka", cvr: "35954716", people: "6" }), NOW)).toMatchObject({ kind: "saved" });
    // The same company again changes its sign-up instead of taking more seats.
    expect(await signUpForEvent(store, lo, event.id, signup({ people: "3" }), NOW)).toMatchObject({ kind: "saved", created: false, signup: { people: 3 } });
  });

  it("another partnership's event and a made-up id are not found", async () => {
    expect(await signUpForEvent(store, fredericia, event.id, signup(), NOW)).toEqual({ kind: "not_found" });
    expect(await signUpForEvent(store, di, "__proto__", signup(), NOW)).toEqual({ kind: "not_found" });
  });

  it("only whoever signed up, a host or the secretariat cancels", async () => {
    const bilka = (await store.listSignups(event.id)).find((s) => s.cvr === "35954716")!;
    expect(await cancelSignup(store, lo, bilka.id, NOW)).toEqual({ kind: "denied" });
    expect(await cancelSignup(store, fredericia, bilka.id, NOW)).toEqual({ kind: "not_found" });
    expect(await cancelSignup(store, di, bilka.id, NOW)).toMatchObject({ kind: "cancelled" });
    expect(await cancelSignup(store, di, bilka.id, NOW)).toEqual({ kind: "already" });
  });
});

describe("the reminder and afterwards", () => {
  it("the day before, each company still signed up is reminded once", async () => {
    const sent: UserAddress[] = [];
    const messenger: Messenger = {
      postToChannel: async () => ({ platform: "slack", workspaceId: "T1", channelId: "C", messageId: "1" }),
      updateMessage: async () => {},
      sendDirect: async (address: UserAddress, _view: MessageView) => {
        sent.push(address);
        return true;
      },
    };
    const deps = { store, notices: store, messenger, i18n: createI18n("da"), logger: { info() {}, warn() {}, error() {}, debug() {} } as never, timezone: TZ };
    expect(await remindTomorrowsEvents(deps, new Date("2016-10-18T10:00:00Z"))).toBe(0);
    expect(await remindTomorrowsEvents(deps, new Date("2016-10-19T08:05:00Z"))).toBe(1);
    expect(await remindTomorrowsEvents(deps, new Date("2016-10-19T09:05:00Z"))).toBe(0);
    expect(sent).toEqual([{ platform: "slack", workspaceId: "T1", userId: "ULO" }]);
  });

  it("attendance waits for the event; then the host records who came and the placements that came of it", async () => {
    expect(await openAttendance(store, di, event.id, NOW)).toMatchObject({ kind: "not_yet" });
    const after = new Date("2016-10-21T08:00:00Z");
    expect(await openAttendance(store, lo, event.id, after)).toEqual({ kind: "denied" });
    const portland = await registerPlacement(
      store,
      di,
      {
        organisationId: di.organisation!.id,
        companyName: "Aalborg Portland A/S",
        cvr: "24256790",
        employerSector: "private",
        sector: "construction",
        shortageSector: true,
        typeId: memory.placementType("aalborg-2016", "ordinaer").id,
        places: 1,
        startDate: "2016-11-01",
        weeks: undefined,
        contactPerson: "Hanne Jensen",
        needs: [],
        note: undefined,
      } as never,
      "slack:T1:UDI:p1",
    );
    if (portland.kind !== "saved") throw new Error(JSON.stringify(portland));
    const opened = await openAttendance(store, di, event.id, after);
    if (opened.kind !== "ok") throw new Error(opened.kind);
    expect(opened.context.signups.map((s) => s.companyName)).toEqual(["Aalborg Portland A/S"]);
    expect(opened.context.placements.map((p) => p.id)).toEqual([portland.placement.id]);
    const signupId = opened.context.signups[0]!.id;
    await recordAttendance(store, di, opened.context, { attended: [signupId, "other-events-signup"], placementIds: [portland.placement.id, "x"] }, after);
    expect(await store.listEventPlacementIds(event.id)).toEqual([portland.placement.id]);
    const quarter = { from: new Date("2016-09-30T22:00:00Z"), to: new Date("2016-12-31T23:00:00Z") };
    expect(await eventFiguresFor(store, event.partnershipId, quarter, { now: after })).toEqual({ held: 1, companiesReached: 1, placements: 1 });
    // Before it began, it is not held; LO hosted nothing.
    expect(await eventFiguresFor(store, event.partnershipId, quarter, { now: NOW })).toEqual({ held: 0, companiesReached: 0, placements: 0 });
    expect(await eventFiguresFor(store, event.partnershipId, quarter, { now: after, organisationId: lo.organisation!.id })).toMatchObject({ held: 0 });
  });

  it("a placement names an event only of its own partnership that has begun", async () => {
    const placement = { id: "p-x", partnershipId: memory.partnership("fredericia-2013").id } as never;
    expect(await linkEventPlacement(store, admin, event.id, placement, new Date("2016-10-21T08:00:00Z"))).toBe(false);
    expect(await linkEventPlacement(store, di, event.id, { id: "p-y", partnershipId: event.partnershipId } as never, NOW)).toBe(false);
  });
});
