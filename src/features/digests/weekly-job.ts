// The weekly digest in every linked channel, once per channel and ISO week. Every minute (in
// every replica) the job looks for links whose slot — weekday and time in BOT_TIMEZONE — has
// passed in the current ISO week and that have no DigestRun for it; it claims the run in the
// database (unique per link and week), posts, and records "posted" or "failed". A bot that was
// down catches up on its first run; a week that has gone by is never posted late, because only
// the current week is ever looked at. Each channel is claimed on its own, just before it is
// posted; the claimer refreshes a heartbeat while it works, and a claim whose heartbeat has
// stopped (its process died) is taken over once by the next run in any replica, so a crash
// delays only the channels it held, by a minute or two.
import { randomUUID } from "node:crypto";
import type { Job } from "../../jobs/scheduler.js";
import type { Logger } from "../../kernel/logger.js";
import { simpleMessage } from "../../kernel/message.js";
import type { Messenger, PostImage } from "../../kernel/messenger.js";
import { DEFAULT_RETRY, PermanentPostError, PostingLimiter, postWithRetry, type RetryOptions } from "../../kernel/rate-limit.js";
import { secretariatRecipients, tellSecretariat } from "../../kernel/secretariat.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import type { I18n } from "../../kernel/translate.js";
import type { ContactsStore } from "../contacts/index.js";
import type { EventsStore } from "../events/index.js";
import { buildDigest, digestSlot, isoWeekAt, loadDigestData, type PartnershipDigestData } from "./build-digest.js";
import type { DigestLinkRecord, DigestsStore } from "./store.js";
import { digestChart, digestView } from "./view.js";

const WEEKLY_DIGESTS_JOB = "weekly-digests";
/** A claim whose heartbeat is this old belongs to a process that died. */
const CLAIM_EXPIRES_MS = 60_000;
/** How often a claimer refreshes the heartbeat of each claim it holds: well inside the expiry. */
const HEARTBEAT_MS = 15_000;
/** Channels posted to at the same time (each channel still keeps its own rate). */
const PARALLEL_POSTS = 32;

export type WeeklyDigestDeps = {
  store: DigestsStore & ContactsStore & AccessStore & PartnershipsStore & Pick<EventsStore, "eventFigures">;
  messenger: Messenger;
  i18n: I18n;
  logger: Logger;
  timezone: string;
  /** BOT_ADMINS: told, with the secretariat admins, when a channel fails for good. */
  admins: ReadonlySet<string>;
  instanceId?: string;
  limiter?: PostingLimiter;
  retry?: RetryOptions;
  /** How often a held claim's heartbeat is refreshed (tests); HEARTBEAT_MS by default. */
  heartbeatMs?: number;
};

export type DigestRunReport = { week: string; due: number; posted: number; failed: number; skipped: number };

export function weeklyDigestsJob(deps: WeeklyDigestDeps): Job {
  const withDefaults = { ...deps, instanceId: deps.instanceId ?? randomUUID().slice(0, 8), limiter: deps.limiter ?? new PostingLimiter() };
  return {
    name: WEEKLY_DIGESTS_JOB,
    cron: "* * * * *",
    run: async (now) => {
      await postWeeklyDigests(withDefaults, now);
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

export async function postWeeklyDigests(deps: WeeklyDigestDeps, now: Date): Promise<DigestRunReport> {
  const { store, logger, timezone } = deps;
  const instanceId = deps.instanceId ?? "local";
  // The run's own clock: `now` (injected in tests) moved on by the time that has really passed.
  const startedAt = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
  const { week, due } = dueLinks(await store.listDigestLinks(), now, timezone);
  const report: DigestRunReport = { week, due: due.length, posted: 0, failed: 0, skipped: 0 };
  if (due.length === 0) return report;

  const partnerships = new Map((await store.listPartnerships()).map((p) => [p.id, p]));
  const data = new Map<string, Promise<PartnershipDigestData>>();
  const charts = new Map<string, PostImage>();
  const dataFor = (partnershipId: string) => {
    if (!data.has(partnershipId)) data.set(partnershipId, loadDigestData(store, partnerships.get(partnershipId)!, { asOf: now, timezone }));
    return data.get(partnershipId)!;
  };

  const postOne = async (link: DigestLinkRecord) => {
    if (!partnerships.has(link.partnershipId)) return;
    const claimedAt = clock();
    const claim = await store.claimDigestRun(link.id, week, instanceId, claimedAt, new Date(claimedAt.getTime() - CLAIM_EXPIRES_MS));
    if (!claim.claimed) {
      report.skipped += 1;
      return;
    }
    if (claim.retaken) logger.warn({ channelLinkId: link.id, week }, "digest claim of a process that stopped taken over");
    const locale = deps.i18n.localeOf(link.locale);
    const t = deps.i18n.t(locale);
    const heartbeat = setInterval(() => {
      store
        .heartbeatDigestRun(link.id, week, instanceId, clock())
        .then((held) => {
          if (!held) logger.warn({ channelLinkId: link.id, week }, "digest claim no longer held while posting");
        })
        .catch((error: unknown) => logger.warn({ err: error, channelLinkId: link.id, week }, "digest claim heartbeat failed"));
    }, deps.heartbeatMs ?? HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const digest = buildDigest(await dataFor(link.partnershipId), link.organisationId);
      const view = digestView(digest, t, locale);
      const chartKey = `${link.partnershipId}:${link.organisationId ?? ""}:${locale}`;
      if (!charts.has(chartKey)) charts.set(chartKey, digestChart(digest, t, locale));
      const { result: ref, attempts } = await postWithRetry(() => deps.messenger.postToChannel(link, view, charts.get(chartKey)), {
        ...(deps.retry ?? DEFAULT_RETRY),
        ...(deps.limiter ? { limiter: deps.limiter } : {}),
        platform: link.platform,
        conversation: link.channelId,
      });
      if (!(await store.finishDigestRun(link.id, week, instanceId, { status: "posted", messageRef: ref }, clock()))) {
        logger.warn({ channelLinkId: link.id, week }, "weekly digest posted after its claim was taken over");
      }
      report.posted += 1;
      logger.info({ channelLinkId: link.id, platform: link.platform, channelId: link.channelId, week, attempts }, "weekly digest posted");
    } catch (error) {
      report.failed += 1;
      const reason = error instanceof Error ? error.message : String(error);
      const held = await store.finishDigestRun(link.id, week, instanceId, { status: "failed", error: reason }, clock()).catch((e: unknown) => {
        logger.error({ err: e }, "digest outcome not recorded");
        return true;
      });
      logger.error({ err: error, channelLinkId: link.id, platform: link.platform, channelId: link.channelId, week }, "weekly digest not posted");
      // Another replica took this channel over and answers for it now.
      if (!held) return;
      if (error instanceof PermanentPostError && (await store.markDigestLinkFailed(link.id, error.code, new Date()))) {
        await tellAdmins(deps, link, error.code);
      }
    } finally {
      clearInterval(heartbeat);
    }
  };

  const queue = [...due];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_POSTS, queue.length) }, async () => {
      for (let link = queue.shift(); link; link = queue.shift()) await postOne(link);
    }),
  );
  if (report.posted + report.failed > 0) logger.info(report, "weekly digests");
  return report;
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
