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
    // A constant dataset outside [−1, 1] has max === min: it maps to 0 rather than dividing by zero.
    const span = max - min;
    for (let i = 0; i < values.length; i++) out[i] = span > 0 ? (2 * (values[i]! - min)) / span - 1 : 0;
  }
  return out;
}
