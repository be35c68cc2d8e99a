// The weekly digest at scale, part of `npm run bench`: 1,000 linked channels over a partnership
// with 100,000 placements, written into a database of its own (a PGlite data folder, or a new
// database on the PostgreSQL server TEST_DATABASE_URL names), then built and posted by
// bench/digest-process.ts in a child process, whose peak RSS is the bot's alone.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { connectDatabase } from "../src/db/connect.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { POST_LIMITS } from "../src/kernel/rate-limit.js";
import { SECTORS } from "../src/kernel/sectors.js";
import { seedPartnerships } from "../src/seed/seed-database.js";
import { createBenchPartnership } from "./bench-data.js";
import type { DigestProcessInput, DigestProcessOutput } from "./digest-process.js";

const DIGEST_CHANNELS = 1_000;
const DIGEST_PLACEMENTS = 100_000;
const DIGEST_ORGANISATIONS = 50;
const DIGEST_RUNS = 3;
/** How long the stand-in platform API takes to answer one post. */
const FAKE_API_LATENCY_MS = 20;
/** Channels the job posts to at once (PARALLEL_POSTS in weekly-job.ts). */
const PARALLEL_POSTS = 32;
/** Monday 28 November 2016, 08:00 in Copenhagen. */
const AS_OF = "2016-11-28T07:00:00Z";

export type DigestFigures = DigestProcessOutput & { database: string; insertMs: number };

/** A database of its own for the digest data: a PGlite folder, or a new database on the PostgreSQL server. */
async function benchDatabase(): Promise<{ url: string; description: string; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const folder = mkdtempSync(path.join(os.tmpdir(), "praktikbot-bench-digest-"));
    return { url: folder, description: "PGlite (embedded: its memory is the process's)", drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `praktikbot_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description: "PostgreSQL (the server's memory is not the process's)",
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

/** The partnership, its organisations, placements and digest channels; the partnership's id. */
async function writeDigestData(url: string): Promise<string> {
  const db = await connectDatabase(parseDatabaseUrl(url));
  try {
    await migrateDatabase(db);
    await seedPartnerships(db.prisma);
    const { prisma } = db;
    const companies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => prisma.company.create({ data: { cvr: String(90_000_000 + i), name: `Bench virksomhed ${i + 1}` } })),
    );
    const partnership = await createBenchPartnership(prisma, {
      slug: "bench-digest-2016",
      name: "Bench digest 2016",
      organisations: DIGEST_ORGANISATIONS,
      organisationName: "Digest organisation",
    });
    for (let from = 0; from < DIGEST_PLACEMENTS; from += 2000) {
      const chunk = Array.from({ length: Math.min(2000, DIGEST_PLACEMENTS - from) }, (_, k) => {
        const i = from + k;
        // Registered over the year up to the digest's Monday; 13 weeks long, so some end within 14 days.
        const createdAt = new Date(Date.UTC(2016, 0, 4, 9) + (i % 329) * 86_400_000 + (i % 7) * 3_600_000);
        const startDate = new Date(Date.UTC(createdAt.getUTCFullYear(), createdAt.getUTCMonth(), createdAt.getUTCDate()));
        return {
          partnershipId: partnership.id,
          organisationId: partnership.organisations[i % DIGEST_ORGANISATIONS]!.id,
          companyId: companies[i % companies.length]!.id,
          typeId: partnership.placementTypes[Math.floor(i / 11) % Math.min(4, partnership.placementTypes.length)]!.id,
          places: 1 + (i % 3),
          startDate,
          weeks: 13,
          endDate: new Date(startDate.getTime() + 13 * 7 * 86_400_000),
          employerSector: i % 4 === 0 ? ("public" as const) : ("private" as const),
          sector: SECTORS[i % SECTORS.length]!,
          shortageSector: i % 3 !== 0,
          contactPerson: "Bench kontakt, 12345678",
          needs: [],
          status: "active" as const,
          createdBy: "slack:TBENCH:UBENCH",
          createdAt,
          idempotencyKey: `bench-digest:${i}`,
        };
      });
      await prisma.placement.createMany({ data: chunk });
    }
    // One channel in twenty gets the whole partnership, the others one organisation each.
    await prisma.channelLink.createMany({
      data: Array.from({ length: DIGEST_CHANNELS }, (_, i) => ({
        platform: "slack" as const,
        workspaceId: "TBENCH",
        channelId: `CDIGEST${String(i).padStart(4, "0")}`,
        partnershipId: partnership.id,
        organisationId: i % 20 === 0 ? null : partnership.organisations[i % DIGEST_ORGANISATIONS]!.id,
        purpose: "digest" as const,
        weekday: 1,
        time: "08:00",
        locale: i % 10 === 0 ? "en" : "da",
        createdBy: "bench",
        createdAt: new Date("2016-11-01T00:00:00Z"),
      })),
    });
    return partnership.id;
  } finally {
    await db.close();
  }
}

/** Writes the data, then builds and posts the digests in a child process; its figures. */
export async function measureDigests(): Promise<DigestFigures> {
  const database = await benchDatabase();
  try {
    const started = performance.now();
    const partnershipId = await writeDigestData(database.url);
    const insertMs = performance.now() - started;
    const input: DigestProcessInput = {
      databaseUrl: database.url,
      partnershipId,
      channels: DIGEST_CHANNELS,
      runs: DIGEST_RUNS,
      asOf: AS_OF,
      latencyMs: FAKE_API_LATENCY_MS,
    };
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const script = fileURLToPath(new URL("./digest-process.ts", import.meta.url));
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [tsx, script, JSON.stringify(input)], { maxBuffer: 1 << 20 }, (error, out, err) => {
        if (error) reject(new Error(`the digest process failed: ${err || error.message}`));
        else resolve(out);
      });
    });
    const output = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as DigestProcessOutput;
    return { ...output, database: database.description, insertMs };
  } finally {
    await database.drop();
  }
}

/** The ideal schedule: the platform's app-wide limit, or the API's latency over the posts in flight when there is none. */
function idealMs(platform: "slack" | "teams", posts: number): number {
  const appFloor = posts * POST_LIMITS[platform].perAppMs;
  const latencyFloor = Math.ceil(posts / PARALLEL_POSTS) * FAKE_API_LATENCY_MS;
  return Math.max(appFloor, latencyFloor);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The figures as lines of text. */
export function digestLines(f: DigestFigures): string[] {
  return [
    `Weekly digests on ${f.database}: ${DIGEST_CHANNELS.toLocaleString("en")} channels, ${DIGEST_PLACEMENTS.toLocaleString("en")} placements (written in ${(f.insertMs / 1000).toFixed(1)} s), in a process of their own`,
    `  built (data, ${DIGEST_CHANNELS.toLocaleString("en")} channels' views, ${f.charts} charts): median ${median(f.buildMs).toFixed(0)} ms of ${f.buildMs.length} (${f.buildMs.map((x) => x.toFixed(0)).join(", ")} ms); ${f.blocksPerDigest.toFixed(1)} blocks a digest`,
    `  where the last build's time went: loading the data ${f.phases.load.toFixed(0)} ms, every channel's view and chart ${f.phases.channels.toFixed(0)} ms`,
    `  peak RSS of the process ${mb(f.peakRssBytes)}: ${mb(f.rssBeforeBytes)} when connected, ${mb(f.peakRssBuildingBytes)} at most while building, the rest while posting; peak heap used ${mb(f.peakHeapUsedBytes)}`,
    ...f.posting.map((p) => {
      const ideal = idealMs(p.platform, p.posted);
      const limit = POST_LIMITS[p.platform];
      const rule =
        limit.perAppMs > 0 ? `${Math.round(1000 / limit.perAppMs)} posts/s for the app` : `${PARALLEL_POSTS} in flight × ${FAKE_API_LATENCY_MS} ms API latency`;
      return `  posted to ${p.platform === "slack" ? "Slack" : "Teams"}: ${p.posted.toLocaleString("en")} in ${(p.ms / 1000).toFixed(2)} s, ideal ${(ideal / 1000).toFixed(2)} s (${rule}): ${(p.ms / ideal).toFixed(2)}× ideal; ${p.maxInFlight} at most in flight`;
    }),
  ];
}
