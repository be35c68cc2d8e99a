// SVG → PNG with resvg (prebuilt binaries from npm) and the DejaVu fonts from an npm package,
// so charts render the same on a server that has no fonts installed.
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { CHART_FONT_FAMILY } from "./bar-chart.js";

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => path.join(fontDir, f));

export function svgToPng(svg: string, opts: { scale?: number } = {}): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    fitTo: opts.scale && opts.scale !== 1 ? { mode: "zoom", value: opts.scale } : { mode: "original" },
    background: "#ffffff",
  });
  return Buffer.from(resvg.render().asPng());
}
