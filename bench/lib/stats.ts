import os from "node:os";

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor((s.length - 1) / 2)]!;
};

/** The load average now, as "1.23 2.34 3.45 on 2 cores". */
export function loadLine(): string {
  return `${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${os.availableParallelism()} cores`;
}

/** Median wall time (ms) of `fn` over at least `minMs` of calls (and at least 5), after `warmup` calls. */
export function timeMs(fn: () => void, minMs = 1000, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const lat: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || lat.length < 5) {
    const t = performance.now();
    fn();
    lat.push(performance.now() - t);
  }
  return median(lat);
}
