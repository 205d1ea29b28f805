/**
 * Székely's energy distance between two empirical distributions, as the V-statistic
 *   E = 2·mean_{i,j} ‖x_i − y_j‖ − mean_{i,i'} ‖x_i − x_i'‖ − mean_{j,j'} ‖y_j − y_j'‖,
 * where the within-set means run over all ordered pairs including i = i' (zero terms). The V-statistic is ≥ 0
 * and 0 for identical sets (up to round-off), which the U-statistic (diagonal excluded) is not — hence the choice.
 * This is the squared-distance form (no square root); two single points at distance d give 2d.
 */
import { assertMatrix, assertSameCols, toFloat64, type Matrix } from "./matrix.ts";
import { distanceAt } from "./dense-kernels.ts";

export interface EnergyDistanceResult {
  value: number;
  nReal: number;
  nFake: number;
}

/** Energy distance (V-statistic) between the rows of `real` and `fake`; O((n + m)² d) time, O(1) extra memory. */
export function energyDistance(real: Matrix, fake: Matrix): EnergyDistanceResult {
  assertMatrix("real", real);
  assertMatrix("fake", fake);
  assertSameCols("real", real, "fake", fake);
  const n = real.rows;
  const m = fake.rows;
  const d = real.cols;
  const x = toFloat64(real);
  const y = toFloat64(fake);
  const cross = meanDistance(x, n, y, m, d, false);
  const withinReal = meanDistance(x, n, x, n, d, true);
  const withinFake = meanDistance(y, m, y, m, d, true);
  // Round-off can make identical sets a hair negative; the V-statistic itself never is.
  const value = Math.max(0, 2 * cross - withinReal - withinFake);
  return { value, nReal: n, nFake: m };
}

/** Mean pairwise distance over all ordered pairs; `symmetric` halves the work when a === b. */
function meanDistance(a: Float64Array, na: number, b: Float64Array, nb: number, d: number, symmetric: boolean): number {
  let sum = 0;
  for (let i = 0; i < na; i++) {
    for (let j = symmetric ? i + 1 : 0; j < nb; j++) sum += distanceAt(a, i * d, b, j * d, d);
  }
  if (symmetric) sum *= 2;
  return sum / (na * nb);
}
