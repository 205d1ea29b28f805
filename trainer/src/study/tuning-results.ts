import type { RunData } from "./collect.ts";
import type { Direction } from "./metric-names.ts";
import type { RunOutcome } from "./run-outcome.ts";
import type { TrialValues } from "./tuning-space.ts";

/** One trial of one loss: its values and its score (mean over seeds of the final primary metric). */
export interface TrialScore {
  index: number;
  values: TrialValues | null;
  /** Null when some seed of the trial has no final value (diverged, crashed or unfinished): a failed trial. */
  score: number | null;
  /** Seeds that finished with the metric. */
  seeds: number;
}

/** The best of k trials drawn without replacement from the loss's trials: expectation and 10–90 % range. */
export interface BudgetPoint {
  k: number;
  /** E[best of k | at least one scored trial among the k]; null when every trial failed. */
  expected: number | null;
  lo: number | null;
  hi: number | null;
  /** Probability that all k trials failed. */
  pAllFailed: number;
}

export interface LossTuning {
  loss: string;
  /** Trials run for this loss (equal for every loss by construction) and how many of them produced a score. */
  trials: number;
  scored: number;
  bestTrial: number | null;
  best: number | null;
  median: number | null;
  curve: BudgetPoint[];
  scores: TrialScore[];
}

export interface TuningResults {
  metric: string;
  direction: Direction;
  /** The budget every number below was bought with. */
  budget: { trialsPerLoss: number; seedsPerTrial: number; steps: number };
  losses: LossTuning[];
}

/** log C(n, k) (−∞ when k > n), through log-gamma-free sums: n is at most a few hundred trials. */
function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * The score-vs-budget curve of Lucic et al. 2018 (their Fig. 4/5: best FID as a function of the number of
 * hyperparameter settings tried), computed exactly rather than by resampling: with T trials ranked best first
 * (failed trials last), the best of a uniformly random k-subset is the i-th ranked trial with probability
 * C(T − i, k − 1) / C(T, k).
 */
export function budgetCurve(scores: readonly (number | null)[], direction: Direction): BudgetPoint[] {
  const t = scores.length;
  const ok = scores.filter((s): s is number => s !== null && Number.isFinite(s)).sort((a, b) => (direction === "max" ? b - a : a - b));
  const out: BudgetPoint[] = [];
  for (let k = 1; k <= t; k++) {
    const denom = logChoose(t, k);
    const p = ok.map((_, i) => Math.exp(logChoose(t - (i + 1), k - 1) - denom));
    const pScored = p.reduce((a, b) => a + b, 0);
    const pAllFailed = Math.max(0, 1 - pScored);
    if (ok.length === 0 || pScored <= 0) {
      out.push({ k, expected: null, lo: null, hi: null, pAllFailed: 1 });
      continue;
    }
    const expected = ok.reduce((a, s, i) => a + s * p[i]!, 0) / pScored;
    // Quantiles of the conditional distribution: ranked best first, so the CDF runs from the best score.
    const quantile = (q: number) => {
      let c = 0;
      for (let i = 0; i < ok.length; i++) {
        c += p[i]! / pScored;
        if (c >= q - 1e-12) return ok[i]!;
      }
      return ok[ok.length - 1]!;
    };
    // "lo" / "hi" are the 10 % and 90 % points of the best-of-k score in the metric's own units.
    const [a, b] = [quantile(0.1), quantile(0.9)];
    out.push({ k, expected, lo: Math.min(a, b), hi: Math.max(a, b), pAllFailed });
  }
  return out;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Per loss: each trial's score (mean over its seeds of the final `metric`; a trial with a seed lacking it failed),
 * the best trial, the median trial and the budget curve.
 */
export function tuningResults(
  runs: readonly RunData[],
  outcomes: readonly RunOutcome[],
  o: {
    losses: readonly string[];
    metric: string;
    direction: Direction;
    trials: number;
    seeds: number;
    steps: number;
  },
): TuningResults {
  const losses = o.losses.map((loss): LossTuning => {
    const scores: TrialScore[] = Array.from({ length: o.trials }, (_, index) => {
      const own = outcomes.filter((x) => x.loss === loss && x.trial === index);
      const vals = own.map((x) => x.final?.[o.metric]).filter((v): v is number => v !== undefined && Number.isFinite(v));
      const values = runs.find((r) => r.loss === loss && r.trial?.index === index)?.trial?.values ?? null;
      const complete = own.length === o.seeds && vals.length === own.length;
      return { index, values, seeds: vals.length, score: complete ? vals.reduce((a, b) => a + b, 0) / vals.length : null };
    });
    const scored = scores.filter((s) => s.score !== null);
    const better = (a: TrialScore, b: TrialScore) => (o.direction === "max" ? b.score! - a.score! : a.score! - b.score!);
    const best = [...scored].sort(better)[0] ?? null;
    return {
      loss,
      trials: o.trials,
      scored: scored.length,
      bestTrial: best?.index ?? null,
      best: best?.score ?? null,
      median: median(scored.map((s) => s.score!)),
      curve: budgetCurve(
        scores.map((s) => s.score),
        o.direction,
      ),
      scores,
    };
  });
  return { metric: o.metric, direction: o.direction, budget: { trialsPerLoss: o.trials, seedsPerTrial: o.seeds, steps: o.steps }, losses };
}
