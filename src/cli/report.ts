// `npm run report -- --partnership aalborg-2016 --quarter 2016-Q3 --format docx --out report.docx`:
// the secretariat's quarterly report from the database DATABASE_URL names (the same rules as the
// bot), written to a file. Options: --locale da|en (default da).
import { writeFile } from "node:fs/promises";
import { createPrismaStore } from "../db/stores.js";
import { buildReportModel } from "../features/quarterly/build-report.js";
import { REPORT_FORMATS, renderReportFile } from "../features/quarterly/report/report-file.js";
import { createI18n } from "../i18n/index.js";
import { DEFAULT_STATUS_SCHEDULE, parseQuarter } from "../kernel/quarters.js";
import { oneOf, readOptions, required, timezoneFrom } from "./args.js";
import { CliError, openMigratedDatabase, runCli } from "./migrate.js";

const USAGE = "npm run report -- --partnership <slug> --quarter 2016-Q3 --format docx|md --out <file> [--locale da|en]";

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2), ["partnership", "quarter", "format", "out", "locale"], USAGE);
  const slug = required(opts.partnership, "partnership", USAGE);
  const quarterText = required(opts.quarter, "quarter", USAGE);
  const quarter = parseQuarter(quarterText);
  if (!quarter) throw new CliError(`--quarter "${quarterText}" is not a quarter; write e.g. 2016-Q3`);
  const format = oneOf(opts.format ?? "docx", REPORT_FORMATS, "format");
  const locale = oneOf(opts.locale ?? "da", ["da", "en"] as const, "locale");
  const out = required(opts.out, "out", USAGE);
  const timezone = timezoneFrom(process.env);

  const { db } = await openMigratedDatabase();
  try {
    const store = createPrismaStore(db.prisma, db.sql);
    const partnership = (await store.listPartnerships()).find((p) => p.slug === slug);
    if (!partnership) {
      const known = await store.listPartnershipSlugs();
      throw new CliError(`no partnership "${slug}"${known.length > 0 ? ` (there are: ${known.join(", ")})` : " (the database has none)"}`);
    }
    const started = performance.now();
    const report = await buildReportModel(store, partnership, quarter, { timezone, now: new Date(), schedule: DEFAULT_STATUS_SCHEDULE });
    const file = await renderReportFile(report, format, createI18n(locale).t(locale), locale);
    await writeFile(out, file.data);
    const ms = Math.round(performance.now() - started);
    console.log(`${out}: ${partnership.name}, ${report.quarter}, ${format.toUpperCase()} (${file.data.length} bytes, ${ms} ms)`);
  } finally {
    await db.close();
  }
}

runCli("report", main);
