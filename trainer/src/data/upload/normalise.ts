/**
 * Maps uploaded values into [−1, 1], the range every model in Gantry expects:
 *  - uint8 data (bytes, PNG pixels): x/127.5 − 1, always (0 → −1, 255 → 1), whatever values occur;
 *  - floating data already within [0, 1]: 2x − 1 (the usual "pixels in [0, 1]" convention);
 *  - otherwise floating data already within [−1, 1]: kept as is;
 *  - otherwise: one min–max scale for the whole dataset (not per feature, so relative scales between features and
 *    pixels survive): 2(x − min)/(max − min) − 1.
 * Note the [0, 1] rule wins over "keep": data in [0, 1] that was meant to stay there is still stretched to [−1, 1].
 * NaN or ±Infinity anywhere is rejected.
 */

export type RawValues = Uint8Array | Float32Array | Float64Array;

/** Normalised copy of `values` as float32; throws an Error naming the first non-finite element. */
export function normalise(values: RawValues): Float32Array {
  const out = new Float32Array(values.length);
  if (values instanceof Uint8Array) {
    for (let i = 0; i < values.length; i++) out[i] = values[i]! / 127.5 - 1;
    return out;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new Error(`contains ${v} at element ${i}; NaN and Infinity are not allowed`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min >= 0 && max <= 1) {
    for (let i = 0; i < values.length; i++) out[i] = 2 * values[i]! - 1;
  } else if (min >= -1 && max <= 1) {
    out.set(values);
  } else {
    // Halves first: max − min of finite values can overflow to Infinity (e.g. ±1e308), and Infinity / Infinity is
    // NaN; max/2 − min/2 is always finite. A constant dataset outside [−1, 1] maps to 0 rather than dividing by 0.
    const lo = min / 2;
    const half = max / 2 - lo;
    for (let i = 0; i < values.length; i++) out[i] = half > 0 ? 2 * ((values[i]! / 2 - lo) / half) - 1 : 0;
  }
  // The stored data must be finite whatever the arithmetic above did (nothing downstream checks again).
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]!)) throw new Error(`element ${i} does not normalise to a finite value`);
  }
  return out;
}
