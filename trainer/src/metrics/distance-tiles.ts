/**
 * Squared Euclidean distances between two row sets, produced tile by tile (a block of a-rows against a tile of
 * b-rows) so memory beyond the inputs stays O(tile²) — never an n×m matrix — and each unordered pair within one
 * set is computed once. The dots come from the WebAssembly SIMD panel kernel where available, else from the JS
 * 4×4 kernel; both sum every dot in column order 0..d−1, so the results are the same bits either way.
 */
import { dotRows, dotsToSquaredDistances, squaredNorms } from "./dense-kernels.ts";
import { createPanelDotKernel, packPanels, panelFloats } from "./simd-dot-kernel.ts";

export interface DistanceTileOptions {
  /** Rows per tile on each side, a positive multiple of 4. Default 64: a tile of 1000-D rows (512 KiB) fits in L2. */
  tileRows?: number;
  /** "simd" (default; silently "js" where WebAssembly SIMD is unavailable) or "js". Results are identical. */
  kernel?: "simd" | "js";
}

/** d2[r·nj + t] is the squared distance between a-row i0 + r and b-row j0 + t; `d2` is reused between calls. */
export type DistanceTileVisitor = (i0: number, ni: number, j0: number, nj: number, d2: Float64Array) => void;

/** Writes out[r·nj + t] = (a-row i0 + r)·(b-row j0 + t). */
type TileDots = (i0: number, ni: number, j0: number, nj: number, out: Float64Array) => void;

/**
 * Visits every tile of squared distances between the `d`-column rows of `a` and of `b`, computed as
 * ‖x‖² + ‖y‖² − 2 x·y clamped at 0 (`dotsToSquaredDistances`): coincident rows are at exactly 0. With `b` = null the distances are within `a` and only tiles with j0 ≥ i0 are
 * visited; a diagonal tile (j0 = i0) holds its whole square, so the visitor takes the pairs j > i it needs.
 */
export function forEachDistanceTile(
  a: Float64Array,
  b: Float64Array | null,
  d: number,
  visit: DistanceTileVisitor,
  options: DistanceTileOptions = {},
): void {
  const tile = options.tileRows ?? 64;
  if (!Number.isInteger(tile) || tile < 4 || tile % 4 !== 0) {
    throw new Error(`tileRows: must be a positive multiple of 4, got ${tile}`);
  }
  const na = a.length / d;
  const nb = b === null ? na : b.length / d;
  const aNorms = squaredNorms(a, d);
  const bNorms = b === null ? aNorms : squaredNorms(b, d);
  const dots = (options.kernel !== "js" && simdTileDots(a, b, d, tile)) || jsTileDots(a, b ?? a, d);
  const d2 = new Float64Array(tile * tile);
  for (let i0 = 0; i0 < na; i0 += tile) {
    const ni = Math.min(tile, na - i0);
    for (let j0 = b === null ? i0 : 0; j0 < nb; j0 += tile) {
      const nj = Math.min(tile, nb - j0);
      dots(i0, ni, j0, nj, d2);
      dotsToSquaredDistances(d2, ni, nj, aNorms, i0, bNorms, j0);
      visit(i0, ni, j0, nj, d2);
    }
  }
}

/** JS 4×4 kernel on each 4-row group of the a block against the b tile. */
function jsTileDots(a: Float64Array, b: Float64Array, d: number): TileDots {
  return (i0, ni, j0, nj, out) => {
    const bt = b.subarray(j0 * d, (j0 + nj) * d);
    for (let r = 0; r < ni; r += 4) dotRows(a, i0 + r, Math.min(4, ni - r), bt, nj, d, out.subarray(r * nj));
  };
}

/**
 * SIMD kernel over panel-packed copies of `a` (and `b`) in its own heap, plus a scratch area holding one tile's
 * dots in panel order; null when the kernel is unavailable. Tiles start at multiples of 4 rows, so a tile is whole
 * panels (only the very last panel of a set has zero-padded rows, whose dots are never read).
 */
function simdTileDots(a: Float64Array, b: Float64Array | null, d: number, tile: number): TileDots | null {
  const aFloats = panelFloats(a.length / d, d);
  const bFloats = b === null ? 0 : panelFloats(b.length / d, d);
  const panels = tile / 4;
  const kernel = createPanelDotKernel(d, aFloats + bFloats + panels * panels * 16);
  if (!kernel) return null;
  const { heap } = kernel;
  packPanels(a, a.length / d, d, heap, 0);
  if (b !== null) packPanels(b, b.length / d, d, heap, aFloats);
  const bAt = b === null ? 0 : aFloats;
  const scratch = aFloats + bFloats;
  return (i0, ni, j0, nj, out) => {
    const pa = Math.ceil(ni / 4);
    const pb = Math.ceil(nj / 4);
    for (let p = 0; p < pa; p++) kernel.dot((i0 + 4 * p) * d, bAt + j0 * d, pb, scratch + 16 * p * pb);
    for (let r = 0; r < ni; r++) {
      const from = scratch + 16 * (r >> 2) * pb + 4 * (r & 3);
      const o = r * nj;
      for (let t = 0; t < nj; t++) out[o + t] = heap[from + 16 * (t >> 2) + (t & 3)]!;
    }
  };
}
