// Horizontal bar charts as SVG text, built by hand so they need nothing but a font to render.
// Each bar may carry a reference line (a target or a ceiling). Reused by the quarterly report
// and the weekly digest; render.ts turns the SVG into a PNG.

export type Bar = {
  label: string;
  value: number;
  /** A target or ceiling, drawn as a vertical line across the bar. */
  reference?: number | null;
  /** Text at the end of the bar, e.g. "312 / 500 (62 %)". */
  caption: string;
  tone?: "good" | "warning" | "neutral";
};

export type BarChart = { title: string; bars: Bar[]; width?: number };

export const CHART_FONT_FAMILY = "DejaVu Sans";

const TONES = { good: "#2e7d32", warning: "#c62828", neutral: "#1565c0" } as const;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** The chart as a standalone SVG document; its size follows from the number of bars. */
export function barChartSvg(chart: BarChart): { svg: string; width: number; height: number } {
  const width = chart.width ?? 800;
  const left = 24;
  const right = 24;
  const top = 56;
  const rowHeight = 58;
  const barHeight = 20;
  const height = top + Math.max(1, chart.bars.length) * rowHeight + 16;
  const plotWidth = width - left - right;
  const scaleMax = Math.max(1, ...chart.bars.map((b) => Math.max(b.value, b.reference ?? 0))) * 1.05;
  const x = (v: number) => left + (Math.max(0, v) / scaleMax) * plotWidth;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="32" font-family="${CHART_FONT_FAMILY}" font-size="18" font-weight="bold" fill="#212121">${escapeXml(chart.title)}</text>`,
  ];
  chart.bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const barY = y + 22;
    const fill = TONES[bar.tone ?? "neutral"];
    parts.push(
      `<text x="${left}" y="${y + 14}" font-family="${CHART_FONT_FAMILY}" font-size="13" fill="#212121">${escapeXml(bar.label)}</text>`,
      `<rect x="${left}" y="${barY}" width="${plotWidth}" height="${barHeight}" fill="#eeeeee"/>`,
      `<rect x="${left}" y="${barY}" width="${(x(bar.value) - left).toFixed(1)}" height="${barHeight}" fill="${fill}"/>`,
    );
    if (bar.reference !== undefined && bar.reference !== null && bar.reference > 0) {
      const rx = x(bar.reference).toFixed(1);
      parts.push(`<line x1="${rx}" y1="${barY - 4}" x2="${rx}" y2="${barY + barHeight + 4}" stroke="#212121" stroke-width="2"/>`);
    }
    parts.push(
      `<text x="${width - right}" y="${y + 14}" text-anchor="end" font-family="${CHART_FONT_FAMILY}" font-size="13" fill="#424242">${escapeXml(bar.caption)}</text>`,
    );
  });
  parts.push("</svg>");
  return { svg: parts.join(""), width, height };
}
