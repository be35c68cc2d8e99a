// The weekly digest job with an injected clock against one database: Monday 08:00 posts, a
// restart at 08:00:30 does not post again, two processes together post each channel once, a bot
// down over the weekend catches up on its first run, a week gone by is never posted late, and
// platform errors are retried or recorded.
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../../src/bot/stores.js";
import { createPrismaStore } from "../../../src/db/stores.js";
import { postWeeklyDigests, type WeeklyDigestDeps } from "../../../src/features/digests/weekly-job.js";
import { createI18n } from "../../../src/i18n/index.js";
import type { MessageView } from "../../../src/kernel/message.js";
import type { ChannelAddress, Messenger, PostImage, UserAddress } from "../../../src/kernel/messenger.js";
import { PostingLimiter } from "../../../src/kernel/rate-limit.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";
import { seedDigestPlacements } from "../../support/digest-seed.js";

const TZ = "Europe/Copenhagen";
const MONDAY_0800 = new Date("2016-11-28T07:00:00Z");
let db: TestDatabase;
let store: AppStore;
let partnershipId: string;

class RecordingMessenger implements Messenger {
  posts: { address: ChannelAddress; view: MessageView; image?: PostImage }[] = [];
  direct: { address: UserAddress; view: MessageView }[] = [];
  failures: ((address: ChannelAddress) => unknown | undefined)[] = [];
  async postToChannel(address: ChannelAddress, view: MessageView, image?: PostImage) {
    const failure = this.failures.shift()?.(address);
    if (failure) throw failure;
    await new Promise((r) => setTimeout(r, 5));
    this.posts.push({ address, view, ...(image ? { image } : {}) });
    return { platform: address.platform, workspaceId: address.workspaceId, channelId: address.channelId, messageId: `m${this.posts.length}` };
  }
  async updateMessage() {}
  async sendDirect(address: UserAddress, view: MessageView) {
    this.direct.push({ address, view });
    return true;
  }
}

const i18n = createI18n("da");
const noSleep = async () => {};
function deps(messenger: Messenger, instanceId: string): WeeklyDigestDeps {
  return {
    store,
    messenger,
    i18n,
    logger: pino({ level: "silent" }),
    timezone: TZ,
    admins: new Set(["UADMIN"]),
    instanceId,
    limiter: new PostingLimiter(undefined, Date.now, noSleep),
    retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, sleep: noSleep },
  };
}

async function link(channelId: string, weekday = 1, time = "08:00", createdAt = new Date("2016-11-01T00:00:00Z")) {
  const l = await store.saveDigestLink(
    { platform: "slack", workspaceId: "T1", channelId, partnershipId, organisationId: null, weekday, time, locale: "da" },
    { actor: "test" },
  );
  await db.prisma.channelLink.update({ where: { id: l.id }, data: { createdAt } });
  return l;
}

beforeAll(async () => {
  db = await createTestDatabase();
  store = createPrismaStore(db.prisma);
  ({ partnershipId } = await seedDigestPlacements(db.prisma, { count: 200, from: new Date("2016-01-04T09:00:00Z"), to: new Date("2016-11-27T09:00:00Z") }));
}, 60_000);
beforeEach(async () => {
  await db.prisma.digestRun.deleteMany();
  await db.prisma.channelLink.deleteMany({ where: { purpose: "digest" } });
});
afterAll(async () => {
  await db?.drop();
});

describe("the weekly digest, once per channel and week", () => {
  it("posts at Monday 08:00 with its chart, and a restart at 08:00:30 does not post again", async () => {
    await link("C1");
    const m = new RecordingMessenger();
    expect((await postWeeklyDigests(deps(m, "a"), new Date(MONDAY_0800.getTime() - 60_000))).due).toBe(0);
    const first = await postWeeklyDigests(deps(m, "a"), MONDAY_0800);
    expect(first).toMatchObject({ week: "2016-W48", due: 1, posted: 1 });
    expect(m.posts[0]!.image!.png.subarray(1, 4).toString()).toBe("PNG");
    const restarted = await postWeeklyDigests(deps(m, "b"), new Date(MONDAY_0800.getTime() + 30_000));
    expect(restarted).toMatchObject({ posted: 0, skipped: 1 });
    expect(m.posts).toHaveLength(1);
    const run = await db.prisma.digestRun.findFirstOrThrow();
    expect(run).toMatchObject({ isoWeek: "2016-W48", status: "posted", claimedBy: "a" });
  });

  it("two processes started together post each channel once", async () => {
    for (let i = 0; i < 12; i++) await link(`CP${i}`);
    const m1 = new RecordingMessenger();
    const m2 = new RecordingMessenger();
    const [a, b] = await Promise.all([postWeeklyDigests(deps(m1, "p1"), MONDAY_0800), postWeeklyDigests(deps(m2, "p2"), MONDAY_0800)]);
    expect(a.posted + b.posted).toBe(12);
    const channels = [...m1.posts, ...m2.posts].map((p) => p.address.channelId).sort();
    expect(new Set(channels).size).toBe(12);
    expect(channels).toHaveLength(12);
    expect(await db.prisma.digestRun.count({ where: { status: "posted" } })).toBe(12);
  });

  it("a bot down over the weekend catches up once on Monday's start; a week gone by is not posted late", async () => {
    await link("CSAT", 6, "09:00"); // Saturday 26 November 09:00 (week 47)
    await link("CMON");
    const m = new RecordingMessenger();
    // Started again on Monday at 10:15: Monday's digest is caught up, Saturday's (last week) is not.
    const start = new Date("2016-11-28T09:15:00Z");
    expect(await postWeeklyDigests(deps(m, "a"), start)).toMatchObject({ week: "2016-W48", due: 1, posted: 1 });
    expect(m.posts.map((p) => p.address.channelId)).toEqual(["CMON"]);
    for (let minute = 1; minute <= 5; minute++) await postWeeklyDigests(deps(m, "a"), new Date(start.getTime() + minute * 60_000));
    expect(m.posts).toHaveLength(1);
    expect(await db.prisma.digestRun.count({ where: { isoWeek: "2016-W47" } })).toBe(0);
    // Saturday's channel gets week 48 on its own Saturday.
    await postWeeklyDigests(deps(m, "a"), new Date("2016-12-03T08:00:00Z"));
    expect(m.posts.map((p) => p.address.channelId)).toEqual(["CMON", "CSAT"]);
  });

  it("a channel linked after this week's slot waits for next week", async () => {
    await link("CNEW", 1, "08:00", new Date("2016-11-28T08:00:00Z"));
    const m = new RecordingMessenger();
    expect(await postWeeklyDigests(deps(m, "a"), new Date("2016-11-28T09:00:00Z"))).toMatchObject({ due: 0 });
  });

  it("a claim from a process that died is taken over once, after its heartbeat has stopped for a minute", async () => {
    const l = await link("CDEAD");
    await db.prisma.digestRun.create({
      data: { channelLinkId: l.id, isoWeek: "2016-W48", status: "claimed", claimedBy: "dead", claimedAt: MONDAY_0800 },
    });
    const m = new RecordingMessenger();
    expect(await postWeeklyDigests(deps(m, "a"), new Date(MONDAY_0800.getTime() + 30_000))).toMatchObject({ posted: 0, skipped: 1 });
    expect(await postWeeklyDigests(deps(m, "a"), new Date(MONDAY_0800.getTime() + 90_000))).toMatchObject({ posted: 1 });
    await db.prisma.digestRun.update({
      where: { channelLinkId_isoWeek: { channelLinkId: l.id, isoWeek: "2016-W48" } },
      data: { status: "claimed", claimedAt: MONDAY_0800 },
    });
    expect(await postWeeklyDigests(deps(m, "b"), new Date(MONDAY_0800.getTime() + 40 * 60_000))).toMatchObject({ posted: 0, skipped: 1 });
  });

  it("a claim whose holder is alive is not taken over, however long ago it was claimed", async () => {
    const l = await link("CSLOW");
    await db.prisma.digestRun.create({
      data: { channelLinkId: l.id, isoWeek: "2016-W48", status: "claimed", claimedBy: "slow", claimedAt: MONDAY_0800 },
    });
    const later = new Date(MONDAY_0800.getTime() + 10 * 60_000);
    expect(await store.heartbeatDigestRun(l.id, "2016-W48", "slow", new Date(later.getTime() - 20_000))).toBe(true);
    expect(await store.heartbeatDigestRun(l.id, "2016-W48", "someone else", later)).toBe(false);
    const m = new RecordingMessenger();
    expect(await postWeeklyDigests(deps(m, "a"), later)).toMatchObject({ posted: 0, skipped: 1 });
    expect(m.posts).toHaveLength(0);
  });

  it("a replica killed while posting: its channels are taken over within two minutes, each posted once", async () => {
    for (let i = 0; i < 10; i++) await link(`CK${i}`);
    // Replica A posts three channels, then hangs on every other post and never beats again: killed.
    const killed: (() => void)[] = [];
    let dead = false;
    let calls = 0;
    const a = new RecordingMessenger();
    const postA = a.postToChannel.bind(a);
    a.postToChannel = async (address, view, image) => {
      calls += 1;
      if (dead) throw new Error("killed");
      if (calls > 3) await new Promise<never>((_resolve, reject) => killed.push(() => reject(new Error("killed"))));
      return postA(address, view, image);
    };
    const deadRun = postWeeklyDigests({ ...deps(a, "A"), heartbeatMs: 2 ** 31 - 1 }, MONDAY_0800);
    const stuck = async () => killed.length === 7 && (await db.prisma.digestRun.count({ where: { status: "posted" } })) === 3;
    for (let i = 0; i < 1000 && !(await stuck()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(a.posts).toHaveLength(3);
    expect(await db.prisma.digestRun.count({ where: { status: "claimed", claimedBy: "A" } })).toBe(7);

    // Replica B's runs: at 08:00:50 the claims are still fresh, at 08:02 they are taken over.
    const b = new RecordingMessenger();
    expect(await postWeeklyDigests(deps(b, "B"), new Date(MONDAY_0800.getTime() + 50_000))).toMatchObject({ posted: 0, skipped: 10 });
    expect(await postWeeklyDigests(deps(b, "B"), new Date(MONDAY_0800.getTime() + 120_000))).toMatchObject({ posted: 7, skipped: 3 });

    // The killed replica's late outcome does not overwrite what B recorded.
    dead = true;
    for (const kill of killed) kill();
    expect(await deadRun).toMatchObject({ posted: 3, failed: 7 });
    const channels = [...a.posts, ...b.posts].map((p) => p.address.channelId).sort();
    expect(channels).toEqual(Array.from({ length: 10 }, (_, i) => `CK${i}`).sort());
    expect(await db.prisma.digestRun.count({ where: { status: "posted" } })).toBe(10);
    expect(await db.prisma.channelLink.count({ where: { purpose: "digest", failedAt: { not: null } } })).toBe(0);
  });
});

describe("platform errors", () => {
  const slackError = (error: string, extra: object = {}) =>
    Object.assign(new Error(`An API error occurred: ${error}`), { code: "slack_webapi_platform_error", data: { ok: false, error }, ...extra });

  it("retries a 429 after Retry-After and a 500, then records the post", async () => {
    await link("CRETRY");
    const m = new RecordingMessenger();
    const waits: number[] = [];
    m.failures.push(
      () => Object.assign(new Error("429"), { statusCode: 429, headers: { "retry-after": "2" } }),
      () => Object.assign(new Error("500"), { statusCode: 500 }),
    );
    const d = deps(m, "a");
    d.retry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, sleep: async (ms) => void waits.push(ms) };
    expect(await postWeeklyDigests(d, MONDAY_0800)).toMatchObject({ posted: 1, failed: 0 });
    expect(waits[0]).toBe(2000);
    expect(await db.prisma.digestRun.findFirstOrThrow()).toMatchObject({ status: "posted" });
  });

  it("a channel that is gone is marked, recorded as failed, reported to the admins once and not tried again", async () => {
    const l = await link("CGONE");
    const m = new RecordingMessenger();
    m.failures.push(() => slackError("channel_not_found"));
    expect(await postWeeklyDigests(deps(m, "a"), MONDAY_0800)).toMatchObject({ posted: 0, failed: 1 });
    expect(await db.prisma.digestRun.findFirstOrThrow()).toMatchObject({ status: "failed" });
    expect(await db.prisma.channelLink.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ failure: "channel_not_found" });
    expect(m.direct.map((d) => d.address.userId)).toEqual(["UADMIN"]);
    expect(m.direct[0]!.view.text).toMatch(/CGONE.*channel_not_found/);
    await postWeeklyDigests(deps(m, "a"), new Date("2016-12-05T07:00:00Z"));
    expect(m.posts).toHaveLength(0);
    expect(m.direct).toHaveLength(1);
  });

  it("a Teams 403 is permanent too", async () => {
    await link("CTEAMS");
    const m = new RecordingMessenger();
    m.failures.push(() => Object.assign(new Error("Forbidden"), { response: { status: 403 } }));
    expect(await postWeeklyDigests(deps(m, "a"), MONDAY_0800)).toMatchObject({ failed: 1 });
    expect((await db.prisma.channelLink.findFirstOrThrow({ where: { channelId: "CTEAMS" } })).failure).toBe("http_403");
  });
});
