// A partnership's placements or support requests as a spreadsheet for the secretariat: XLSX
// (exceljs) with dates as date cells and numbers as number cells, or CSV the way Danish Excel
// opens it (UTF-8 with a byte-order mark, semicolons between fields). Column names are in the
// reader's language, Danish by default.
import type { Locale } from "../../kernel/actor.js";
import { wallClock } from "../../kernel/business-days.js";
import type { Translate } from "../../kernel/translate.js";
import { MIME_TYPES } from "./report/report-file.js";
import type { ExportStore, PlacementExportRow, RequestExportRow } from "./store.js";

export const EXPORT_SUBJECTS = ["placements", "requests"] as const;
export type ExportSubject = (typeof EXPORT_SUBJECTS)[number];
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A calendar date, or a wall-clock time in the bot's time zone (no zone: spreadsheets have none). */
export type WallTime = { kind: "date" | "datetime"; y: number; m: number; d: number; hh: number; mm: number };
export type Cell = string | number | WallTime | null;
export type ExportColumn = { header: string; type: "text" | "number" | "date" | "datetime"; width: number };
export type ExportTable = { sheet: string; columns: ExportColumn[]; rows: Cell[][] };

function dateCell(date: Date | null): WallTime | null {
  if (!date) return null;
  return { kind: "date", y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), hh: 0, mm: 0 };
}

function timeCell(instant: Date | null, timezone: string): WallTime | null {
  if (!instant) return null;
  const { date, minutes } = wallClock(instant, timezone);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { kind: "datetime", y, m, d, hh: Math.floor(minutes / 60), mm: minutes % 60 };
}

function placementsTable(rows: readonly PlacementExportRow[], t: Translate, locale: Locale, timezone: string): ExportTable {
  const e = (key: string) => t(`quarterly:export.${key}`);
  const col = (key: string, type: ExportColumn["type"], width: number): ExportColumn => ({ header: e(key), type, width });
  return {
    sheet: e("placements"),
    columns: [
      col("organisation", "text", 28),
      col("company", "text", 28),
      col("cvr", "text", 12),
      col("type", "text", 24),
      col("places", "number", 8),
      col("start", "date", 12),
      col("weeks", "number", 8),
      col("end", "date", 12),
      col("employer", "text", 14),
      col("sector", "text", 26),
      col("shortage", "text", 14),
      col("status", "text", 18),
      col("registered", "datetime", 17),
    ],
    rows: rows.map((r) => [
      r.organisation,
      r.company,
      r.cvr,
      locale === "en" ? r.typeLabelEn : r.typeLabelDa,
      r.places,
      dateCell(r.startDate),
      r.weeks,
      dateCell(r.endDate),
      t(`placement:employer_sector.${r.employerSector}`),
      t(`placement:sectors.${r.sector}`, { defaultValue: r.sector }),
      e(r.shortageSector ? "yes" : "no"),
      t(`placement:status.${r.status}`, { defaultValue: r.status }),
      timeCell(r.createdAt, timezone),
    ]),
  };
}

function requestsTable(rows: readonly RequestExportRow[], t: Translate, timezone: string): ExportTable {
  const e = (key: string) => t(`quarterly:export.${key}`);
  const col = (key: string, type: ExportColumn["type"], width: number): ExportColumn => ({ header: e(key), type, width });
  return {
    sheet: e("requests"),
    columns: [
      col("organisation", "text", 28),
      col("kind", "text", 22),
      col("company", "text", 28),
      col("status", "text", 32),
      col("requested", "datetime", 17),
      col("due", "datetime", 17),
      col("closed", "datetime", 17),
      col("within_deadline", "text", 16),
    ],
    rows: rows.map((r) => [
      r.organisation,
      t(`support:kinds.${r.kind}`, { defaultValue: r.kind }),
      r.company,
      t(`support:status.${r.status}`, { holder: r.holder ?? "–", reason: r.declineReason ?? "" }),
      timeCell(r.requestedAt, timezone),
      timeCell(r.dueAt, timezone),
      timeCell(r.closedAt, timezone),
      r.status === "done" && r.closedAt ? e(r.closedAt <= r.dueAt ? "yes" : "no") : null,
    ]),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function csvText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return cell;
  const date = `${pad(cell.y, 4)}-${pad(cell.m)}-${pad(cell.d)}`;
  return cell.kind === "date" ? date : `${date} ${pad(cell.hh)}:${pad(cell.mm)}`;
}

function csvField(text: string): string {
  return /[";\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV for Danish Excel: a BOM so it reads UTF-8, semicolons because the comma is the decimal sign. */
function toCsv(table: ExportTable): Buffer {
  const lines = [table.columns.map((c) => csvField(c.header)), ...table.rows.map((row) => row.map((cell) => csvField(csvText(cell))))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(";")).join("\r\n")}\r\n`, "utf8");
}

async function toXlsx(table: ExportTable): Promise<Buffer> {
  // Loaded when the first spreadsheet is made, not when the bot starts.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Praktikbot";
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.type === "date" ? { numFmt: "dd-mm-yyyy" } : c.type === "datetime" ? { numFmt: "dd-mm-yyyy hh:mm" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(row.map((cell) => (cell !== null && typeof cell === "object" ? new Date(Date.UTC(cell.y, cell.m - 1, cell.d, cell.hh, cell.mm)) : cell)));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A table as a spreadsheet file in the asked format. */
export async function tableFile(table: ExportTable, format: ExportFormat, baseName: string): Promise<{ fileName: string; mimeType: string; data: Buffer }> {
  const data = format === "csv" ? toCsv(table) : await toXlsx(table);
  return { fileName: `${baseName}.${format}`, mimeType: MIME_TYPES[format], data };
}

export type ExportRequest = { slug: string; what: ExportSubject; format: ExportFormat; locale: Locale; timezone: string };
export type ExportFile = { fileName: string; mimeType: string; data: Buffer; rows: number };

/** The spreadsheet for one partnership; undefined when no partnership has the slug. */
export async function exportSpreadsheet(store: ExportStore, request: ExportRequest, t: Translate): Promise<ExportFile | undefined> {
  const partnership = await store.findPartnershipBySlug(request.slug);
  if (!partnership) return undefined;
  const table =
    request.what === "placements"
      ? placementsTable(await store.placementExportRows(partnership.id), t, request.locale, request.timezone)
      : requestsTable(await store.requestExportRows(partnership.id), t, request.timezone);
  const data = request.format === "csv" ? toCsv(table) : await toXlsx(table);
  const name = request.locale === "en" ? request.what : request.what === "placements" ? "praktikpladser" : "henvendelser";
  return { fileName: `${name}-${partnership.slug}.${request.format}`, mimeType: MIME_TYPES[request.format], data, rows: table.rows.length };
}
