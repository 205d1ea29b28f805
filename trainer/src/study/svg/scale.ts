/** Linear scales and "nice" tick values for chart axes. */

export interface Scale {
  (v: number): number;
  domain: [number, number];
  ticks: number[];
}

/** Ticks at 1, 2 or 5 × 10^k spacing covering [min, max] with about `count` intervals. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error(`niceTicks: non-finite range [${min}, ${max}]`);
  if (max < min) [min, max] = [max, min];
  // A range within rounding error of one value (e.g. 0.13999999999999999 … 0.14, equal scores summed in another
  // order) is flat too: its ticks would round to one value (toPrecision below) and the scale would divide by zero.
  if (max - min <= 1e-9 * Math.max(Math.abs(min), Math.abs(max))) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const out: number[] = [];
  // Index-based so that floating error never drops the last tick; rounding keeps labels like 0.30000000000000004 out.
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) out.push(Number((lo + i * step).toPrecision(12)));
  return out;
}

/** Maps [domain] to [range]; the domain is widened to the nice ticks around the data. */
export function linearScale(values: readonly number[], range: [number, number], count = 5): Scale {
  const finite = values.filter(Number.isFinite);
  const min = finite.length ? Math.min(...finite) : 0;
  const max = finite.length ? Math.max(...finite) : 1;
  const ticks = niceTicks(min, max, count);
  const d0 = ticks[0]!;
  const d1 = ticks[ticks.length - 1]!;
  const f = ((v: number) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0])) as Scale;
  f.domain = [d0, d1];
  f.ticks = ticks;
  return f;
}

/** Tick label: integers plainly, large/small magnitudes in exponent form, others with up to 3 significant digits. */
export function tickLabel(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace("e+", "e");
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}
