// The scheduler on the job queue (pg-boss) in a real database: a cron schedule is one row however
// many replicas start, a key is queued once while it waits, a task whose send fails is retried
// after a backoff and its notice is recorded only once it went out, and a retried task that finds
// its notice recorded sends nothing.
import { type PgBoss, TestClock } from "pg-boss";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PrismaNoticeStore } from "../../src/db/kernel-stores.js";
import { createJobEngine } from "../../src/jobs/engine.js";
import { type Job, Scheduler } from "../../src/jobs/scheduler.js";
import { sendOnce } from "../../src/kernel/once.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const logger = pino({ level: "silent" });
const TZ = "Europe/Copenhagen";
let db: TestDatabase;
const started: PgBoss[] = [];

async function engine(mode: "start" | "manual", clock?: TestClock): Promise<PgBoss> {
  const boss = createJobEngine(db, logger, { mode, ...(clock ? { clock } : {}) });
  await boss.start();
  started.push(boss);
  return boss;
}

beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
}, 60_000);
afterEach(async () => {
  for (const boss of started.splice(0)) await boss.stop({ graceful: false });
});
afterAll(async () => {
  await db?.drop();
});

type Notice = { key: string; to: string };

/** A job that queues one notice per recipient; its send fails while `failing` says so. */
function noticeJob(name: string, recipients: string[], sent: string[], failing: { times: number }): Job<Notice> {
  const notices = new PrismaNoticeStore(db.prisma);
  return {
    name,
    cron: "0 9 * * *",
    run: async (now, tasks) => {
      for (const to of recipients) await tasks.enqueue(`${name}:${to}`, { key: `${name}:${to}:${now.toISOString().slice(0, 10)}`, to });
    },
    tasks: {
      run: async (notice, attempt) => {
        await sendOnce(notices, notice.key, attempt.at, async () => {
          if (failing.times > 0) {
            failing.times -= 1;
            throw new Error("the platform is down");
          }
          sent.push(notice.to);
          return true;
        });
      },
    },
  };
}

describe("the scheduler on the job queue", () => {
  it("keeps one cron schedule per job however many replicas start", async () => {
    const sent: string[] = [];
    for (let i = 0; i < 2; i++) {
      const jobs = new Scheduler({ boss: await engine("start"), logger, timezone: TZ }).add(noticeJob("daily-notice", [], sent, { times: 0 }));
      await jobs.start();
      await jobs.stop();
    }
    const schedules = await started[0]!.getSchedules("daily-notice");
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ cron: "0 9 * * *", timezone: TZ });
  });

  it("retries a failed send after a backoff and records the notice only once it went out", async () => {
    const clock = new TestClock(Date.now());
    const boss = await engine("manual", clock);
    const sent: string[] = [];
    const failing = { times: 1 };
    const jobs = new Scheduler({ boss, logger, timezone: TZ }).add(noticeJob("flaky-notice", ["U1", "U2"], sent, failing));
    const at = new Date("2016-10-03T07:00:00Z");

    await jobs.runOnce(at);
    // One send failed: nothing recorded for it, and its task waits in the queue to be retried.
    expect(sent).toHaveLength(1);
    expect(await db.prisma.sentNotice.count({ where: { key: { startsWith: "flaky-notice:" } } })).toBe(1);
    const waiting = (await boss.findJobs("flaky-notice.tasks")).filter((j) => j.state === "retry");
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.startAfter.getTime()).toBeGreaterThan(clock.now());

    // The same tick again before the backoff has passed: the key is still queued, so nothing new.
    await jobs.runOnce(at);
    expect(sent).toHaveLength(1);
    expect((await boss.findJobs("flaky-notice.tasks")).filter((j) => j.state === "retry" || j.state === "created")).toHaveLength(1);

    // After the backoff (10–20 s for a first retry) the task runs again and is recorded.
    await clock.setTime(clock.now() + 25_000);
    await jobs.runOnce(at);
    expect(sent.sort()).toEqual(["U1", "U2"]);
    expect(await db.prisma.sentNotice.count({ where: { key: { startsWith: "flaky-notice:" } } })).toBe(2);

    // A task for a notice already recorded (a retry after a send whose success came late) sends nothing.
    await boss.send("flaky-notice.tasks", { at: at.toISOString(), data: { key: "flaky-notice:U1:2016-10-03", to: "U1" } }, { singletonKey: "again" });
    await clock.setTime(clock.now() + 1_000);
    await jobs.runOnce(at);
    expect(sent.sort()).toEqual(["U1", "U2"]);
  });

  it("without the queue (in-memory use cases) runs each task in place, once per key", async () => {
    const ran: string[] = [];
    const jobs = new Scheduler({ logger, timezone: TZ }).add<{ to: string }>({
      name: "in-place",
      cron: "* * * * *",
      run: async (_now, tasks) => {
        await tasks.enqueue("k1", { to: "A" });
        await tasks.enqueue("k1", { to: "A again" });
        await tasks.enqueue("k2", { to: "B" });
      },
      tasks: { run: async ({ to }) => void ran.push(to) },
    });
    await jobs.runOnce(new Date());
    expect(ran).toEqual(["A", "B"]);
  });
});
