import { encodePng } from "./png.ts";

/** Maps a model output in [-1, 1] to a byte, clamping outliers. */
function toByte(v: number): number {
  const b = Math.round(((v + 1) / 2) * 255);
  return b < 0 || Number.isNaN(b) ? 0 : b > 255 ? 255 : b;
}

/**
 * Tiles n images of shape [H, W, C] (C = 1 or 3, values in [-1, 1]) into a square-ish grid PNG with a 2 px
 * black gutter. A flat [D] shape with a square D is shown as a √D × √D grayscale image.
 */
export function imageGridPng(data: Float32Array, n: number, sampleShape: readonly number[]): Uint8Array {
  let [h, w, c] = sampleShape.length === 3 ? sampleShape : [0, 0, 1];
  if (sampleShape.length === 1) {
    const side = Math.round(Math.sqrt(sampleShape[0]!));
    if (side * side !== sampleShape[0]) throw new Error(`cannot draw samples of shape [${sampleShape.join(", ")}]`);
    [h, w, c] = [side, side, 1];
  }
  if (!h || !w || (c !== 1 && c !== 3)) throw new Error(`cannot draw samples of shape [${sampleShape.join(", ")}]`);
  if (data.length !== n * h * w * c) throw new Error(`imageGridPng: ${data.length} values for ${n} samples`);
  const pad = 2;
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const width = cols * (w + pad) + pad;
  const height = rows * (h + pad) + pad;
  const px = new Uint8Array(width * height * c);
  for (let i = 0; i < n; i++) {
    const x0 = pad + (i % cols) * (w + pad);
    const y0 = pad + Math.floor(i / cols) * (h + pad);
    // A sample row (w × c values) is contiguous in both the input and the grid.
    for (let y = 0; y < h; y++) {
      const src = (i * h + y) * w * c;
      const dst = ((y0 + y) * width + x0) * c;
      for (let k = 0; k < w * c; k++) px[dst + k] = toByte(data[src + k]!);
    }
  }
  return encodePng(width, height, c as 1 | 3, px);
}

export interface ScatterOptions {
  /** Symmetric plotting box [lo, hi] on both axes. */
  range: [number, number];
  /** Mode centres (k × 2), drawn as crosses. */
  modes?: Float32Array;
  /** Values per point (first two are plotted); default 2. */
  dim?: number;
  title?: string;
}

const SIZE = 480;

/** An SVG scatter of generated points (orange) over real points (grey) and mode centres (blue crosses). */
export function scatterSvg(fake: Float32Array, real: Float32Array, opts: ScatterOptions): string {
  const dim = opts.dim ?? 2;
  const [lo, hi] = opts.range;
  const span = hi - lo || 1;
  const sx = (v: number) => (((v - lo) / span) * SIZE).toFixed(1);
  const sy = (v: number) => ((1 - (v - lo) / span) * SIZE).toFixed(1);
  // Presentation attributes on groups rather than a <style> element: this SVG is also inlined into study reports,
  // where a stylesheet's rules would apply to the whole page.
  const dots = (pts: Float32Array, fill: string, opacity: string) => {
    const out: string[] = [];
    for (let i = 0; i + 1 < pts.length; i += dim) {
      const x = pts[i]!;
      const y = pts[i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      out.push(`<circle cx="${sx(x)}" cy="${sy(y)}" r="1.6"/>`);
    }
    return `<g fill="${fill}" fill-opacity="${opacity}">${out.join("")}</g>`;
  };
  const crosses: string[] = [];
  const modes = opts.modes ?? new Float32Array(0);
  for (let i = 0; i + 1 < modes.length; i += 2) {
    const x = Number(sx(modes[i]!));
    const y = Number(sy(modes[i + 1]!));
    crosses.push(`M${x - 5} ${y}h10M${x} ${y - 5}v10`);
  }
  const title = opts.title
    ? `<text x="6" y="16" font-family="sans-serif" font-size="12" fill="#333" stroke="none">${escapeXml(opts.title)}</text>`
    : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `<rect width="${SIZE}" height="${SIZE}" fill="#fff" stroke="#ccc"/>`,
    dots(real, "#999", ".35"),
    dots(fake, "#e8590c", ".7"),
    crosses.length ? `<path stroke="#1c7ed6" stroke-width="1.5" d="${crosses.join("")}"/>` : "",
    title,
    "</svg>\n",
  ].join("");
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[ch]!);
}
