// The support request state machine against the real store: only valid transitions, each
// audited with who and when, and two people taking one request at once end with one holder.
import { beforeAll, describe, expect, it } from "vitest";
import { listSupportRequests } from "../../../src/features/support-requests/list-support-requests.js";
import { requestSupport, type SupportInput } from "../../../src/features/support-requests/request-support.js";
import { canTransition, transitionSupportRequest } from "../../../src/features/support-requests/transition-support-request.js";
import { type KnownAccess, resolveAccess } from "../../../src/kernel/access.js";
import { createMemoryStores } from "../../support/memory/index.js";

let memory: ReturnType<typeof createMemoryStores>;
let store: ReturnType<typeof createMemoryStores>["store"];
let partner: KnownAccess;
let staffA: KnownAccess;
let staffB: KnownAccess;
const NOW = new Date("2016-10-03T09:00:00Z");
const TZ = "Europe/Copenhagen";

async function known(userId: string): Promise<KnownAccess> {
  const access = await resolveAccess(store, { platform: "slack", workspaceId: "T1", userId, displayName: userId, locale: "da" }, new Set());
  if (access.kind !== "known") throw new Error(`${userId} unknown`);
  return access;
}

beforeAll(async () => {
  memory = createMemoryStores();
  store = memory.store;
  const di = memory.organisation("Dansk Industri Aalborg", "aalborg-2016");
  const jc = memory.organisation("Jobcenter Aalborg", "aalborg-2016");
  for (const [userId, organisationId, role] of [
    ["UP", di.id, "partner_contact"],
    ["UA", jc.id, "jobcenter_staff"],
    ["UB", jc.id, "jobcenter_staff"],
  ] as const) {
    memory.addContact({ platform: "slack", workspaceId: "T1", userId, organisationId, role, displayName: userId });
  }
  [partner, staffA, staffB] = await Promise.all([known("UP"), known("UA"), known("UB")]);
});

const input = (over: Partial<SupportInput> = {}): SupportInput => ({
  kind: "mentor",
  placementId: undefined,
  organisationId: undefined,
  companyName: "Aalborg Portland",
  cvr: "24256790",
  wantedOn: undefined,
  timeWindow: undefined,
  language: undefined,
  hoursPerWeek: 2,
  weeks: 13,
  note: undefined,
  ...over,
});

let counter = 0;
async function newRequest(over: Partial<SupportInput> = {}) {
  const result = await requestSupport(store, partner, input(over), { idempotencyKey: `k${++counter}`, now: NOW, timezone: TZ });
  if (result.kind !== "saved") throw new Error(JSON.stringify(result));
  return result.request;
}

describe("the support request state machine", () => {
  it("allows take from open only, done and decline from open or taken, nothing from done or declined", () => {
    expect(canTransition("open", "take")).toBe(true);
    expect(canTransition("taken", "take")).toBe(false);
    expect(canTransition("taken", "done")).toBe(true);
    expect(canTransition("open", "decline")).toBe(true);
    for (const t of ["take", "done", "decline"] as const) {
      expect(canTransition("done", t)).toBe(false);
      expect(canTransition("declined", t)).toBe(false);
    }
  });

  it("saves a request once per key, due in the partnership's 3 business days", async () => {
    const first = await requestSupport(store, partner, input(), { idempotencyKey: "same", now: NOW, timezone: TZ });
    const again = await requestSupport(store, partner, input(), { idempotencyKey: "same", now: NOW, timezone: TZ });
    expect(first).toMatchObject({ kind: "saved", duplicate: false });
    expect(again).toMatchObject({ kind: "saved", duplicate: true });
    if (first.kind === "saved") expect(first.request.dueAt.toISOString()).toBe("2016-10-06T14:00:00.000Z");
  });

  it("honours the partnership's settings for the number of business days", async () => {
    const aalborg = memory.partnership("aalborg-2016");
    aalborg.settings = { slaBusinessDays: 5, workdayEnd: "15:00" };
    const r = await newRequest({ kind: "danish", hoursPerWeek: undefined, weeks: undefined });
    expect(r.dueAt.toISOString()).toBe("2016-10-10T13:00:00.000Z");
    aalborg.settings = {};
  });

  it("refuses a partner contact and records nothing", async () => {
    const r = await newRequest();
    expect(await transitionSupportRequest(store, partner, { requestId: r.id, transition: "take", now: NOW })).toEqual({ kind: "denied" });
    expect((await store.getSupportRequest(r.id))?.status).toBe("open");
  });

  it("two staff taking at the same moment: one holder, the other is told who has it", async () => {
    const r = await newRequest();
    const later = new Date(NOW.getTime() + 60_000);
    const [a, b] = await Promise.all([
      transitionSupportRequest(store, staffA, { requestId: r.id, transition: "take", now: later }),
      transitionSupportRequest(store, staffB, { requestId: r.id, transition: "take", now: later }),
    ]);
    const outcomes = [a, b].map((x) => x.kind).sort();
    expect(outcomes).toEqual(["not_allowed", "ok"]);
    const winner = a.kind === "ok" ? "UA" : "UB";
    const loser = a.kind === "ok" ? b : a;
    expect(loser.kind === "not_allowed" && loser.request.holderName).toBe(winner);
    const stored = await store.getSupportRequest(r.id);
    expect(stored).toMatchObject({ status: "taken", holder: `slack:T1:${winner}`, version: 1 });
    const audit = memory.db.audit.filter((e) => e.entity === "support_request" && e.entityId === r.id && e.action === "take");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `slack:T1:${winner}`, at: later });
  });

  it("done after take, then nothing more; decline needs a reason", async () => {
    const r = await newRequest();
    await transitionSupportRequest(store, staffA, { requestId: r.id, transition: "take", now: NOW });
    expect(await transitionSupportRequest(store, staffB, { requestId: r.id, transition: "decline", now: NOW })).toEqual({ kind: "reason_required" });
    expect(await transitionSupportRequest(store, staffB, { requestId: r.id, transition: "decline", now: NOW, reason: "CPR 010190-1234" })).toEqual({
      kind: "reason_invalid",
    });
    const done = await transitionSupportRequest(store, staffA, { requestId: r.id, transition: "done", now: NOW });
    expect(done).toMatchObject({ kind: "ok", request: { status: "done", holder: "slack:T1:UA" } });
    expect(await transitionSupportRequest(store, staffB, { requestId: r.id, transition: "take", now: NOW })).toMatchObject({ kind: "not_allowed" });
    const audit = memory.db.audit.filter((e) => e.entity === "support_request" && e.entityId === r.id).sort((x, y) => x.at.getTime() - y.at.getTime());
    expect(audit.map((e) => e.action)).toEqual(["create", "take", "done"]);
    expect(audit[2]).toMatchObject({ before: { status: "taken" }, after: { status: "done" } });
  });

  it("lists open requests, the organisation's own for a partner, overdue first", async () => {
    const later = new Date("2016-10-07T09:00:00Z");
    const staffList = await listSupportRequests(store, staffA, later);
    const partnerList = await listSupportRequests(store, partner, later);
    expect(staffList.kind === "ok" && staffList.requests.every((r) => r.status === "open" || r.status === "taken")).toBe(true);
    expect(partnerList).toMatchObject({ kind: "ok", scope: "organisation", organisationName: "Dansk Industri Aalborg" });
    if (staffList.kind === "ok") {
      expect(staffList.overdue).toBeGreaterThan(0);
      const dues = staffList.requests.map((r) => r.dueAt.getTime());
      expect([...dues].sort((x, y) => x - y)).toEqual(dues);
    }
  });
});
