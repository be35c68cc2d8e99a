// `npm run export -- --partnership aalborg-2016 --what placements|requests --format csv|xlsx`:
// a partnership's placements or support requests as a spreadsheet, from the database
// DATABASE_URL names (the same rules as the bot). Options: --out <file> (default: a file like
// praktikpladser-aalborg-2016.xlsx in the operating system's temporary folder, never the
// working folder, which is often the repository; `--out -` writes to standard output),
// --locale da|en (column names; default da).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaExportStore } from "../db/quarterly-store.js";
import { EXPORT_FORMATS, EXPORT_SUBJECTS, exportSpreadsheet } from "../features/quarterly/export.js";
import { createI18n } from "../i18n/index.js";
import { oneOf, readOptions, required, timezoneFrom } from "./args.js";
import { CliError, openMigratedDatabase, runCli } from "./migrate.js";

const USAGE = "npm run export -- --partnership <slug> --what placements|requests --format csv|xlsx [--out <file>|-] [--locale da|en]";

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2), ["partnership", "what", "format", "out", "locale"], USAGE);
  const slug = required(opts.partnership, "partnership", USAGE);
  const what = oneOf(required(opts.what, "what", USAGE), EXPORT_SUBJECTS, "what");
  const format = oneOf(required(opts.format, "format", USAGE), EXPORT_FORMATS, "format");
  const locale = oneOf(opts.locale ?? "da", ["da", "en"] as const, "locale");
  const timezone = timezoneFrom(process.env);

  const { db } = await openMigratedDatabase();
  try {
    const exports = new PrismaExportStore(db.prisma);
    const file = await exportSpreadsheet(exports, { slug, what, format, locale, timezone }, createI18n(locale).t(locale));
    if (!file) {
      const known = await exports.listPartnershipSlugs();
      throw new CliError(`no partnership "${slug}"${known.length > 0 ? ` (there are: ${known.join(", ")})` : " (the database has none)"}`);
    }
    const summary = `${file.rows} ${what === "placements" ? "placements" : "support requests"}, ${format.toUpperCase()}`;
    if (opts.out === "-") {
      process.stdout.write(file.data);
      console.error(`standard output: ${summary}`);
      return;
    }
    const out = opts.out ?? path.join(await mkdtemp(path.join(tmpdir(), "praktikbot-export-")), file.fileName);
    await writeFile(out, file.data);
    console.log(`${out}: ${summary}`);
  } finally {
    await db.close();
  }
}

runCli("export", main);
