/**
 * Fréchet distance between Gaussians fitted to two feature sets (the FID formula). Callers display it as
 * "FD-LeNet": the features come from Gantry's own LeNet, so values are not comparable to Inception-based FID.
 */
import { assertFinite, assertMatrix, assertSameCols, type Matrix } from "./matrix.ts";
import { symmetricEigen, symmetricSqrt } from "./jacobi-eigen.ts";

/** Mean and covariance of a feature set; cache the reference set's stats and reuse them with `fdFromFeatureStats`. */
export interface FeatureStats {
  /** Length `dim`. */
  mean: Float64Array;
  /** Row-major dim×dim unbiased (n − 1) covariance, as numpy's `np.cov(rowvar=False)`. */
  cov: Float64Array;
  dim: number;
  /** Number of samples the stats were computed from. */
  n: number;
}

/** Display name callers use for this metric. */
export const FD_DISPLAY_NAME = "FD-LeNet";

/** Mean and unbiased covariance of the rows of `x` (n ≥ 2), accumulated in float64 around the mean. */
export function featureStats(x: Matrix, name = "x"): FeatureStats {
  assertMatrix(name, x, 2);
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = data[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const ca = centred[a]!;
      if (ca === 0) continue;
      const row = a * d;
      for (let b = a; b < d; b++) cov[row + b] = cov[row + b]! + ca * centred[b]!;
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b]! / (n - 1);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  return { mean, cov, dim: d, n };
}

/**
 * ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2}). Both square roots use symmetric
 * eigendecompositions, so the inner matrix stays symmetric PSD and no complex parts arise (unlike sqrtm(Σ1Σ2)).
 * The result is clamped at 0: it is a squared distance and negatives can only be round-off.
 */
export function fdFromStats(mu1: Float64Array, s1: Float64Array, mu2: Float64Array, s2: Float64Array): number {
  const d = mu1.length;
  if (d < 1) throw new Error("mu1: empty mean vector");
  if (mu2.length !== d) throw new Error(`mu2: length ${mu2.length} does not match mu1 length ${d}`);
  if (s1.length !== d * d) throw new Error(`s1: length ${s1.length} is not ${d}×${d}`);
  if (s2.length !== d * d) throw new Error(`s2: length ${s2.length} is not ${d}×${d}`);
  assertFinite("mu1", mu1);
  assertFinite("mu2", mu2);
  assertFinite("s1", s1);
  assertFinite("s2", s2);

  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (mu1[j]! - mu2[j]!) ** 2;
  let traceTerm = 0;
  for (let j = 0; j < d; j++) traceTerm += s1[j * d + j]! + s2[j * d + j]!;

  const r = symmetricSqrt(s1, d); // Σ1^{1/2}
  const inner = multiply(multiply(r, s2, d), r, d); // Σ1^{1/2} Σ2 Σ1^{1/2}
  const { values } = symmetricEigen(inner, d);
  let traceSqrt = 0;
  for (const lambda of values) traceSqrt += Math.sqrt(Math.max(lambda, 0));

  return Math.max(0, meanTerm + traceTerm - 2 * traceSqrt);
}

/** Fréchet distance between two cached stats; counts are carried through as nReal (a) and nFake (b). */
export function fdFromFeatureStats(real: FeatureStats, fake: FeatureStats): { value: number; nReal: number; nFake: number } {
  if (real.dim !== fake.dim) throw new Error(`fake: dimension ${fake.dim} does not match real dimension ${real.dim}`);
  return { value: fdFromStats(real.mean, real.cov, fake.mean, fake.cov), nReal: real.n, nFake: fake.n };
}

/** Fréchet distance between the Gaussians fitted to `real` and `fake` feature rows (each needs ≥ 2 rows). */
export function frechetDistance(real: Matrix, fake: Matrix): { value: number; nReal: number; nFake: number } {
  assertMatrix("real", real, 2);
  assertMatrix("fake", fake, 2);
  assertSameCols("real", real, "fake", fake);
  return fdFromFeatureStats(featureStats(real, "real"), featureStats(fake, "fake"));
}

/** Row-major n×n product. */
function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] = out[i * n + j]! + aik * b[k * n + j]!;
    }
  }
  return out;
}
