/**
 * Class-coverage metrics from a classifier's softmax outputs on generated samples: how many classes the
 * generator produces, how evenly, and the Inception-Score formula applied to our own classifier ("classifier
 * score"; not comparable to Inception Score numbers).
 */
import { assertMatrix, type Matrix } from "./matrix.ts";

export interface ClassMetricsOptions {
  /** Contiguous splits for the classifier score's mean ± std (default 1; the original Inception Score code used 10). */
  splits?: number;
  /** Allowed |row sum − 1| (default 1e-3, loose enough for float32 softmax). */
  sumTolerance?: number;
}

export interface ClassMetrics {
  /** Classes that are the argmax of at least one sample (ties go to the lowest class index). */
  classesFound: number;
  totalClasses: number;
  /** Argmax counts per class. */
  histogram: number[];
  /** KL(argmax histogram ‖ uniform) in nats; empty classes contribute 0 (0·log 0 = 0); max log C. */
  klToUniform: number;
  /** Mean over splits of exp(E_x KL(p(y|x) ‖ p(y))), p(y) the split's mean prediction. In [1, C]. */
  score: number;
  /** Population std of the per-split scores (0 for one split). */
  scoreStd: number;
  splits: number;
  n: number;
}

/** Class metrics of `probs` (n×C, rows are probability vectors: non-negative, summing to 1). */
export function classMetrics(probs: Matrix, options: ClassMetricsOptions = {}): ClassMetrics {
  assertMatrix("probs", probs);
  const { rows: n, cols: c, data } = probs;
  const splits = options.splits ?? 1;
  const tol = options.sumTolerance ?? 1e-3;
  if (!Number.isInteger(splits) || splits < 1 || splits > n) {
    throw new Error(`splits: must be an integer in [1, ${n}], got ${splits}`);
  }
  const histogram = new Array<number>(c).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let best = 0;
    for (let j = 0; j < c; j++) {
      const p = data[i * c + j]!;
      if (p < 0) throw new Error(`probs: negative probability ${p} at row ${i}, column ${j}`);
      sum += p;
      if (p > data[i * c + best]!) best = j;
    }
    if (Math.abs(sum - 1) > tol) throw new Error(`probs: row ${i} sums to ${sum}, expected 1 ± ${tol}`);
    histogram[best] = histogram[best]! + 1;
  }

  let classesFound = 0;
  let klToUniform = 0;
  for (const count of histogram) {
    if (count === 0) continue;
    classesFound++;
    const h = count / n;
    klToUniform += h * Math.log(h * c);
  }

  const scores: number[] = [];
  for (let s = 0; s < splits; s++) {
    const start = Math.floor((s * n) / splits);
    const end = Math.floor(((s + 1) * n) / splits);
    scores.push(splitScore(data, c, start, end));
  }
  const score = scores.reduce((a, b) => a + b, 0) / splits;
  const scoreStd = Math.sqrt(scores.reduce((a, b) => a + (b - score) ** 2, 0) / splits);
  return {
    classesFound,
    totalClasses: c,
    histogram,
    klToUniform: Math.max(0, klToUniform),
    score,
    scoreStd,
    splits,
    n,
  };
}

/** exp(mean_x Σ_y p(y|x) log(p(y|x) / p(y))) over rows [start, end); 0·log 0 terms are 0. */
function splitScore(data: Float32Array | Float64Array, c: number, start: number, end: number): number {
  const count = end - start;
  const marginal = new Float64Array(c);
  for (let i = start; i < end; i++) for (let j = 0; j < c; j++) marginal[j] = marginal[j]! + data[i * c + j]!;
  for (let j = 0; j < c; j++) marginal[j] = marginal[j]! / count;
  let kl = 0;
  for (let i = start; i < end; i++) {
    for (let j = 0; j < c; j++) {
      const p = data[i * c + j]!;
      // p > 0 implies marginal[j] > 0, so the log is finite.
      if (p > 0) kl += p * Math.log(p / marginal[j]!);
    }
  }
  return Math.exp(Math.max(0, kl / count));
}
