// Spreadsheets for the secretariat: placements and support requests as XLSX (read back with
// exceljs: Danish column names, date cells as dates, numbers as numbers) and as CSV for Danish
// Excel; and `npm run export` / `npm run report` as child processes, with one line on bad input.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { PrismaClient } from "@prisma/client";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase } from "../../../src/db/connect.js";
import { parseDatabaseUrl } from "../../../src/db/database-url.js";
import { migrateDatabase } from "../../../src/db/migrate.js";
import { createPrismaStores } from "../../../src/db/stores.js";
import { exportSpreadsheet } from "../../../src/features/quarterly/export.js";
import { createI18n } from "../../../src/i18n/index.js";
import { seedPartnerships } from "../../../src/seed/seed-database.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";

const run = promisify(execFile);
const TZ = "Europe/Copenhagen";
const t = createI18n("da").t("da");
let db: TestDatabase;
let dir: string;

/** Two placements and two support requests in Aalborg 2016. */
async function seedRows(prisma: PrismaClient): Promise<void> {
  const aalborg = await prisma.partnership.findUniqueOrThrow({ where: { slug: "aalborg-2016" } });
  const di = await prisma.organisation.findFirstOrThrow({ where: { partnershipId: aalborg.id, name: "Dansk Industri Aalborg" } });
  const type = await prisma.placementType.findFirstOrThrow({ where: { partnershipId: aalborg.id, key: "virksomhedspraktik" } });
  const igu = await prisma.placementType.findFirstOrThrow({ where: { partnershipId: aalborg.id, key: "igu" } });
  const company = await prisma.company.create({ data: { cvr: "24256790", name: "Aalborg Portland; Rørdal" } });
  const base = {
    partnershipId: aalborg.id,
    organisationId: di.id,
    companyId: company.id,
    contactPerson: "Hanne Jensen",
    needs: [],
    createdBy: "slack:T0001:USEED",
  };
  await prisma.placement.create({
    data: {
      ...base,
      typeId: type.id,
      places: 3,
      startDate: new Date("2016-07-04T00:00:00Z"),
      weeks: 13,
      endDate: new Date("2016-10-02T00:00:00Z"),
      employerSector: "private",
      sector: "construction",
      shortageSector: true,
      createdAt: new Date("2016-06-30T22:30:00Z"),
      idempotencyKey: "export-1",
    },
  });
  await prisma.placement.create({
    data: {
      ...base,
      typeId: igu.id,
      places: 1,
      startDate: new Date("2016-08-01T00:00:00Z"),
      employerSector: "public",
      sector: "health_care",
      shortageSector: false,
      createdAt: new Date("2016-07-20T08:00:00Z"),
      idempotencyKey: "export-2",
    },
  });
  const request = { partnershipId: aalborg.id, organisationId: di.id, requestedBy: "slack:T0001:UPARTNER", companyName: "Aalborg Portland; Rørdal" };
  await prisma.supportRequest.create({
    data: {
      ...request,
      kind: "interpreter",
      status: "done",
      holderName: "Karin Konsulent",
      requestedAt: new Date("2016-10-03T09:00:00Z"),
      dueAt: new Date("2016-10-06T14:00:00Z"),
      closedAt: new Date("2016-10-05T10:15:00Z"),
      idempotencyKey: "export-r1",
    },
  });
  await prisma.supportRequest.create({
    data: {
      ...request,
      kind: "mentor",
      status: "open",
      requestedAt: new Date("2016-10-04T09:00:00Z"),
      dueAt: new Date("2016-10-07T14:00:00Z"),
      idempotencyKey: "export-r2",
    },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedRows(db.prisma);
  dir = await mkdtemp(join(tmpdir(), "praktikbot-export-"));
});

afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function readSheet(data: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

const headers = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);

describe("export as XLSX", () => {
  it("placements: Danish column names, dates as date cells, numbers as number cells", async () => {
    const file = (await exportSpreadsheet(
      createPrismaStores(db.prisma).stores.exports,
      { slug: "aalborg-2016", what: "placements", format: "xlsx", locale: "da", timezone: TZ },
      t,
    ))!;
    expect(file).toMatchObject({ fileName: "praktikpladser-aalborg-2016.xlsx", rows: 2 });
    const sheet = await readSheet(file.data);
    expect(sheet.name).toBe("Praktikpladser");
    expect(headers(sheet)).toEqual([
      "Organisation",
      "Virksomhed",
      "CVR-nummer",
      "Type",
      "Pladser",
      "Startdato",
      "Uger",
      "Slutdato",
      "Offentlig/privat",
      "Branche",
      "Mangelbranche",
      "Status",
      "Registreret",
    ]);
    const row = sheet.getRow(2);
    const cell = (n: number) => row.getCell(n);
    expect([cell(1).value, cell(2).value, cell(4).value]).toEqual(["Dansk Industri Aalborg", "Aalborg Portland; Rørdal", "Virksomhedspraktik"]);
    // The CVR number stays text (a leading zero must survive); places and weeks are numbers.
    expect(cell(3).type).toBe(ExcelJS.ValueType.String);
    expect(cell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(5).value).toBe(3);
    expect(cell(7).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(6).type).toBe(ExcelJS.ValueType.Date);
    expect((cell(6).value as Date).toISOString()).toBe("2016-07-04T00:00:00.000Z");
    expect(cell(6).numFmt).toBe("dd-mm-yyyy");
    expect((cell(8).value as Date).toISOString()).toBe("2016-10-02T00:00:00.000Z");
    expect([cell(9).value, cell(10).value, cell(11).value, cell(12).value]).toEqual(["Privat", "Byggeri og anlæg", "ja", "aktiv"]);
    // Registered 30 June 22:30 UTC = 1 July 00:30 in Copenhagen: the wall clock is what is written.
    expect(cell(13).type).toBe(ExcelJS.ValueType.Date);
    expect((cell(13).value as Date).toISOString()).toBe("2016-07-01T00:30:00.000Z");
    expect(cell(13).numFmt).toBe("dd-mm-yyyy hh:mm");
    // An IGU without weeks or an end date leaves those cells empty.
    const igu = sheet.getRow(3);
    expect(igu.getCell(4).value).toBe("IGU (integrationsgrunduddannelse)");
    expect(igu.getCell(7).type).toBe(ExcelJS.ValueType.Null);
    expect(igu.getCell(8).type).toBe(ExcelJS.ValueType.Null);
  });

  it("support requests, with English column names when asked", async () => {
    const da = (await exportSpreadsheet(
      createPrismaStores(db.prisma).stores.exports,
      { slug: "aalborg-2016", what: "requests", format: "xlsx", locale: "da", timezone: TZ },
      t,
    ))!;
    const sheet = await readSheet(da.data);
    expect(sheet.name).toBe("Henvendelser");
    expect(headers(sheet)).toEqual(["Organisation", "Art", "Virksomhed", "Status", "Anmodet", "Frist", "Lukket", "Inden for fristen"]);
    const done = sheet.getRow(2);
    expect([done.getCell(2).value, done.getCell(4).value, done.getCell(8).value]).toEqual(["Tolk", "Klaret af Karin Konsulent", "ja"]);
    expect(done.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect((done.getCell(5).value as Date).toISOString()).toBe("2016-10-03T11:00:00.000Z");
    expect((done.getCell(7).value as Date).toISOString()).toBe("2016-10-05T12:15:00.000Z");
    const open = sheet.getRow(3);
    expect(open.getCell(7).type).toBe(ExcelJS.ValueType.Null);
    expect(open.getCell(8).type).toBe(ExcelJS.ValueType.Null);

    const en = (await exportSpreadsheet(
      createPrismaStores(db.prisma).stores.exports,
      { slug: "aalborg-2016", what: "requests", format: "xlsx", locale: "en", timezone: TZ },
      createI18n("da").t("en"),
    ))!;
    expect(en.fileName).toBe("requests-aalborg-2016.xlsx");
    expect(headers(await readSheet(en.data))).toContain("Within the deadline");
  });

  it("knows no partnership it does not have", async () => {
    expect(
      await exportSpreadsheet(
        createPrismaStores(db.prisma).stores.exports,
        { slug: "nowhere", what: "placements", format: "csv", locale: "da", timezone: TZ },
        t,
      ),
    ).toBeUndefined();
  });
});

describe("export as CSV", () => {
  it("is UTF-8 with a BOM, semicolon-separated, quoting what needs it", async () => {
    const file = (await exportSpreadsheet(
      createPrismaStores(db.prisma).stores.exports,
      { slug: "aalborg-2016", what: "placements", format: "csv", locale: "da", timezone: TZ },
      t,
    ))!;
    expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.data.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("Organisation;Virksomhed;CVR-nummer;Type;Pladser;Startdato;Uger;Slutdato;Offentlig/privat;Branche;Mangelbranche;Status;Registreret");
    expect(lines[1]).toBe(
      'Dansk Industri Aalborg;"Aalborg Portland; Rørdal";24256790;Virksomhedspraktik;3;2016-07-04;13;2016-10-02;Privat;Byggeri og anlæg;ja;aktiv;2016-07-01 00:30',
    );
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(4);
  });
});

describe("the commands", () => {
  let url: string;

  beforeAll(async () => {
    // A PGlite folder the child processes open the way the bot would (DATABASE_URL=<folder>).
    url = join(dir, "db");
    const folder = await connectDatabase(parseDatabaseUrl(url));
    try {
      await migrateDatabase(folder);
      await seedPartnerships(folder.prisma);
      await seedRows(folder.prisma);
    } finally {
      await folder.close();
    }
  });

  const cli = (script: string, args: string[]) =>
    run(process.execPath, ["--import", "tsx", `src/cli/${script}.ts`, ...args], { env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" }),
    );

  it("npm run export writes a CSV and exits", async () => {
    const out = join(dir, "placements.csv");
    const result = await cli("export", ["--partnership", "aalborg-2016", "--what", "placements", "--format", "csv", "--out", out]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.trim()).toBe(`${out}: 2 placements, CSV`);
    const csv = (await readFile(out)).toString("utf8");
    expect(csv.startsWith("\uFEFFOrganisation;Virksomhed;")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(4);
  });

  it("npm run report writes the Word report", async () => {
    const out = join(dir, "report.docx");
    const result = await cli("report", ["--partnership", "aalborg-2016", "--quarter", "2016-Q3", "--format", "docx", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Partnerskab om integration, Aalborg 2016, 2016-Q3, DOCX");
    const { value: text } = await mammoth.extractRawText({ buffer: await readFile(out) });
    expect(text).toContain("2 praktikpladser med start i kvartalet, i alt 4 pladser");
  });

  it("says what is wrong in one line and exits with 1", async () => {
    for (const [script, args, pattern] of [
      [
        "export",
        ["--partnership", "aalborg-2016", "--what", "people", "--format", "csv"],
        /^export failed: --what must be placements or requests, not "people"$/,
      ],
      ["export", ["--what", "placements", "--format", "csv"], /^export failed: --partnership is missing\. Usage: npm run export -- /],
      [
        "export",
        ["--partnership", "odense", "--what", "placements", "--format", "xlsx"],
        /^export failed: no partnership "odense" \(there are: aalborg-2016, fredericia-2013\)$/,
      ],
      [
        "report",
        ["--partnership", "aalborg-2016", "--quarter", "2016-Q5", "--out", "x.docx"],
        /^report failed: --quarter "2016-Q5" is not a quarter; write e\.g\. 2016-Q3$/,
      ],
      ["report", ["--bogus"], /^report failed: Unknown option '--bogus'\. Usage: npm run report -- /],
    ] as const) {
      const result = await cli(script, [...args]);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
    }
    // Five commands one after another, each starting Node with tsx: on a shared two-core machine
    // that alone can take a minute.
  }, 180_000);
});
