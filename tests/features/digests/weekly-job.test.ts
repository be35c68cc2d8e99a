// The weekly digest job with an injected clock on the job queue (pg-boss) in one database:
// Monday 08:00 posts, a restart at 08:00:30 does not post again, two replicas together post each
// channel once, a bot down over the weekend catches up on its first run, a week gone by is never
// posted late, a replica killed mid-post hands its channels over, and platform errors are
// retried or recorded.
import { type PgBoss, TestClock } from "pg-boss";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../../src/bot/stores.js";
import { createPrismaStore } from "../../../src/db/stores.js";
import { postWeeklyDigests, type WeeklyDigestDeps, weeklyDigestsJob } from "../../../src/features/digests/weekly-job.js";
import { createI18n } from "../../../src/i18n/index.js";
import { createJobEngine } from "../../../src/jobs/engine.js";
import { Scheduler } from "../../../src/jobs/scheduler.js";
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
const logger = pino({ level: "silent" });
function deps(messenger: Messenger): WeeklyDigestDeps {
  return {
    store,
    messenger,
    i18n,
    logger,
    timezone: TZ,
    admins: new Set(["UADMIN"]),
    limiter: new PostingLimiter(undefined, Date.now, noSleep),
    retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, sleep: noSleep },
  };
}

/** A replica: its own queue client on the shared database, and the weekly digest job. */
const replicas: { boss: PgBoss; jobs: Scheduler }[] = [];
async function replica(messenger: Messenger, clock?: TestClock): Promise<{ boss: PgBoss; jobs: Scheduler }> {
  const boss = createJobEngine(db, logger, { mode: "manual", ...(clock ? { clock } : {}) });
  await boss.start();
  const made = { boss, jobs: new Scheduler({ boss, logger, timezone: TZ }).add(weeklyDigestsJob(deps(messenger))) };
  replicas.push(made);
  return made;
}

async function link(channelId: string, weekday = 1, time = "08:00", createdAt = new Date("2016-11-01T00:00:00Z")) {
  const l = await store.saveDigestLink(
    { platform: "slack", workspaceId: "T1", channelId, partnershipId, organisationId: null, weekday, time, locale: "da" },
    { actor: "test" },
  );
  await db.prisma.channelLink.update({ where: { id: l.id }, data: { createdAt } });
  return l;
}

const TASKS = "weekly-digests.tasks";
const later = (ms: number) => new Date(MONDAY_0800.getTime() + ms);

beforeAll(async () => {
  db = await createTestDatabase();
  store = createPrismaStore(db.prisma);
  ({ partnershipId } = await seedDigestPlacements(db.prisma, { count: 200, from: new Date("2016-01-04T09:00:00Z"), to: new Date("2016-11-27T09:00:00Z") }));
}, 60_000);
beforeEach(async () => {
  await db.prisma.digestRun.deleteMany();
  await db.prisma.channelLink.deleteMany({ where: { purpose: "digest" } });
});
afterEach(async () => {
  // As the app closes: the scheduler first, which waits for a tick still draining its tasks, so
  // the queue is never asked for work after it stopped.
  for (const { boss, jobs } of replicas.splice(0)) {
    await jobs.stop();
    await boss.stop({ graceful: false });
  }
});
afterAll(async () => {
  await db?.drop();
});

describe("the weekly digest, once per channel and week", () => {
  it("posts at Monday 08:00 with its chart, and a restart at 08:00:30 does not post again", async () => {
    await link("C1");
    const m = new RecordingMessenger();
    const a = await replica(m);
    await a.jobs.runOnce(later(-60_000));
    expect(m.posts).toHaveLength(0);
    await a.jobs.runOnce(MONDAY_0800);
    expect(m.posts).toHaveLength(1);
    expect(m.posts[0]!.image!.png.subarray(1, 4).toString()).toBe("PNG");
    const restarted = await replica(m);
    await restarted.jobs.runOnce(later(30_000));
    expect(m.posts).toHaveLength(1);
    const run = await db.prisma.digestRun.findFirstOrThrow();
    expect(run).toMatchObject({ isoWeek: "2016-W48", status: "posted", messageRef: { messageId: "m1" } });
  });

  it("two replicas started together post each channel once", async () => {
    for (let i = 0; i < 12; i++) await link(`CP${i}`);
    const m1 = new RecordingMessenger();
    const m2 = new RecordingMessenger();
    const [a, b] = await Promise.all([replica(m1), replica(m2)]);
    await Promise.all([a.jobs.runOnce(MONDAY_0800), b.jobs.runOnce(MONDAY_0800)]);
    const channels = [...m1.posts, ...m2.posts].map((p) => p.address.channelId).sort();
    expect(new Set(channels).size).toBe(12);
    expect(channels).toHaveLength(12);
    expect(await db.prisma.digestRun.count({ where: { status: "posted" } })).toBe(12);
  });

  it("a task that comes again after its channel was posted does nothing", async () => {
    await link("CAGAIN");
    const m = new RecordingMessenger();
    const a = await replica(m);
    await a.jobs.runOnce(MONDAY_0800);
    const [l] = await store.listDigestLinks({ channelId: "CAGAIN" });
    await a.boss.send(TASKS, { at: MONDAY_0800.toISOString(), data: { channelLinkId: l!.id, week: "2016-W48" } }, { singletonKey: "again" });
    await a.jobs.runOnce(later(60_000));
    expect(m.posts).toHaveLength(1);
  });

  it("a bot down over the weekend catches up once on Monday's start; a week gone by is not posted late", async () => {
    await link("CSAT", 6, "09:00"); // Saturday 26 November 09:00 (week 47)
    await link("CMON");
    const m = new RecordingMessenger();
    const a = await replica(m);
    // Started again on Monday at 10:15: Monday's digest is caught up, Saturday's (last week) is not.
    const start = new Date("2016-11-28T09:15:00Z");
    await a.jobs.runOnce(start);
    expect(m.posts.map((p) => p.address.channelId)).toEqual(["CMON"]);
    for (let minute = 1; minute <= 5; minute++) await a.jobs.runOnce(new Date(start.getTime() + minute * 60_000));
    expect(m.posts).toHaveLength(1);
    expect(await db.prisma.digestRun.count({ where: { isoWeek: "2016-W47" } })).toBe(0);
    // Saturday's channel gets week 48 on its own Saturday.
    await a.jobs.runOnce(new Date("2016-12-03T08:00:00Z"));
    expect(m.posts.map((p) => p.address.channelId)).toEqual(["CMON", "CSAT"]);
  });

  it("a channel linked after this week's slot waits for next week", async () => {
    await link("CNEW", 1, "08:00", new Date("2016-11-28T08:00:00Z"));
    const m = new RecordingMessenger();
    expect(await postWeeklyDigests(deps(m), new Date("2016-11-28T09:00:00Z"))).toMatchObject({ due: 0 });
  });

  it("a replica killed while posting: its channels go to another replica within two minutes, each posted once", async () => {
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
    const replicaA = await replica(a);
    void replicaA.jobs.runOnce(MONDAY_0800);
    const active = async () => (await replicaA.boss.findJobs(TASKS)).filter((j) => j.state === "active").length;
    const stuck = async () => killed.length === 7 && (await db.prisma.digestRun.count({ where: { status: "posted" } })) === 3 && (await active()) === 7;
    for (let i = 0; i < 1000 && !(await stuck()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(a.posts).toHaveLength(3);
    expect(await active()).toBe(7);

    // Replica B on the queue's own clock: 20 s later the tasks are still A's; once A has sent no
    // heartbeat for 30 s the queue's supervisor hands them back, and B posts them 80 s after the kill.
    const clock = new TestClock(Date.now());
    const b = new RecordingMessenger();
    const replicaB = await replica(b, clock);
    const killedAt = clock.now();
    await clock.setTime(killedAt + 20_000);
    await replicaB.boss.supervise(TASKS);
    await replicaB.jobs.runOnce(later(20_000));
    expect(b.posts).toHaveLength(0);
    await clock.setTime(killedAt + 55_000);
    await replicaB.boss.supervise(TASKS);
    await clock.setTime(killedAt + 80_000);
    await replicaB.jobs.runOnce(later(80_000));
    expect(b.posts).toHaveLength(7);

    // The killed replica's late outcome does not add a post or a record.
    dead = true;
    for (const kill of killed) kill();
    await new Promise((r) => setTimeout(r, 50));
    const channels = [...a.posts, ...b.posts].map((p) => p.address.channelId).sort();
    expect(channels).toEqual(Array.from({ length: 10 }, (_, i) => `CK${i}`).sort());
    expect(await db.prisma.digestRun.count({ where: { status: "posted" } })).toBe(10);
    expect(await db.prisma.channelLink.count({ where: { purpose: "digest", failedAt: { not: null } } })).toBe(0);
  }, 30_000);
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
    const d = deps(m);
    d.retry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, sleep: async (ms) => void waits.push(ms) };
    expect(await postWeeklyDigests(d, MONDAY_0800)).toMatchObject({ posted: 1, failed: 0 });
    expect(waits[0]).toBe(2000);
    expect(await db.prisma.digestRun.findFirstOrThrow()).toMatchObject({ status: "posted" });
  });

  it("a channel that is gone is marked, recorded as failed, reported to the admins once and not tried again", async () => {
    const l = await link("CGONE");
    const m = new RecordingMessenger();
    m.failures.push(() => slackError("channel_not_found"));
    expect(await postWeeklyDigests(deps(m), MONDAY_0800)).toMatchObject({ posted: 0, failed: 1 });
    expect(await db.prisma.digestRun.findFirstOrThrow()).toMatchObject({ status: "failed" });
    expect(await db.prisma.channelLink.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ failure: "channel_not_found" });
    expect(m.direct.map((d) => d.address.userId)).toEqual(["UADMIN"]);
    expect(m.direct[0]!.view.text).toMatch(/CGONE.*channel_not_found/);
    await postWeeklyDigests(deps(m), new Date("2016-12-05T07:00:00Z"));
    expect(m.posts).toHaveLength(0);
    expect(m.direct).toHaveLength(1);
  });

  it("a Teams 403 is permanent too", async () => {
    await link("CTEAMS");
    const m = new RecordingMessenger();
    m.failures.push(() => Object.assign(new Error("Forbidden"), { response: { status: 403 } }));
    expect(await postWeeklyDigests(deps(m), MONDAY_0800)).toMatchObject({ failed: 1 });
    expect((await db.prisma.channelLink.findFirstOrThrow({ where: { channelId: "CTEAMS" } })).failure).toBe("http_403");
  });
});
