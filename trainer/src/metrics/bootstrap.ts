/**
 * Confidence intervals for comparing GAN losses across seeds: percentile bootstrap of the mean, seeded so a
 * study's table is reproducible.
 */
import { hashSeed, mulberry32 } from "../util/rng.ts";

export interface BootstrapOptions {
  /** Two-sided confidence level in (0, 1) (default 0.95). */
  level?: number;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  seed: number;
}

export interface ConfidenceInterval {
  mean: number;
  lo: number;
  hi: number;
  n: number;
  level: number;
}

/**
 * Percentile-bootstrap CI of the mean of `values`: resample with replacement, take the (1 − level)/2 and
 * (1 + level)/2 quantiles (linear interpolation) of the resampled means. With one value there is nothing to
 * resample, so lo = hi = mean (a single seed carries no spread information — read it as "unknown", not "exact").
 */
export function bootstrapCI(values: ReadonlyArray<number>, options: BootstrapOptions): ConfidenceInterval {
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 2000;
  if (!Array.isArray(values) || values.length === 0) throw new Error("values: needs at least one value");
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`values: non-finite value ${v} at index ${i}`);
  });
  if (!(level > 0 && level < 1)) throw new Error(`level: must be in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new Error(`resamples: must be a positive integer, got ${resamples}`);
  }
  if (!Number.isFinite(options.seed)) throw new Error(`seed: must be a finite number, got ${options.seed}`);

  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lo: mean, hi: mean, n, level };

  const rand = mulberry32(hashSeed(options.seed));
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rand() * n)]!;
    means[r] = s / n;
  }
  means.sort();
  const alpha = (1 - level) / 2;
  return { mean, lo: quantile(means, alpha), hi: quantile(means, 1 - alpha), n, level };
}

/** Linear-interpolation quantile (numpy's default) of an ascending array. */
function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  const frac = pos - i;
  const a = sorted[i]!;
  const b = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return a + frac * (b - a);
}

/** True when the closed intervals [a.lo, a.hi] and [b.lo, b.hi] intersect (the difference is not clear-cut). */
export function ciOverlap(a: Pick<ConfidenceInterval, "lo" | "hi">, b: Pick<ConfidenceInterval, "lo" | "hi">): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}
