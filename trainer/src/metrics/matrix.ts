/**
 * Shared matrix plumbing for the offline metrics: the `Matrix` type, input validation, and the few dense
 * float64 kernels (dot products, squared distances) the metrics share. Pure TypeScript, no tfjs: features are
 * computed elsewhere and handed over as plain row-major arrays.
 */

/** A row-major `rows × cols` matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  data: Float32Array | Float64Array;
  rows: number;
  cols: number;
}

/** Wraps a flat array as a matrix (no copy). */
export function matrix(data: Float32Array | Float64Array, rows: number, cols: number): Matrix {
  return { data, rows, cols };
}

/** Builds a Float64 matrix from an array of equal-length rows (convenient in tests and small callers). */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new Error(`fromRows: row ${i} has ${r.length} values, expected ${cols}`);
    for (let j = 0; j < cols; j++) data[i * cols + j] = r[j]!;
  });
  return { data, rows: rows.length, cols };
}

/**
 * Throws an Error naming `name` unless `m` is a well-formed matrix with at least `minRows` rows, at least one
 * column, a data length equal to rows × cols, and only finite values (a NaN would silently poison every sum).
 */
export function assertMatrix(name: string, m: Matrix, minRows = 1): void {
  if (m === null || typeof m !== "object" || !(m.data instanceof Float32Array || m.data instanceof Float64Array)) {
    throw new Error(`${name}: expected { data: Float32Array | Float64Array, rows, cols }`);
  }
  const { rows, cols, data } = m;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 1) {
    throw new Error(`${name}: invalid shape ${rows}×${cols}`);
  }
  if (data.length !== rows * cols) {
    throw new Error(`${name}: data length ${data.length} does not match ${rows}×${cols}`);
  }
  if (rows < minRows) throw new Error(`${name}: needs at least ${minRows} rows, got ${rows}`);
  assertFinite(name, data);
}

/** Throws naming `name` and the first offending index when an array holds NaN or ±Infinity. */
export function assertFinite(name: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) throw new Error(`${name}: non-finite value ${data[i]} at index ${i}`);
  }
}

/** Throws naming both arguments when two matrices disagree on their column count (feature dimension). */
export function assertSameCols(nameA: string, a: Matrix, nameB: string, b: Matrix): void {
  if (a.cols !== b.cols) {
    throw new Error(`${nameB}: has ${b.cols} columns but ${nameA} has ${a.cols}`);
  }
}

/** Dot product of row `i` of `a` with row `j` of `b` (same column count assumed), accumulated in float64. */
export function rowDot(a: Matrix, i: number, b: Matrix, j: number): number {
  const d = a.cols;
  const ad = a.data;
  const bd = b.data;
  const ao = i * d;
  const bo = j * d;
  let s = 0;
  for (let c = 0; c < d; c++) s += ad[ao + c]! * bd[bo + c]!;
  return s;
}

/** Squared Euclidean norm of every row, in float64. */
export function rowSquaredNorms(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = rowDot(m, i, m, i);
  return out;
}

/**
 * Fills `out[j]` with the squared distance from row `i` of `a` to every row `j` of `b`, via
 * ‖a‖² + ‖b‖² − 2 a·b. Cancellation can leave tiny negatives for coincident points, so results are clamped at 0;
 * identical rows give exactly 0 because both dot products are computed from the same numbers.
 */
export function squaredDistancesFromRow(
  a: Matrix, i: number, aNorms: Float64Array, b: Matrix, bNorms: Float64Array, out: Float64Array,
): void {
  const na = aNorms[i]!;
  for (let j = 0; j < b.rows; j++) {
    const v = na + bNorms[j]! - 2 * rowDot(a, i, b, j);
    out[j] = v > 0 ? v : 0;
  }
}

/** Euclidean distance between row `i` of `a` and row `j` of `b`, summing differences directly (no cancellation). */
export function rowDistance(a: Matrix, i: number, b: Matrix, j: number): number {
  const d = a.cols;
  const ao = i * d;
  const bo = j * d;
  let s = 0;
  for (let c = 0; c < d; c++) {
    const t = a.data[ao + c]! - b.data[bo + c]!;
    s += t * t;
  }
  return Math.sqrt(s);
}
