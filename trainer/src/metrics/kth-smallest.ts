/**
 * Partial selection (Hoare quickselect with median-of-three pivots): the k-th smallest value of an array in
 * expected O(n), instead of sorting every row of a distance matrix.
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
