// The critic field as pixels: a diverging colour map over robust bounds. Pure (unit-tested in Node).

// Ends and middle of the map (ColorBrewer PRGn's light tones, readable for red–green colour blindness): purple where
// the critic scores data as fake, near-white in between, green where it scores data as real (GAN Lab's convention).
// Light, so the saturated dots drawn over it (real #1b7837, fake #762a83) stand out.
const LOW = [194, 165, 207];
const MID = [247, 247, 247];
const HIGH = [166, 219, 160];

/** The q-quantile (0..1) of finite values by linear interpolation; NaN when there are none. */
export function quantile(values, q) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const pos = (v.length - 1) * q;
  const i = Math.floor(pos);
  return i + 1 < v.length ? v[i] + (pos - i) * (v[i + 1] - v[i]) : v[i];
}

/**
 * Colour bounds of a field: the 2nd and 98th percentiles, so a few extreme cells (a WGAN critic is unbounded far
 * from the data) do not wash out the structure near the data. Equal bounds are widened by 1.
 */
export function fieldBounds(values) {
  const lo = quantile(values, 0.02);
  const hi = quantile(values, 0.98);
  if (!Number.isFinite(lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

/** The RGB colour of value v within bounds [lo, hi] (clamped). */
export function fieldColour(v, [lo, hi]) {
  const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  const [a, b, u] = t < 0.5 ? [LOW, MID, t * 2] : [MID, HIGH, (t - 0.5) * 2];
  return a.map((c, i) => Math.round(c + (b[i] - c) * u));
}

/** RGBA bytes (resolution² pixels, row 0 at the top) for ImageData; non-finite cells are transparent. */
export function fieldPixels(values, bounds) {
  const out = new Uint8ClampedArray(values.length * 4);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const [r, g, b] = fieldColour(v, bounds);
    out.set([r, g, b, 255], i * 4);
  });
  return out;
}
