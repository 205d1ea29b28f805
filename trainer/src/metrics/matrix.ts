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

/**
 * The data as float64: the array itself when it already is, else a converted copy. Metrics accumulate in float64
 * and the hot loops see a single array type, which keeps V8's code monomorphic.
 */
export function toFloat64(m: Matrix): Float64Array {
  return m.data instanceof Float64Array ? m.data : Float64Array.from(m.data);
}
