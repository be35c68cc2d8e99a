// What the quarterly feature offers the other features: its document and spreadsheet machinery
// (a Word file from headings, paragraphs and tables; CSV and XLSX from a table). Other features import it from here only.
export { type ExportTable, tableFile } from "./export.js";
export { renderDocx } from "./report/docx.js";
export type { ReportDocument } from "./report/report-document.js";
export { MIME_TYPES } from "./report/report-file.js";
