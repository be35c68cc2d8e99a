// A report document as a Word file (what the city council's secretariat works in): headings,
// tables with numbers right-aligned, and the chart as a PNG image.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { svgToPng } from "../../../charts/render.js";
import type { Locale } from "../../../kernel/actor.js";
import { type TableCell as Cell, type DocBlock, formatNumber, type ReportDocument } from "./report-document.js";

/** The chart's width on the page in pixels (about 16 cm). */
const CHART_PAGE_WIDTH = 600;

function cellParagraph(cell: Cell, locale: Locale, bold = false): Paragraph {
  const numeric = typeof cell === "number";
  return new Paragraph({
    alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
    children: [new TextRun({ text: numeric ? formatNumber(cell, locale) : cell, bold })],
  });
}

function table(header: string[], rows: Cell[][], locale: Locale): Table {
  const hasHeader = header.some((h) => h !== "");
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(hasHeader ? [new TableRow({ tableHeader: true, children: header.map((h) => new TableCell({ children: [cellParagraph(h, locale, true)] })) })] : []),
      ...rows.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [cellParagraph(cell, locale)] })) })),
    ],
  });
}

function render(block: DocBlock, locale: Locale): (Paragraph | Table)[] {
  switch (block.type) {
    case "title":
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(block.text)] })];
    case "heading":
      return [new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(block.text)] })];
    case "paragraph":
      return [new Paragraph({ children: [new TextRun({ text: block.text, ...(block.small ? { size: 18, italics: true } : {}) })] })];
    case "table":
      return [table(block.header, block.rows, locale), new Paragraph({})];
    case "chart": {
      const png = svgToPng(block.svg, { scale: 2 });
      const height = Math.round((block.height / block.width) * CHART_PAGE_WIDTH);
      return [
        new Paragraph({
          children: [
            new ImageRun({
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
  const document = new Document({
    title: doc.title,
    creator: "Praktikbot",
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ children: doc.blocks.flatMap((b) => render(b, locale)) }],
  });
  return Packer.toBuffer(document);
}
