/**
 * Partial selection (Hoare quickselect with median-of-three pivots): the k-th smallest value of an array in
 * expected O(n), instead of sorting every row of a distance matrix; and running k-smallest lists for rows that
 * arrive in pieces.
 */

/** Returns the k-th smallest (0-based rank `k`) of `values[0..length)`, reordering `values` in place. */
export function kthSmallest(values: Float64Array, k: number, length = values.length): number {
  if (!Number.isInteger(k) || k < 0 || k >= length) throw new Error(`kthSmallest: rank ${k} out of [0, ${length})`);
  let lo = 0;
  let hi = length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot guards against sorted / constant input degrading to O(n²).
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    // Now [lo..j] ≤ pivot ≤ [i..hi], and anything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * The k smallest values offered so far to each of `rows` rows, kept sorted ascending in one flat rows×k array
 * (+∞ until filled): memory O(rows·k), O(1) per offer that cannot enter and O(k) per one that does. Lets k-NN radii
 * be read off a stream of distance tiles without ever holding a full row. Values are kept as a multiset, so the
 * k-th smallest is exactly the k-th entry of the sorted offers, ties included.
 */
export class KSmallestRows {
  /** values[row·k + s]: the s-th smallest value offered to `row` (0-based). */
  readonly values: Float64Array;

  constructor(readonly rows: number, readonly k: number) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`KSmallestRows: k must be a positive integer, got ${k}`);
    this.values = new Float64Array(rows * k).fill(Infinity);
  }

  /** Offers `v` to `row`; a value equal to the current k-th smallest leaves the k smallest unchanged. */
  offer(row: number, v: number): void {
    const vals = this.values;
    const base = row * this.k;
    let s = base + this.k - 1;
    if (!(v < vals[s]!)) return;
    while (s > base && vals[s - 1]! > v) {
      vals[s] = vals[s - 1]!;
      s--;
    }
    vals[s] = v;
  }

  /** The k-th smallest value offered to `row` (+∞ while fewer than k were offered). */
  kth(row: number): number {
    return this.values[row * this.k + this.k - 1]!;
  }
}
