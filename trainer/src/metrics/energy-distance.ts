/**
 * Székely's energy distance between two empirical distributions, as the V-statistic
 *   E = 2·mean_{i,j} ‖x_i − y_j‖ − mean_{i,i'} ‖x_i − x_i'‖ − mean_{j,j'} ‖y_j − y_j'‖,
 * where the within-set means run over all ordered pairs including i = i' (zero terms). The V-statistic is ≥ 0
 * and exactly 0 for identical sets, which the U-statistic (diagonal excluded) is not — hence the choice.
 * This is the squared-distance form (no square root); two single points at distance d give 2d.
 */
import { assertMatrix, assertSameCols, rowDistance, type Matrix } from "./matrix.ts";

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
  const cross = meanDistance(real, fake, false);
  const withinReal = meanDistance(real, real, true);
  const withinFake = meanDistance(fake, fake, true);
  // Round-off can make identical sets a hair negative; the V-statistic itself never is.
  const value = Math.max(0, 2 * cross - withinReal - withinFake);
  return { value, nReal: n, nFake: m };
}

/** Mean pairwise distance over all ordered pairs; `symmetric` halves the work when a === b. */
function meanDistance(a: Matrix, b: Matrix, symmetric: boolean): number {
  let sum = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = symmetric ? i + 1 : 0; j < b.rows; j++) sum += rowDistance(a, i, b, j);
  }
  if (symmetric) sum *= 2;
  return sum / (a.rows * b.rows);
}
