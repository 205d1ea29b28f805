// Geometry for the loss chart: pure functions from points to SVG path strings and ticks (unit-tested in Node).

/**
 * Keeps every k-th point (k = ceil(length / max)) plus the last, so at most max + 1 points: a long run still draws
 * in a few hundred segments and the newest value is always shown.
 */
export function decimate(points, max) {
  if (points.length <= max) return points;
  const k = Math.ceil(points.length / max);
  const out = [];
  for (let i = 0; i < points.length; i += k) out.push(points[i]);
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}

/** About `count` round tick values inside [lo, hi]: the step of 1, 2 or 5 × 10^k nearest (in ratio) to the range / count. */
export function niceTicks(lo, hi, count = 4) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const ratio = (s) => Math.abs(Math.log(s / raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).reduce((a, b) => (ratio(b) < ratio(a) ? b : a));
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/**
 * Lays out series of {x, y} points (non-finite y values are skipped) in a width × height box with `pad` margins
 * ({top, right, bottom, left}). Returns null when no series has a finite point; otherwise the shared domains, one
 * SVG path per series ("M x y L x y …", coordinates rounded to 0.1 px) and tick positions for both axes.
 */
export function chartLayout(series, { width, height, pad, maxPoints = 600 }) {
  const clean = series.map((s) => ({ ...s, points: decimate(s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)), maxPoints) }));
  const all = clean.flatMap((s) => s.points);
  if (all.length === 0) return null;
  let [x0, x1] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x))];
  let [y0, y1] = [Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const yMargin = (y1 - y0) * 0.05;
  y0 -= yMargin;
  y1 += yMargin;
  const iw = width - pad.left - pad.right;
  const ih = height - pad.top - pad.bottom;
  const sx = (x) => pad.left + ((x - x0) / (x1 - x0)) * iw;
  const sy = (y) => pad.top + (1 - (y - y0) / (y1 - y0)) * ih;
  const r = (v) => Math.round(v * 10) / 10;
  return {
    x: [x0, x1],
    y: [y0, y1],
    paths: clean.map((s) => ({
      key: s.key,
      d: s.points.map((p, i) => `${i === 0 ? "M" : "L"}${r(sx(p.x))} ${r(sy(p.y))}`).join(" "),
      last: s.points.length ? s.points[s.points.length - 1] : null,
    })),
    xTicks: niceTicks(x0, x1, 5).map((v) => ({ v, pos: r(sx(v)) })),
    yTicks: niceTicks(y0, y1, 4).map((v) => ({ v, pos: r(sy(v)) })),
  };
}
