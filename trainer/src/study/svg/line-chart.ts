import { linearScale, tickLabel, type Scale } from "./scale.ts";
import { AXIS, colour, el, fmt, GRID, svgOpen, text, textGroup, TITLE } from "./xml.ts";

export interface LineSeries {
  label: string;
  /** Default: the palette colour of the series' position. */
  colour?: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  /** Shaded range (e.g. min–max or a CI over seeds), drawn under the line. */
  band?: ReadonlyArray<{ x: number; lo: number; hi: number }>;
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  width?: number;
  height?: number;
}

const M = { top: 28, right: 150, bottom: 42, left: 62 };

/** Consecutive runs of finite points (a NaN breaks the line rather than being drawn as 0). */
function segments<T>(pts: readonly T[], ok: (p: T) => boolean): T[][] {
  const out: T[][] = [[]];
  for (const p of pts) {
    if (ok(p)) out[out.length - 1]!.push(p);
    else if (out[out.length - 1]!.length) out.push([]);
  }
  return out.filter((s) => s.length > 0);
}

function axes(x: Scale, y: Scale, w: number, h: number, o: LineChartOptions): string {
  const parts: string[] = [];
  for (const t of y.ticks) {
    parts.push(el("line", { x1: M.left, x2: w - M.right, y1: y(t), y2: y(t), stroke: GRID }));
    parts.push(text(M.left - 6, y(t) + 4, tickLabel(t), { "text-anchor": "end" }));
  }
  for (const t of x.ticks) {
    parts.push(el("line", { x1: x(t), x2: x(t), y1: h - M.bottom, y2: h - M.bottom + 5, stroke: AXIS }));
    parts.push(text(x(t), h - M.bottom + 17, tickLabel(t), { "text-anchor": "middle" }));
  }
  parts.push(el("path", { d: `M${fmt(M.left)} ${fmt(M.top)}V${fmt(h - M.bottom)}H${fmt(w - M.right)}`, stroke: AXIS, fill: "none" }));
  parts.push(text((M.left + w - M.right) / 2, h - 6, o.xLabel, { "text-anchor": "middle" }));
  const cy = (M.top + h - M.bottom) / 2;
  parts.push(text(14, cy, o.yLabel, { "text-anchor": "middle", transform: `rotate(-90 14 ${fmt(cy)})` }));
  parts.push(text(M.left, 18, o.title, TITLE));
  return parts.join("");
}

/**
 * A line chart with axes, nice ticks, grid lines, a legend and optional shaded bands, as a standalone SVG string.
 * Non-finite points are skipped (lines break there); with no finite point it draws empty axes saying so.
 */
export function lineChart(o: LineChartOptions): string {
  const w = o.width ?? 640;
  const h = o.height ?? 320;
  const xs = o.series.flatMap((s) => [...s.points.map((p) => p.x), ...(s.band ?? []).map((b) => b.x)]);
  const ys = o.series.flatMap((s) => [...s.points.map((p) => p.y), ...(s.band ?? []).flatMap((b) => [b.lo, b.hi])]);
  const x = linearScale(xs, [M.left, w - M.right], 6);
  const y = linearScale(ys, [h - M.bottom, M.top], 5);
  const body: string[] = [];
  const bandOpacity = o.series.length > 4 ? "0.07" : "0.15";
  o.series.forEach((s, i) => {
    const c = s.colour ?? colour(i);
    for (const seg of segments(s.band ?? [], (b) => [b.x, b.lo, b.hi].every(Number.isFinite))) {
      const upper = seg.map((b) => `${fmt(x(b.x))},${fmt(y(b.hi))}`);
      const lower = [...seg].reverse().map((b) => `${fmt(x(b.x))},${fmt(y(b.lo))}`);
      const d = [...upper, ...lower];
      // Many overlapping bands (12 losses) would turn to mud at the usual opacity.
      body.push(el("polygon", { points: d.join(" "), fill: c, "fill-opacity": bandOpacity, stroke: "none" }));
    }
  });
  o.series.forEach((s, i) => {
    const c = s.colour ?? colour(i);
    for (const seg of segments(s.points, (p) => Number.isFinite(p.x) && Number.isFinite(p.y))) {
      const pts = seg.map((p) => `${fmt(x(p.x))},${fmt(y(p.y))}`).join(" ");
      body.push(
        seg.length === 1
          ? el("circle", { cx: x(seg[0]!.x), cy: y(seg[0]!.y), r: 2.5, fill: c })
          : el("polyline", {
              points: pts,
              fill: "none",
              stroke: c,
              "stroke-width": "1.6",
              ...(s.dashed ? { "stroke-dasharray": "5 3" } : {}),
            }),
      );
    }
  });
  const legend = o.series.map((s, i) => {
    const ly = M.top + 6 + i * 17;
    const lx = w - M.right + 12;
    return (
      el("line", {
        x1: lx,
        x2: lx + 18,
        y1: ly,
        y2: ly,
        stroke: s.colour ?? colour(i),
        "stroke-width": "3",
        ...(s.dashed ? { "stroke-dasharray": "5 3" } : {}),
      }) + text(lx + 24, ly + 4, s.label)
    );
  });
  const empty = ys.some(Number.isFinite) ? "" : text((M.left + w - M.right) / 2, (M.top + h - M.bottom) / 2, "no data", { "text-anchor": "middle" });
  return [
    svgOpen(w, h, o.title),
    el("rect", { width: w, height: h, fill: "#fff" }),
    textGroup(11, axes(x, y, w, h, o) + body.join("") + legend.join("") + empty),
    "</svg>",
  ].join("");
}
