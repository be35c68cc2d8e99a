// One function from a report model to a file in the asked format.
import type { Locale } from "../../../kernel/actor.js";
import type { Translate } from "../../../kernel/translate.js";
import type { QuarterReport } from "../build-report.js";
import { renderDocx } from "./docx.js";
import { renderMarkdown } from "./markdown.js";
import { reportDocument } from "./report-document.js";

export const REPORT_FORMATS = ["docx", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportFile = { fileName: string; mimeType: string; data: Buffer; title: string };

export const MIME_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
} as const;

function reportFileName(report: QuarterReport, format: ReportFormat, locale: Locale): string {
  return `${locale === "en" ? "status" : "kvartalsstatus"}-${report.partnership.slug}-${report.quarter}.${format}`;
}

export async function renderReportFile(report: QuarterReport, format: ReportFormat, t: Translate, locale: Locale): Promise<ReportFile> {
  const doc = reportDocument(report, t, locale);
  const data = format === "docx" ? await renderDocx(doc, locale) : Buffer.from(renderMarkdown(doc), "utf8");
  return { fileName: reportFileName(report, format, locale), mimeType: MIME_TYPES[format], data, title: doc.title };
}
