// A report document as Markdown: tables as pipe tables, the chart as text bars with its numbers.
import type { DocBlock, ReportDocument, TableCell } from "./report-document.js";

function escapeCell(cell: TableCell): string {
  return String(cell).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]#<>])/g, "\\$1");
}

function textBar(value: number, max: number, width = 20): string {
  const filled = max > 0 ? Math.max(0, Math.min(width, Math.round((value / max) * width))) : 0;
  return "█".repeat(filled) + "░".repeat(width - filled);
}

function block(b: DocBlock): string {
  switch (b.type) {
    case "title":
      return `# ${escapeText(b.text)}`;
    case "heading":
      return `${b.level === 1 ? "##" : "###"} ${escapeText(b.text)}`;
    case "paragraph":
      return b.small ? `_${escapeText(b.text)}_` : escapeText(b.text);
    case "table": {
      const numeric = b.header.map((_, i) => b.rows.length > 0 && b.rows.every((row) => typeof row[i] === "number"));
      const header = `| ${b.header.map(escapeCell).join(" | ")} |`;
      const rule = `|${numeric.map((num) => (num ? " ---: " : " --- ")).join("|")}|`;
      const rows = b.rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`);
      return [header, rule, ...rows].join("\n");
    }
    case "chart": {
      const max = Math.max(1, ...b.bars.map((bar) => Math.max(bar.value, bar.reference ?? 0)));
      const lines = b.bars.map((bar) => `${bar.label.padEnd(40)} ${textBar(bar.value, max)} ${bar.caption}`);
      return ["```text", ...lines, "```"].join("\n");
    }
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  return `${doc.blocks.map(block).join("\n\n")}\n`;
}
