/**
 * One-line diagnostics of a logged training run, for study tables: was it stable at the end, did it diverge, did
 * mode/class coverage collapse, and how far apart are the critic's real and fake outputs at the end.
 */

export interface RunLogEntry {
  step: number;
  dLoss: number;
  gLoss: number;
  /** Mean discriminator output on real samples. */
  realMean?: number;
  /** Mean discriminator output on fake samples. */
  fakeMean?: number;
  /** Modes captured (2-D benchmarks). */
  modes?: number;
  /** Classes found (image benchmarks). */
  classes?: number;
}

export interface CoverageTrend {
  last: number;
  max: number;
  /** last < 0.5 · max: coverage fell to under half of the best the run reached. */
  collapsed: boolean;
}

export interface RunSummary {
  /** Logged entries. */
  n: number;
  lastStep: number;
  /** Population std of the finite G losses among the last ceil(20 %) of entries; null if none is finite. */
  instability: number | null;
  /** Entries in that tail window. */
  tailCount: number;
  /** Some logged loss or output mean is NaN or ±Infinity. */
  diverged: boolean;
  /** Step of the first non-finite value, null if none. */
  firstNonFiniteStep: number | null;
  /** Either coverage trend collapsed. */
  collapse: boolean;
  modes: CoverageTrend | null;
  classes: CoverageTrend | null;
  /** realMean − fakeMean at the last entry that logs both (finite); null if none does. */
  finalGap: number | null;
}

/** Collapse threshold: the last coverage value must stay at or above this fraction of the best seen. */
export const COLLAPSE_FRACTION = 0.5;
/** Fraction of the run (by entry count, latest steps) that `instability` is measured over. */
export const TAIL_FRACTION = 0.2;

/** Summarises `series`; entries are ordered by step first (stable), so out-of-order logs are fine. */
export function summariseRun(series: ReadonlyArray<RunLogEntry>): RunSummary {
  if (!Array.isArray(series) || series.length === 0) throw new Error("series: needs at least one log entry");
  series.forEach((e, i) => {
    if (!Number.isFinite(e.step)) throw new Error(`series[${i}].step: must be a finite number, got ${e.step}`);
  });
  const entries = [...series].sort((a, b) => a.step - b.step);
  const n = entries.length;

  let firstNonFiniteStep: number | null = null;
  for (const e of entries) {
    const values = [e.dLoss, e.gLoss, e.realMean, e.fakeMean].filter((v) => v !== undefined);
    if (values.some((v) => !Number.isFinite(v))) {
      firstNonFiniteStep = e.step;
      break;
    }
  }

  const tailCount = Math.max(1, Math.ceil(n * TAIL_FRACTION));
  const tail = entries
    .slice(n - tailCount)
    .map((e) => e.gLoss)
    .filter((v) => Number.isFinite(v));
  let instability: number | null = null;
  if (tail.length > 0) {
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    instability = Math.sqrt(tail.reduce((a, b) => a + (b - mean) ** 2, 0) / tail.length);
  }

  const modes = trend(entries.map((e) => e.modes));
  const classes = trend(entries.map((e) => e.classes));

  let finalGap: number | null = null;
  for (let i = n - 1; i >= 0; i--) {
    const { realMean, fakeMean } = entries[i]!;
    if (realMean !== undefined && fakeMean !== undefined && Number.isFinite(realMean) && Number.isFinite(fakeMean)) {
      finalGap = realMean - fakeMean;
      break;
    }
  }

  return {
    n,
    lastStep: entries[n - 1]!.step,
    instability,
    tailCount,
    diverged: firstNonFiniteStep !== null,
    firstNonFiniteStep,
    collapse: (modes?.collapsed ?? false) || (classes?.collapsed ?? false),
    modes,
    classes,
    finalGap,
  };
}

/** Last vs best of the finite logged values; null when the series never logs the field. */
function trend(values: ReadonlyArray<number | undefined>): CoverageTrend | null {
  const logged = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (logged.length === 0) return null;
  const last = logged[logged.length - 1]!;
  const max = Math.max(...logged);
  return { last, max, collapsed: last < COLLAPSE_FRACTION * max };
}
