// The weekly digest in every linked channel, once per channel and ISO week. Every minute the job
// (one run across all replicas) looks for links whose slot — weekday and time in BOT_TIMEZONE —
// has passed in the current ISO week and that have no DigestRun for it, and queues one task per
// channel and week. A task posts its channel's digest and then records "posted" (or "failed",
// for a channel the bot can no longer post to). A bot that was down catches up on its first run;
// a week that has gone by is never posted late, because only the current week is ever looked at.
// The queue keeps a task alive on its runner's heartbeat: a replica that dies mid-post hands its
// channels to another within a minute or two, and a task that finds its week recorded does nothing.
import type { Job } from "../../jobs/scheduler.js";
import type { Logger } from "../../kernel/logger.js";
import { simpleMessage } from "../../kernel/message.js";
import type { Messenger } from "../../kernel/messenger.js";
import type { TaskQueue } from "../../kernel/once.js";
import { DEFAULT_RETRY, PermanentPostError, PostingLimiter, postWithRetry, type RetryOptions } from "../../kernel/rate-limit.js";
import { secretariatRecipients, tellSecretariat } from "../../kernel/secretariat.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { I18n } from "../../kernel/translate.js";
import type { ContactsStore } from "../contacts/index.js";
import type { EventsStore } from "../events/index.js";
import { digestSlot, isoWeekAt, loadDigestData, type PartnershipDigestData } from "./build-digest.js";
import type { DigestLinkRecord, DigestsStore } from "./store.js";
import { channelDigest } from "./view.js";

const WEEKLY_DIGESTS_JOB = "weekly-digests";
/** How long a partnership's loaded facts serve the channels of one run (their tasks run within it). */
const FACTS_KEPT_MS = 5 * 60_000;

export type WeeklyDigestDeps = {
  store: DigestsStore & ContactsStore & AccessStore & PartnershipsStore & Pick<EventsStore, "eventFigures">;
  messenger: Messenger;
  i18n: I18n;
  logger: Logger;
  timezone: string;
  /** BOT_ADMINS: told, with the secretariat admins, when a channel fails for good. */
  admins: ReadonlySet<string>;
  limiter?: PostingLimiter;
  retry?: RetryOptions;
};

/** One channel's digest of one ISO week; `at` is the run's time, the digest's "as of". */
export type DigestTask = { channelLinkId: string; week: string };

export type DigestTaskOutcome = "posted" | "failed" | "skipped";

export function weeklyDigestsJob(deps: WeeklyDigestDeps): Job<DigestTask> {
  const poster = new DigestPoster({ ...deps, limiter: deps.limiter ?? new PostingLimiter() });
  return {
    name: WEEKLY_DIGESTS_JOB,
    cron: "* * * * *",
    run: async (now, tasks) => {
      await queueWeeklyDigests(deps, now, tasks);
    },
    tasks: {
      run: async (task, attempt) => {
        await poster.post(task, attempt.at, attempt.last);
      },
      // One channel's post, its rate-limit waits included, fits well inside ten minutes; a
      // runner that stops beating for 30 s has died and another replica takes the channel.
      heartbeatSeconds: 30,
      expireInSeconds: 600,
      concurrency: 32,
    },
  };
}

/** The links whose slot in the current ISO week has passed by `now` (and that were linked before it). */
function dueLinks(links: readonly DigestLinkRecord[], now: Date, timezone: string): { week: string; due: DigestLinkRecord[] } {
  const week = isoWeekAt(now, timezone);
  const due = links.filter((link) => {
    if (link.failedAt) return false;
    const slot = digestSlot(week, link, timezone);
    return slot.getTime() <= now.getTime() && link.createdAt.getTime() <= slot.getTime();
  });
  return { week, due };
}

/** Queues the digest of every channel that is due and not yet recorded this week; how many. */
async function queueWeeklyDigests(deps: Pick<WeeklyDigestDeps, "store" | "timezone">, now: Date, tasks: TaskQueue<DigestTask>): Promise<number> {
  const { week, due } = dueLinks(await deps.store.listDigestLinks(), now, deps.timezone);
  if (due.length === 0) return 0;
  const recorded = await deps.store.digestRunsOfWeek(week);
  const open = due.filter((link) => !recorded.has(link.id));
  for (const link of open) await tasks.enqueue(`digest:${link.id}:${week}`, { channelLinkId: link.id, week });
  return open.length;
}

export type DigestRunReport = { week: string; due: number; posted: number; failed: number; skipped: number };

/** Channels posted to at the same time by postWeeklyDigests (each channel still keeps its own rate). */
const PARALLEL_POSTS = 32;

/**
 * One run and its tasks in this process, without the queue: what the scheduler does for a tick,
 * for the command line and the benchmark.
 */
export async function postWeeklyDigests(deps: WeeklyDigestDeps, now: Date): Promise<DigestRunReport> {
  const queued: DigestTask[] = [];
  await queueWeeklyDigests(deps, now, { enqueue: async (_key, task) => void queued.push(task) });
  const report: DigestRunReport = { week: isoWeekAt(now, deps.timezone), due: queued.length, posted: 0, failed: 0, skipped: 0 };
  const poster = new DigestPoster(deps);
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_POSTS, queued.length) }, async () => {
      for (let task = queued.shift(); task; task = queued.shift()) report[await poster.post(task, now, true)] += 1;
    }),
  );
  if (report.posted + report.failed > 0) deps.logger.info(report, "weekly digests");
  return report;
}

/**
 * Posts one channel's digest. What a partnership's channels share (its facts, and from them each
 * scope's view and each language's chart) is made once and kept for the channels queued by the
 * same run.
 */
class DigestPoster {
  private readonly facts = new Map<string, { loadedAt: number; data: Promise<PartnershipDigestData> }>();

  constructor(private readonly deps: WeeklyDigestDeps) {}

  async post(task: DigestTask, at: Date, lastAttempt: boolean): Promise<DigestTaskOutcome> {
    const { store, logger } = this.deps;
    const { channelLinkId, week } = task;
    const { link, recorded } = await store.digestTask(channelLinkId, week);
    if (recorded || !link || link.failedAt) return "skipped";
    const locale = this.deps.i18n.localeOf(link.locale);
    const t = this.deps.i18n.t(locale);
    try {
      const { view, chart } = channelDigest(await this.dataFor(link.partnershipId, at), link.organisationId, t, locale);
      const { result: ref, attempts } = await postWithRetry(() => this.deps.messenger.postToChannel(link, view, chart), {
        ...(this.deps.retry ?? DEFAULT_RETRY),
        ...(this.deps.limiter ? { limiter: this.deps.limiter } : {}),
        platform: link.platform,
        conversation: link.channelId,
      });
      if (!(await store.recordDigestRun(link.id, week, { status: "posted", messageRef: ref }, new Date()))) {
        logger.warn({ channelLinkId: link.id, week }, "weekly digest recorded by another run already");
      }
      logger.info({ channelLinkId: link.id, platform: link.platform, channelId: link.channelId, week, attempts }, "weekly digest posted");
      return "posted";
    } catch (error) {
      const permanent = error instanceof PermanentPostError;
      logger.error({ err: error, channelLinkId: link.id, platform: link.platform, channelId: link.channelId, week, permanent }, "weekly digest not posted");
      // A temporary failure goes back to the queue, which tries again after a backoff; the last
      // attempt, or a channel that is gone, is recorded as failed.
      if (!permanent && !lastAttempt) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await store.recordDigestRun(link.id, week, { status: "failed", error: reason }, new Date());
      if (permanent && (await store.markDigestLinkFailed(link.id, error.code, new Date()))) await tellAdmins(this.deps, link, error.code);
      return "failed";
    }
  }

  private dataFor(partnershipId: string, at: Date): Promise<PartnershipDigestData> {
    const now = Date.now();
    for (const [key, entry] of this.facts) if (now - entry.loadedAt > FACTS_KEPT_MS) this.facts.delete(key);
    const key = `${partnershipId}:${at.getTime()}`;
    let entry = this.facts.get(key);
    if (!entry) {
      const data = this.loadData(partnershipId, at);
      entry = { loadedAt: now, data };
      this.facts.set(key, entry);
      data.catch(() => this.facts.delete(key));
    }
    return entry.data;
  }

  private async loadData(partnershipId: string, at: Date): Promise<PartnershipDigestData> {
    const partnership = (await this.deps.store.listPartnerships()).find((p) => p.id === partnershipId);
    if (!partnership) throw new Error(`partnership ${partnershipId} is gone`);
    return loadDigestData(this.deps.store, partnership, { asOf: at, timezone: this.deps.timezone });
  }
}

/** A channel that fails for good: the secretariat admins hear it once, by direct message. */
async function tellAdmins(deps: WeeklyDigestDeps, link: DigestLinkRecord, failure: string): Promise<void> {
  const recipients = await secretariatRecipients(deps, link.partnershipId, [link]);
  const platform = link.platform === "slack" ? "Slack" : "Teams";
  await tellSecretariat(
    deps,
    recipients,
    (t) => simpleMessage(t("digest:failed.admin", { channel: link.channelId, platform, failure, command: "kanal oversigt" })),
    {
      channelLinkId: link.id,
    },
  );
}
