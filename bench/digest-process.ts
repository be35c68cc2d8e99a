// The weekly digest as the bot's process runs it, in a process of its own so that its peak RSS is
// the bot's alone (bench/digests.ts starts it; on PostgreSQL the database's memory is the
// server's, on PGlite the embedded database is part of the process, as it is in the bot):
//   - every channel's digest built as the job builds it (the data once per partnership, then each
//     channel's view and chart, made once per scope and language and shared), a warm-up and then
//     DIGEST_RUNS times;
//   - all of them posted through postWeeklyDigests and the real PostingLimiter to a stand-in for
//     the platform API that answers after a fixed latency: first as Slack channels, then as Teams
//     conversations (whose app-wide limit of 30 posts a second is the floor).
// Prints one line of JSON.
import { performance } from "node:perf_hooks";
import { connectDatabase } from "../src/db/connect.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { createPrismaStore } from "../src/db/stores.js";
import { loadDigestData } from "../src/features/digests/build-digest.js";
import { channelDigest } from "../src/features/digests/view.js";
import { postWeeklyDigests } from "../src/features/digests/weekly-job.js";
import { createI18n } from "../src/i18n/index.js";
import type { Platform } from "../src/kernel/actor.js";
import type { MessageView } from "../src/kernel/message.js";
import type { ChannelAddress, MessageRef, Messenger, PostImage } from "../src/kernel/messenger.js";
import { PostingLimiter } from "../src/kernel/rate-limit.js";
import { collectingLogger } from "./bench-data.js";

export type DigestProcessInput = { databaseUrl: string; partnershipId: string; channels: number; runs: number; asOf: string; latencyMs: number };
export type PostingFigures = { platform: Platform; posted: number; ms: number; maxInFlight: number };
export type DigestProcessOutput = {
  buildMs: number[];
  /** The last build's milliseconds: loading the data, then every channel's view and chart. */
  phases: { load: number; channels: number };
  blocksPerDigest: number;
  charts: number;
  posting: PostingFigures[];
  peakRssBytes: number;
  /** The peak while only building, before posting. */
  peakRssBuildingBytes: number;
  peakHeapUsedBytes: number;
  rssBeforeBytes: number;
};

const input = JSON.parse(process.argv[2] ?? "{}") as DigestProcessInput;
const TIMEZONE = "Europe/Copenhagen";

let peakHeapUsed = 0;
let peakRss = 0;
const sampler = setInterval(() => {
  const { heapUsed, rss } = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, heapUsed);
  peakRss = Math.max(peakRss, rss);
}, 20);
sampler.unref();

const { logger, errors } = collectingLogger();

const db = await connectDatabase(parseDatabaseUrl(input.databaseUrl));
const rssBefore = process.memoryUsage().rss;
const store = createPrismaStore(db.prisma, db.sql);
const i18n = createI18n("da");
const asOf = new Date(input.asOf);
const partnership = await store.getPartnership(input.partnershipId);
if (!partnership) throw new Error("the digest partnership is missing");
const links = await store.listDigestLinks({ partnershipId: partnership.id });
if (links.length !== input.channels) throw new Error(`expected ${input.channels} digest links, found ${links.length}`);

let blocks = 0;
let charts = 0;
/** Where the last build's time went. */
const phases = { load: 0, channels: 0 };
/** Every channel's digest as the job builds it. */
async function buildAll(): Promise<void> {
  let at = performance.now();
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += now - at;
    at = now;
  };
  for (const phase of Object.keys(phases) as (keyof typeof phases)[]) phases[phase] = 0;
  const data = await loadDigestData(store, partnership!, { asOf, timezone: TIMEZONE });
  lap("load");
  const made = new Set<PostImage>();
  blocks = 0;
  for (const link of links) {
    const locale = i18n.localeOf(link.locale);
    const { view, chart } = channelDigest(data, link.organisationId, i18n.t(locale), locale);
    blocks += view.blocks.length;
    made.add(chart);
  }
  lap("channels");
  charts = made.size;
}

await buildAll();
const buildMs: number[] = [];
for (let i = 0; i < input.runs; i++) {
  const started = performance.now();
  await buildAll();
  buildMs.push(performance.now() - started);
}
const peakRssBuilding = Math.max(peakRss, process.memoryUsage().rss);

/** The platform API in process: answers each post after the latency and records where it went. */
class StandInApi implements Messenger {
  readonly channels = new Set<string>();
  posted = 0;
  inFlight = 0;
  maxInFlight = 0;
  async postToChannel(address: ChannelAddress, view: MessageView, _image?: PostImage): Promise<MessageRef> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (view.blocks.length === 0) throw new Error("an empty digest");
    await new Promise((resolve) => setTimeout(resolve, input.latencyMs));
    if (this.channels.has(address.channelId)) throw new Error(`${address.channelId} got its digest twice`);
    this.channels.add(address.channelId);
    this.posted += 1;
    this.inFlight -= 1;
    return { platform: address.platform, workspaceId: address.workspaceId, channelId: address.channelId, messageId: String(this.posted) };
  }
  async updateMessage(): Promise<void> {}
  async sendDirect(): Promise<boolean> {
    return true;
  }
}

const posting: PostingFigures[] = [];
for (const platform of ["slack", "teams"] as const) {
  // The same channels as the other platform's: the week's records go, so each is due again.
  await db.prisma.digestRun.deleteMany({});
  await db.prisma.channelLink.updateMany({ where: { partnershipId: partnership.id }, data: { platform } });
  const api = new StandInApi();
  const started = performance.now();
  const report = await postWeeklyDigests({ store, messenger: api, i18n, logger, timezone: TIMEZONE, admins: new Set(), limiter: new PostingLimiter() }, asOf);
  const ms = performance.now() - started;
  if (report.posted !== input.channels || report.failed > 0) throw new Error(`${platform} posting: ${JSON.stringify(report)}`);
  posting.push({ platform, posted: api.posted, ms, maxInFlight: api.maxInFlight });
}
if (errors.length > 0) throw new Error(`the digests logged errors:\n${errors.slice(0, 3).join("")}`);

const output: DigestProcessOutput = {
  buildMs,
  phases,
  blocksPerDigest: blocks / links.length,
  charts,
  posting,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  peakRssBuildingBytes: peakRssBuilding,
  peakHeapUsedBytes: peakHeapUsed,
  rssBeforeBytes: rssBefore,
};
await db.close();
process.stdout.write(`${JSON.stringify(output)}\n`);
process.exit(0);
