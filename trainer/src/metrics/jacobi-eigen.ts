/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method, in float64. Jacobi is slower than
 * tridiagonalisation + QR for large n but is short, unconditionally stable and very accurate for the small
 * (≤ ~128) covariance matrices the Fréchet distance needs.
 */

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Row-major n×n; column j (`vectors[i * n + j]` over i) is the unit eigenvector of `values[j]`. */
  vectors: Float64Array;
  /** Jacobi sweeps used (diagnostic). */
  sweeps: number;
}

const MAX_SWEEPS = 60;

/**
 * Eigenvalues/vectors of the symmetric n×n row-major matrix `a` (not modified). Only symmetric input is
 * meaningful; the lower triangle is mirrored from the upper one so tiny asymmetries from round-off are harmless.
 * Stops once the off-diagonal Frobenius mass is below 1e-15 of the total (or after 60 sweeps).
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) {
    throw new Error(`symmetricEigen: matrix length ${a.length} is not ${n}×${n}`);
  }
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = a[i * n + j]!;
      if (!Number.isFinite(v)) throw new Error(`symmetricEigen: non-finite entry at (${i}, ${j})`);
      m[i * n + j] = v;
      m[j * n + i] = v;
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  let total = 0;
  for (let i = 0; i < n * n; i++) total += m[i]! * m[i]!;
  const tol = total * 1e-30; // (1e-15)² of the squared Frobenius norm

  let sweeps = 0;
  for (; sweeps < MAX_SWEEPS; sweeps++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * m[p * n + q]! ** 2;
    if (off <= tol) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(m, v, n, p, q);
    }
  }

  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i]!;
  // Sort ascending, permuting eigenvector columns alongside.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => values[x]! - values[y]!);
  const sortedValues = new Float64Array(n);
  const sortedVectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    sortedValues[dst] = values[src]!;
    for (let i = 0; i < n; i++) sortedVectors[i * n + dst] = v[i * n + src]!;
  });
  return { values: sortedValues, vectors: sortedVectors, sweeps };
}

/** One Jacobi rotation zeroing m[p][q]; updates the symmetric matrix in place and accumulates V ← V·J. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q]!;
  if (apq === 0) return;
  const app = m[p * n + p]!;
  const aqq = m[q * n + q]!;
  const theta = (aqq - app) / (2 * apq);
  // Smaller-angle root of t² + 2θt − 1 = 0; for huge θ use the asymptote to avoid overflow in θ².
  const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    if (k === p || k === q) continue;
    const akp = m[k * n + p]!;
    const akq = m[k * n + q]!;
    const nkp = c * akp - s * akq;
    const nkq = s * akp + c * akq;
    m[k * n + p] = nkp;
    m[p * n + k] = nkp;
    m[k * n + q] = nkq;
    m[q * n + k] = nkq;
  }
  m[p * n + p] = app - t * apq;
  m[q * n + q] = aqq + t * apq;
  m[p * n + q] = 0;
  m[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/**
 * Symmetric positive-semidefinite square root V·diag(√max(λ, 0))·Vᵀ. Negative eigenvalues can only come from
 * round-off on a PSD input (e.g. a rank-deficient covariance), so they are clamped to 0 rather than rejected.
 */
export function symmetricSqrt(a: ArrayLike<number>, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const r = Math.sqrt(Math.max(values[k]!, 0));
    if (r === 0) continue;
    for (let i = 0; i < n; i++) {
      const vik = vectors[i * n + k]! * r;
      if (vik === 0) continue;
      for (let j = i; j < n; j++) out[i * n + j] = out[i * n + j]! + vik * vectors[j * n + k]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i]!;
  return out;
}
