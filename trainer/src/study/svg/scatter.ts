import { linearScale, tickLabel } from "./scale.ts";
import { AXIS, colour, el, fmt, svgOpen, text, textGroup, TITLE } from "./xml.ts";

export interface ScatterLayer {
  label: string;
  colour?: string;
  /** Flat x0, y0, x1, y1, … (or the first two of every `stride` values). */
  points: ArrayLike<number>;
  stride?: number;
  radius?: number;
  opacity?: number;
}

export interface ScatterOptions {
  title: string;
  layers: readonly ScatterLayer[];
  /** Square plotting box [lo, hi] on both axes; default: nice bounds around every point. */
  range?: [number, number];
  /** Points marked with a cross (e.g. mode centres), flat x, y pairs. */
  markers?: ArrayLike<number>;
  size?: number;
}

const PAD = { left: 40, bottom: 36, top: 24, right: 10 };

/**
 * A square 2-D scatter with axes, ticks and a legend; layers draw in order (put real data first). Points outside
 * the range or non-finite are dropped and counted in the legend, so a diverged generator is visible as such.
 */
export function scatterPlot(o: ScatterOptions): string {
  const size = o.size ?? 300;
  const inner = size - PAD.left - PAD.right;
  const h = PAD.top + inner + PAD.bottom;
  const all: number[] = [];
  for (const l of o.layers) {
    const k = l.stride ?? 2;
    for (let i = 0; i + 1 < l.points.length; i += k) all.push(l.points[i]!, l.points[i + 1]!);
  }
  const bounds = o.range ?? [Math.min(...all.filter(Number.isFinite), 0), Math.max(...all.filter(Number.isFinite), 0)];
  const x = linearScale(bounds, [PAD.left, PAD.left + inner], 4);
  const y = linearScale(bounds, [PAD.top + inner, PAD.top], 4);
  const [lo, hi] = x.domain;
  const parts: string[] = [el("rect", { x: PAD.left, y: PAD.top, width: inner, height: inner, fill: "none", stroke: AXIS })];
  for (const t of x.ticks) {
    parts.push(text(x(t), PAD.top + inner + 13, tickLabel(t), { "text-anchor": "middle" }));
    parts.push(text(PAD.left - 4, y(t) + 3, tickLabel(t), { "text-anchor": "end" }));
  }
  // Mode markers go under the points, so a mode that is covered shows as covered.
  const m = o.markers ?? [];
  const crosses: string[] = [];
  for (let i = 0; i + 1 < m.length; i += 2) {
    const cx = x(m[i]!);
    const cy = y(m[i + 1]!);
    if (Number.isFinite(cx) && Number.isFinite(cy)) crosses.push(`M${fmt(cx - 4)} ${fmt(cy)}h8M${fmt(cx)} ${fmt(cy - 4)}v8`);
  }
  if (crosses.length) parts.push(el("path", { d: crosses.join(""), stroke: "#56b4e9", "stroke-width": "1.5" }));
  const legend: string[] = [];
  o.layers.forEach((l, li) => {
    const c = l.colour ?? colour(li);
    const k = l.stride ?? 2;
    let dropped = 0;
    const dots: string[] = [];
    for (let i = 0; i + 1 < l.points.length; i += k) {
      const px = l.points[i]!;
      const py = l.points[i + 1]!;
      if (!Number.isFinite(px) || !Number.isFinite(py) || px < lo || px > hi || py < lo || py > hi) {
        dropped++;
        continue;
      }
      dots.push(`<circle cx="${fmt(x(px), 1)}" cy="${fmt(y(py), 1)}" r="${fmt(l.radius ?? 1.4)}"/>`);
    }
    parts.push(el("g", { fill: c, "fill-opacity": String(l.opacity ?? 0.6) }, ...dots));
    const label = dropped ? `${l.label} (${dropped} outside)` : l.label;
    legend.push(
      el("circle", { cx: PAD.left + 8 + li * 130, cy: PAD.top + inner + 24, r: 3.5, fill: c }) +
        text(PAD.left + 15 + li * 130, PAD.top + inner + 27, label),
    );
  });
  parts.push(text(PAD.left, 16, o.title, TITLE), ...legend);
  return `${svgOpen(size, h, o.title)}${el("rect", { width: size, height: h, fill: "#fff" })}${textGroup(10, parts.join(""))}</svg>`;
}
