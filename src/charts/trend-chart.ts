// A line chart of weekly values (one line per series) as SVG text, and a chart that stacks a bar
// chart above it: the weekly digest's "where we are" and "how we got here" in one image.
import { type BarChart, barChartSvg, CHART_FONT_FAMILY } from "./bar-chart.js";

export type TrendChart = { title: string; xLabels: string[]; series: { label: string; values: number[] }[]; width?: number };

const COLOURS = ["#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#455a64"];

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function trendChartSvg(chart: TrendChart): { svg: string; width: number; height: number } {
  const width = chart.width ?? 800;
  const left = 56;
  const right = 24;
  const top = 48;
  const plotHeight = 220;
  const legendTop = top + plotHeight + 40;
  const height = legendTop + Math.ceil(chart.series.length / 2) * 22 + 12;
  const plotWidth = width - left - right;
  const n = Math.max(1, ...chart.series.map((s) => s.values.length));
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const x = (i: number) => left + (n === 1 ? plotWidth / 2 : (i / (n - 1)) * plotWidth);
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const font = `font-family="${CHART_FONT_FAMILY}"`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="24" y="30" ${font} font-size="18" font-weight="bold" fill="#212121">${escapeXml(chart.title)}</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = Math.round((max * k) / 4);
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${yy}" x2="${width - right}" y2="${yy}" stroke="#e0e0e0" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${(Number(yy) + 4).toFixed(1)}" text-anchor="end" ${font} font-size="11" fill="#616161">${v}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(chart.xLabels.length / 8));
  chart.xLabels.forEach((label, i) => {
    if (i % step !== 0 && i !== chart.xLabels.length - 1) return;
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${top + plotHeight + 18}" text-anchor="middle" ${font} font-size="11" fill="#616161">${escapeXml(label)}</text>`,
    );
  });
  chart.series.forEach((s, si) => {
    const colour = COLOURS[si % COLOURS.length]!;
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    if (s.values.length === 1) parts.push(`<circle cx="${x(0).toFixed(1)}" cy="${y(s.values[0]!).toFixed(1)}" r="3" fill="${colour}"/>`);
    else parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    const lx = 24 + (si % 2) * (width / 2);
    const ly = legendTop + Math.floor(si / 2) * 22;
    parts.push(
      `<rect x="${lx}" y="${ly - 10}" width="14" height="4" fill="${colour}"/>`,
      `<text x="${lx + 20}" y="${ly - 4}" ${font} font-size="12" fill="#212121">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return { svg: parts.join(""), width, height };
}

/** A bar chart with a trend chart under it, as one SVG. */
export function barsAndTrendSvg(bars: BarChart, trend: TrendChart): { svg: string; width: number; height: number } {
  const top = barChartSvg(bars);
  const bottom = trendChartSvg({ ...trend, width: top.width });
  const height = top.height + bottom.height;
  const inner = (svg: string, y: number) => svg.replace("<svg ", `<svg x="0" y="${y}" `);
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${top.width}" height="${height}" viewBox="0 0 ${top.width} ${height}">${inner(top.svg, 0)}${inner(bottom.svg, top.height)}</svg>`,
    width: top.width,
    height,
  };
}
