import type { RunData } from "./collect.ts";
import { bootstrapCI } from "../metrics/index.ts";

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

/** One step of a metric over seeds: the mean and its 95 % percentile-bootstrap interval (the ranking's statistic). */
export interface BandPoint {
  step: number;
  mean: number;
  lo: number;
  hi: number;
  /** Seeds with a finite value at this step. */
  n: number;
}

/**
 * `metric` against step over the given runs (normally one loss's seeds) as mean and 95 % bootstrap CI per step, the
 * same interval the ranking uses, so a band and the ranking's bar for the last step agree. `seed` keeps the
 * resampling reproducible; steps where no seed has a finite value are left out.
 */
export function metricBand(runs: readonly RunData[], metric: string, seed: number): BandPoint[] {
  const out: BandPoint[] = [];
  for (const p of metricCurve(runs, metric)) {
    if (p.n === 0) continue;
    const values = runs.flatMap((r) => r.evals.filter((e) => e.step === p.x).map((e) => e.values[metric]!));
    const ci = bootstrapCI(values.filter(Number.isFinite), { seed: seed + p.x, level: 0.95 });
    out.push({ step: p.x, mean: ci.mean, lo: ci.lo, hi: ci.hi, n: ci.n });
  }
  return out;
}
