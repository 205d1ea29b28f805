import type { RunData } from "./collect.ts";

/** Across-seed summary of one series at one step. */
export interface CurvePoint {
  x: number;
  mean: number;
  min: number;
  max: number;
  /** Seeds with a finite value at this step. */
  n: number;
}

function summarise(byStep: Map<number, number[]>): CurvePoint[] {
  return [...byStep.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([x, vs]) => {
      const f = vs.filter(Number.isFinite);
      if (f.length === 0) return { x, mean: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
      return { x, mean: f.reduce((a, b) => a + b, 0) / f.length, min: Math.min(...f), max: Math.max(...f), n: f.length };
    });
}

/** Averages consecutive points into at most `max` bins (mean of means, min of mins, max of maxes). */
export function downsample(points: readonly CurvePoint[], max: number): CurvePoint[] {
  if (points.length <= max) return [...points];
  const out: CurvePoint[] = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const bin = points.slice(Math.floor(b * size), Math.floor((b + 1) * size)).filter((p) => p.n > 0);
    const last = points[Math.min(points.length, Math.floor((b + 1) * size)) - 1]!;
    if (bin.length === 0) {
      out.push({ ...last, mean: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 });
      continue;
    }
    out.push({
      x: last.x,
      mean: bin.reduce((a, p) => a + p.mean, 0) / bin.length,
      min: Math.min(...bin.map((p) => p.min)),
      max: Math.max(...bin.map((p) => p.max)),
      n: Math.min(...bin.map((p) => p.n)),
    });
  }
  return out;
}

/** An eval metric against step, over the given runs (normally one loss's seeds). */
export function metricCurve(runs: readonly RunData[], metric: string): CurvePoint[] {
  const byStep = new Map<number, number[]>();
  for (const r of runs) {
    for (const e of r.evals) {
      const v = e.values[metric];
      if (v === undefined) continue;
      byStep.set(e.step, [...(byStep.get(e.step) ?? []), v]);
    }
  }
  return summarise(byStep);
}

/** D or G loss against step over the given runs, downsampled to at most `max` points. */
export function lossCurve(runs: readonly RunData[], key: "dLoss" | "gLoss", max = 200): CurvePoint[] {
  const byStep = new Map<number, number[]>();
  for (const r of runs) for (const l of r.logs) byStep.set(l.step, [...(byStep.get(l.step) ?? []), l[key]]);
  return downsample(summarise(byStep), max);
}
