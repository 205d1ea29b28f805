/** Running k-smallest lists for rows whose values arrive in pieces (k-NN radii from distance tiles). */

/**
 * The k smallest values offered so far to each of `rows` rows, kept sorted ascending in one flat rows×k array
 * (+∞ until filled): memory O(rows·k), O(1) per offer that cannot enter and O(k) per one that does. Lets k-NN radii
 * be read off a stream of distance tiles without ever holding a full row. Values are kept as a multiset, so the
 * k-th smallest is exactly the k-th entry of the sorted offers, ties included.
 */
export class KSmallestRows {
  /** values[row·k + s]: the s-th smallest value offered to `row` (0-based). */
  readonly values: Float64Array;

  constructor(
    readonly rows: number,
    readonly k: number,
  ) {
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
