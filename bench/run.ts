// `npm run bench`, numbers only (nothing here passes or fails), each next to a baseline measured
// in the same run:
//   (0) the Slack path under load next to a bare Bolt app (bench/slack-path.ts: 50 concurrent
//       `/praktik ny` and form submissions, on PGlite, or on PostgreSQL when TEST_DATABASE_URL
//       names a server);
//   (1) cold start: `npm start` to a healthy /healthz, on a fresh and on an existing data folder
//       (bench/cold-start.ts);
//   (2) the weekly digest: 1,000 linked channels over a partnership with 100,000 placements,
//       built and posted to a stand-in platform API in a process of its own, so its peak RSS is
//       the bot's (bench/digests.ts; PGlite, or PostgreSQL when TEST_DATABASE_URL is set);
//   then how costly the bot's busiest paths are, on in-memory PGlite:
//   (a) registering a placement through the Bot vs a single-row Prisma insert (AuditEvent)
//   (b) `/praktik fremdrift` over 10,000 placements vs SELECT count(*) on Placement
//   (c) the quarterly report (model + DOCX with its chart) over a partnership with 10,000
//       placements and 50 organisations vs SELECT count(*) on that partnership's placements
//   (e) peak RSS and heap used of this process
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Bot } from "../src/bot/bot.js";
import { connectDatabase } from "../src/db/connect.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { createPrismaStore } from "../src/db/stores.js";
import { buildReportModel } from "../src/features/quarterly/build-report.js";
import { renderReportFile } from "../src/features/quarterly/report/report-file.js";
import { createI18n } from "../src/i18n/index.js";
import type { Actor } from "../src/kernel/actor.js";
import type { FormValues } from "../src/kernel/form.js";
import { DEFAULT_STATUS_SCHEDULE } from "../src/kernel/quarters.js";
import { SECTORS } from "../src/kernel/sectors.js";
import { seedPartnerships } from "../src/seed/seed-database.js";
import { collectingLogger, createBenchPartnership } from "./bench-data.js";
import { coldStartLines, measureColdStart } from "./cold-start.js";
import { digestLines, measureDigests } from "./digests.js";
import { measureSlackPath, slackPathLines } from "./slack-path.js";

const REGISTRATIONS = 300;
const WARMUP = 20;
const BULK_PLACEMENTS = 10_000;
const PROGRESS_RUNS = 20;
const REPORT_ORGANISATIONS = 50;
const REPORT_RUNS = 5;

// ---------------------------------------------------------------------------------------------
// Measuring

type Stats = { n: number; median: number; p95: number; perSecond: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const total = samples.reduce((sum, ms) => sum + ms, 0);
  return { n: samples.length, median, p95: rank(0.95), perSecond: (samples.length / total) * 1000 };
}

async function time(operation: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await operation();
  return performance.now() - started;
}

let peakRss = 0;
let peakHeapUsed = 0;
const rssAfter: [string, number][] = [];
function phaseDone(phase: string): void {
  sampleMemory();
  rssAfter.push([phase, process.memoryUsage().rss]);
}
function sampleMemory(): void {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeapUsed = Math.max(peakHeapUsed, heapUsed);
}
const memoryTimer = setInterval(sampleMemory, 25);
memoryTimer.unref();

// The bot logs a failed request instead of throwing; a bench of failures would be meaningless.
const { logger, errors: loggedErrors } = collectingLogger();
function checkNoErrors(phase: string): void {
  if (loggedErrors.length > 0) throw new Error(`${phase}: the bot logged errors:\n${loggedErrors.join("")}`);
}

// ---------------------------------------------------------------------------------------------
// (0) the Slack path under load, first, while this process holds no bench data

// `npm run bench -- --only slack|start|digests`: one part alone.
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const parts: Record<string, () => Promise<string[]>> = {
  slack: async () => slackPathLines(await measureSlackPath()),
  start: async () => coldStartLines(await measureColdStart()),
  digests: async () => digestLines(await measureDigests()),
};
if (only !== undefined) {
  const part = Object.hasOwn(parts, only) ? parts[only] : undefined;
  if (!part) throw new Error(`--only takes one of ${Object.keys(parts).join(", ")}`);
  for (const l of await part()) console.log(l);
  process.exit(0);
}

const slackPath = await measureSlackPath();
phaseDone("Slack path");
const coldStart = await measureColdStart();
const digests = await measureDigests();

// ---------------------------------------------------------------------------------------------
// Setup: a migrated in-memory database with the example partnerships and an admin bot

const setupStarted = performance.now();
const db = await connectDatabase(parseDatabaseUrl("memory://"));
await migrateDatabase(db);
await seedPartnerships(db.prisma);
const { prisma } = db;

const admin: Actor = { platform: "slack", workspaceId: "TBENCH", userId: "UBENCH", locale: "da" };
const bot = new Bot({
  store: createPrismaStore(prisma),
  i18n: createI18n("da"),
  admins: new Set([admin.userId]),
  timezone: "Europe/Copenhagen",
  clock: () => new Date("2016-10-03T09:00:00Z"),
  logger,
});

const opened = await bot.handleCommand(admin, "ny", "slack");
if (opened.kind !== "form") throw new Error(`"/praktik ny" did not open the placement form: ${JSON.stringify(opened)}`);
const form = opened.form;
function optionValue(fieldId: string, matches: (label: string) => boolean): string {
  const field = form.fields.find((f) => f.id === fieldId);
  const option = field && "options" in field ? field.options.find((o) => matches(o.label)) : undefined;
  if (!option) throw new Error(`no option for ${fieldId} in the placement form`);
  return option.value;
}
const organisationId = optionValue("organisationId", (label) => label.startsWith("Dansk Industri Aalborg"));
const praktikTypeId = optionValue("typeId", (label) => label.startsWith("Virksomhedspraktik") && label.includes("Aalborg"));
const values: FormValues = {
  organisationId,
  companyName: "Aalborg Portland",
  cvr: "24256790",
  employerSector: "private",
  sector: "construction",
  shortageSector: "yes",
  typeId: praktikTypeId,
  places: "1",
  startDate: "2016-10-10",
  weeks: "",
  contactPerson: "Hanne Jensen, 12345678",
  needs: ["mentor"],
  note: "",
  pNumber: "1024256790",
  ordinaryEmployees: "100000",
  benefitGroup: "integrationsprogram",
  purpose: "skills",
};
const setupMs = performance.now() - setupStarted;
phaseDone("setup");

// ---------------------------------------------------------------------------------------------
// (a) placement registration vs a single-row insert, interleaved so both see the same database

async function registerPlacement(): Promise<void> {
  const result = await bot.submitForm(admin, { formId: form.formId, nonce: randomUUID(), state: form.state, values });
  if (result.kind !== "done") throw new Error(`registration was not saved: ${JSON.stringify(result.kind === "invalid" ? result.errors : result.view.text)}`);
}
async function insertAuditEvent(): Promise<void> {
  await prisma.auditEvent.create({ data: { actor: "bench", entity: "bench", entityId: randomUUID(), action: "insert" } });
}

for (let i = 0; i < WARMUP; i++) {
  await insertAuditEvent();
  await registerPlacement();
}
const insertSamples: number[] = [];
const registrationSamples: number[] = [];
for (let i = 0; i < REGISTRATIONS; i++) {
  insertSamples.push(await time(insertAuditEvent));
  registrationSamples.push(await time(registerPlacement));
}
checkNoErrors("registration");
phaseDone("registrations");
const registered = await prisma.placement.count();
if (registered !== REGISTRATIONS + WARMUP) throw new Error(`expected ${REGISTRATIONS + WARMUP} placements, found ${registered}`);

// ---------------------------------------------------------------------------------------------
// (b) progress over 10,000 placements spread across partnerships, organisations, types and sectors

const bulkStarted = performance.now();
const partnerships = await prisma.partnership.findMany({ include: { organisations: true, placementTypes: true } });
const companies = await Promise.all(
  Array.from({ length: 50 }, (_, i) => prisma.company.create({ data: { cvr: String(90_000_000 + i), name: `Bench virksomhed ${i + 1}` } })),
);
const rows = Array.from({ length: BULK_PLACEMENTS }, (_, i) => {
  const partnership = partnerships[i % partnerships.length]!;
  const type = partnership.placementTypes[Math.floor(i / partnerships.length) % partnership.placementTypes.length]!;
  const organisation = partnership.organisations[i % partnership.organisations.length]!;
  const start = new Date(partnership.periodStart.getTime() + (i % 300) * 86_400_000);
  return {
    partnershipId: partnership.id,
    organisationId: organisation.id,
    companyId: companies[i % companies.length]!.id,
    typeId: type.id,
    places: 1 + (i % 3),
    startDate: start,
    weeks: type.defaultWeeks,
    employerSector: i % 4 === 0 ? ("public" as const) : ("private" as const),
    sector: SECTORS[i % SECTORS.length]!,
    shortageSector: i % 3 !== 0,
    contactPerson: "Bench kontakt, 12345678",
    needs: i % 5 === 0 ? ["mentor", "interpreter"] : [],
    createdBy: "slack:TBENCH:UBENCH",
    idempotencyKey: `bench:${i}`,
  };
});
for (let i = 0; i < rows.length; i += 1000) await prisma.placement.createMany({ data: rows.slice(i, i + 1000) });
const bulkMs = performance.now() - bulkStarted;
const totalPlacements = await prisma.placement.count();
phaseDone("bulk insert");

async function showProgress(): Promise<void> {
  const reply = await bot.handleCommand(admin, "fremdrift", "slack");
  if (reply.kind !== "message" || !JSON.stringify(reply.view).includes("/ 500")) {
    throw new Error(`"/praktik fremdrift" did not show progress: ${JSON.stringify(reply).slice(0, 500)}`);
  }
}
async function countPlacements(): Promise<void> {
  await prisma.$queryRawUnsafe(`SELECT count(*) FROM "Placement"`);
}

for (let i = 0; i < 3; i++) {
  await countPlacements();
  await showProgress();
}
const countSamples: number[] = [];
const progressSamples: number[] = [];
for (let i = 0; i < PROGRESS_RUNS; i++) {
  countSamples.push(await time(countPlacements));
  progressSamples.push(await time(showProgress));
}
checkNoErrors("progress");
phaseDone("progress");

// ---------------------------------------------------------------------------------------------
// (c) the quarterly report over one large partnership: 10,000 placements, 50 organisations,
// half of them with a status for the quarter

const _aalborgSeed = partnerships.find((p) => p.slug === "aalborg-2016")!;
const large = await createBenchPartnership(prisma, {
  slug: "bench-2016",
  name: "Bench partnerskab 2016",
  organisations: REPORT_ORGANISATIONS,
  organisationName: "Bench organisation",
});
const largeRows = Array.from({ length: BULK_PLACEMENTS }, (_, i) => ({
  ...rows[i]!,
  partnershipId: large.id,
  organisationId: large.organisations[i % large.organisations.length]!.id,
  typeId: large.placementTypes[Math.floor(i / 7) % large.placementTypes.length]!.id,
  startDate: new Date(Date.UTC(2016, 0, 1) + (i % 366) * 86_400_000),
  idempotencyKey: `bench-report:${i}`,
}));
for (let i = 0; i < largeRows.length; i += 1000) await prisma.placement.createMany({ data: largeRows.slice(i, i + 1000) });
await prisma.quarterlyStatus.createMany({
  data: large.organisations.slice(0, REPORT_ORGANISATIONS / 2).map((o) => ({
    organisationId: o.id,
    quarter: "2016-Q3",
    activities: "Virksomhedsbesøg og praktikdating.",
    plan: "Flere besøg i næste kvartal.",
    companiesContacted: 10,
    placementsHelped: 5,
    createdBy: "bench",
    updatedBy: "bench",
  })),
});
phaseDone("report data");

const reportStore = createPrismaStore(prisma);
const reportPartnership = (await reportStore.getPartnership(large.id))!;
const reportT = createI18n("da").t("da");
let reportBytes = 0;
async function makeReport(): Promise<void> {
  const report = await buildReportModel(
    reportStore,
    reportPartnership,
    { year: 2016, quarter: 3 },
    {
      timezone: "Europe/Copenhagen",
      now: new Date("2016-10-03T09:00:00Z"),
      schedule: DEFAULT_STATUS_SCHEDULE,
    },
  );
  if (report.statuses.length !== REPORT_ORGANISATIONS / 2 || report.missing.length !== REPORT_ORGANISATIONS / 2)
    throw new Error("the bench report lost statuses");
  reportBytes = (await renderReportFile(report, "docx", reportT, "da")).data.length;
}
async function countLargePartnership(): Promise<void> {
  await prisma.$queryRawUnsafe(`SELECT count(*) FROM "Placement" WHERE "partnershipId" = $1`, large.id);
}
await countLargePartnership();
await makeReport();
const partnershipCountSamples: number[] = [];
const reportSamples: number[] = [];
for (let i = 0; i < REPORT_RUNS; i++) {
  partnershipCountSamples.push(await time(countLargePartnership));
  reportSamples.push(await time(makeReport));
}
phaseDone("report");

// ---------------------------------------------------------------------------------------------
// Report

const insert = stats(insertSamples);
const registration = stats(registrationSamples);
const count = stats(countSamples);
const progress = stats(progressSamples);
const partnershipCount = stats(partnershipCountSamples);
const reportStats = stats(reportSamples);

const ms = (value: number) => `${value.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const table: [string, string, string, string, string, string][] = [
  ["operation", "n", "median", "p95", "ops/s", "ratio"],
  ["single-row Prisma insert (AuditEvent), baseline", String(insert.n), ms(insert.median), ms(insert.p95), insert.perSecond.toFixed(0), "1.0×"],
  [
    "placement registration (Bot.submitForm)",
    String(registration.n),
    ms(registration.median),
    ms(registration.p95),
    registration.perSecond.toFixed(0),
    `${(registration.median / insert.median).toFixed(1)}× insert`,
  ],
  ['SELECT count(*) FROM "Placement", baseline', String(count.n), ms(count.median), ms(count.p95), count.perSecond.toFixed(0), "1.0×"],
  [
    `/praktik fremdrift (${totalPlacements.toLocaleString("en")} placements)`,
    String(progress.n),
    ms(progress.median),
    ms(progress.p95),
    progress.perSecond.toFixed(0),
    `${(progress.median / count.median).toFixed(1)}× count`,
  ],
  [
    "SELECT count(*) of one partnership, baseline",
    String(partnershipCount.n),
    ms(partnershipCount.median),
    ms(partnershipCount.p95),
    partnershipCount.perSecond.toFixed(0),
    "1.0×",
  ],
  [
    `quarterly report, DOCX (${BULK_PLACEMENTS.toLocaleString("en")} placements, ${REPORT_ORGANISATIONS} organisations, ${Math.round(reportBytes / 1024)} KB)`,
    String(reportStats.n),
    ms(reportStats.median),
    ms(reportStats.p95),
    reportStats.perSecond.toFixed(1),
    `${(reportStats.median / partnershipCount.median).toFixed(1)}× count`,
  ],
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");

const resources = process.resourceUsage();
console.log(`Praktikbot bench: in-memory PGlite, Node ${process.version}, ${new Date().toISOString()}`);
console.log(
  `setup (PGlite, migrations, example partnerships) ${(setupMs / 1000).toFixed(1)} s; ${BULK_PLACEMENTS.toLocaleString("en")} placements inserted with createMany in ${(bulkMs / 1000).toFixed(1)} s`,
);
console.log("");
for (const l of slackPathLines(slackPath)) console.log(l);
console.log("");
for (const l of coldStartLines(coldStart)) console.log(l);
console.log("");
for (const l of digestLines(digests)) console.log(l);
console.log("");
console.log(line(table[0]!));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table.slice(1)) console.log(line(row));
console.log("");
console.log("");
console.log(`this process (the in-memory paths above): peak RSS ${mb(Math.max(peakRss, resources.maxRSS * 1024))}, peak heap used ${mb(peakHeapUsed)}`);
console.log(`RSS after ${rssAfter.map(([phase, rss]) => `${phase} ${mb(rss)}`).join(", ")}`);

clearInterval(memoryTimer);
await db.close();
process.exit(0);
