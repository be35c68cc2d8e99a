// A report document as a Word file (what the city council's secretariat works in): headings,
// tables with numbers right-aligned, and the chart as a PNG image. The docx library is loaded
// when the first file is made, not when the bot starts.
import type * as Docx from "docx";
import { svgToPng } from "../../../charts/render.js";
import type { Locale } from "../../../kernel/actor.js";
import { type TableCell as Cell, type DocBlock, formatNumber, type ReportDocument } from "./report-document.js";

/** The chart's width on the page in pixels (about 16 cm). */
const CHART_PAGE_WIDTH = 600;

function cellParagraph(D: typeof Docx, cell: Cell, locale: Locale, bold = false): Docx.Paragraph {
  const numeric = typeof cell === "number";
  return new D.Paragraph({
    alignment: numeric ? D.AlignmentType.RIGHT : D.AlignmentType.LEFT,
    children: [new D.TextRun({ text: numeric ? formatNumber(cell, locale) : cell, bold })],
  });
}

function table(D: typeof Docx, header: string[], rows: Cell[][], locale: Locale): Docx.Table {
  const hasHeader = header.some((h) => h !== "");
  return new D.Table({
    width: { size: 100, type: D.WidthType.PERCENTAGE },
    rows: [
      ...(hasHeader
        ? [new D.TableRow({ tableHeader: true, children: header.map((h) => new D.TableCell({ children: [cellParagraph(D, h, locale, true)] })) })]
        : []),
      ...rows.map((row) => new D.TableRow({ children: row.map((cell) => new D.TableCell({ children: [cellParagraph(D, cell, locale)] })) })),
    ],
  });
}

function render(D: typeof Docx, block: DocBlock, locale: Locale): (Docx.Paragraph | Docx.Table)[] {
  switch (block.type) {
    case "title":
      return [new D.Paragraph({ heading: D.HeadingLevel.TITLE, children: [new D.TextRun(block.text)] })];
    case "heading":
      return [new D.Paragraph({ heading: block.level === 1 ? D.HeadingLevel.HEADING_1 : D.HeadingLevel.HEADING_2, children: [new D.TextRun(block.text)] })];
    case "paragraph":
      return [new D.Paragraph({ children: [new D.TextRun({ text: block.text, ...(block.small ? { size: 18, italics: true } : {}) })] })];
    case "table":
      return [table(D, block.header, block.rows, locale), new D.Paragraph({})];
    case "chart": {
      const png = svgToPng(block.svg, { scale: 2 });
      const height = Math.round((block.height / block.width) * CHART_PAGE_WIDTH);
      return [
        new D.Paragraph({
          children: [
            new D.ImageRun({
              type: "png",
              data: png,
              transformation: { width: CHART_PAGE_WIDTH, height },
              altText: { name: "chart", title: block.alt, description: block.alt },
            }),
          ],
        }),
      ];
    }
  }
}

export async function renderDocx(doc: ReportDocument, locale: Locale): Promise<Buffer> {
  const D = await import("docx");
  const document = new D.Document({
    title: doc.title,
    creator: "Praktikbot",
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ children: doc.blocks.flatMap((b) => render(D, b, locale)) }],
  });
  return D.Packer.toBuffer(document);
}
