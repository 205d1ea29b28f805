/** k-nearest-neighbour radii within one set of rows, as PRDC defines its balls. */
import { forEachDistanceTile, type DistanceTileOptions } from "./distance-tiles.ts";
import { KSmallestRows } from "./kth-smallest.ts";

/**
 * Squared distance from each of the rows of `x` (`d` columns) to its k-th nearest *other* row: self is excluded by
 * index, not by value, so a duplicate of a row is a neighbour at distance 0. Needs more than k rows. Each pair
 * (i, j), j > i, is computed once and offered to both rows' running k-smallest lists: time O(n² d / 2),
 * memory O(n·k) beyond the tiles.
 */
export function knnRadii2(x: Float64Array, d: number, k: number, options?: DistanceTileOptions): Float64Array {
  const n = x.length / d;
  if (!Number.isInteger(k) || k < 1 || n <= k) {
    throw new Error(`knnRadii2: need k ≥ 1 and more than k rows, got k = ${k}, ${n} rows`);
  }
  const nearest = new KSmallestRows(n, k);
  forEachDistanceTile(
    x,
    null,
    d,
    (i0, ni, j0, nj, d2) => {
      for (let r = 0; r < ni; r++) {
        const i = i0 + r;
        // A diagonal tile (j0 = i0) holds both (i, j) and (j, i): take j > i only, which also skips self.
        for (let t = j0 === i0 ? r + 1 : 0; t < nj; t++) {
          const v = d2[r * nj + t]!;
          nearest.offer(i, v);
          nearest.offer(j0 + t, v);
        }
      }
    },
    options,
  );
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = nearest.kth(i);
  return out;
}
