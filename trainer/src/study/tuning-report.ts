import { num } from "./report-rows.ts";
import { metricLabel } from "./metric-names.ts";
import { colour, lineChart } from "./svg/index.ts";
import { describeTrial } from "./tuning.ts";
import type { BudgetPoint, TuningResults } from "./tuning-results.ts";

/** Budget columns shown in tables: every k up to 10 trials, else powers of two and the full budget. */
export function budgetColumns(trials: number): number[] {
  if (trials <= 10) return Array.from({ length: trials }, (_, i) => i + 1);
  const ks: number[] = [];
  for (let k = 1; k < trials; k *= 2) ks.push(k);
  return [...ks, trials];
}

/** "T trials × S seeds × N steps": the budget behind a number. */
export function budgetLabel(t: TuningResults, trials = t.budget.trialsPerLoss): string {
  const b = t.budget;
  return `${trials} trial${trials === 1 ? "" : "s"} × ${b.seedsPerTrial} seed${b.seedsPerTrial === 1 ? "" : "s"} × ${b.steps} steps`;
}

function point(p: BudgetPoint | undefined): string {
  if (!p || p.expected === null) return "—";
  const failed = p.pAllFailed > 0 ? `; P(all failed) ${num(p.pAllFailed)}` : "";
  return `${num(p.expected)} [${num(p.lo)}, ${num(p.hi)}]${failed}`;
}

/** Table rows (header first) shared by the Markdown and HTML reports. */
export function tuningTables(t: TuningResults): { summary: string[][]; trials: string[][] } {
  const ks = budgetColumns(t.budget.trialsPerLoss);
  const summary = [
    [
      "loss",
      "scored trials",
      `best (${budgetLabel(t)})`,
      "best trial",
      "median trial",
      ...ks.map((k) => `E[best of ${k}] [10–90 %] (${budgetLabel(t, k)})`),
    ],
  ];
  for (const l of t.losses) {
    const best = l.scores.find((s) => s.index === l.bestTrial);
    summary.push([
      l.loss,
      `${l.scored}/${l.trials}`,
      num(l.best),
      best ? `t${best.index}: ${best.values ? describeTrial(best.values) : "—"}` : "—",
      num(l.median),
      ...ks.map((k) => point(l.curve[k - 1])),
    ]);
  }
  const trials = [
    ["loss", "trial", "values", `score (mean of final ${t.metric} over ${t.budget.seedsPerTrial} seeds × ${t.budget.steps} steps)`, "seeds scored"],
  ];
  for (const l of t.losses) {
    for (const s of l.scores) {
      trials.push([
        l.loss,
        `t${s.index}`,
        s.values ? describeTrial(s.values) : "—",
        s.score === null ? "failed" : num(s.score),
        `${s.seeds}/${t.budget.seedsPerTrial}`,
      ]);
    }
  }
  return { summary, trials };
}

/** Explains the numbers; the same words in both reports. */
export function tuningIntro(t: TuningResults): string {
  return (
    `Equal budget per loss: ${budgetLabel(t)} (Lucic et al. 2018 protocol). A trial's score is the mean over its ` +
    `seeds of the final ${t.metric} (${t.direction === "min" ? "lower" : "higher"} is better); a trial with a seed that ` +
    "diverged or did not finish is failed. E[best of k] is the expected best score of k trials drawn without replacement " +
    "from the loss's trials (exact, not resampled), with the 10–90 % range of that best: a flat curve means a robust " +
    "loss, a steep one a loss that needs luck or search."
  );
}

/** The score-vs-trials chart: one line per loss, band = 10–90 % range of the best of k. */
export function tuningChart(t: TuningResults): string {
  return lineChart({
    title: `Expected best ${metricLabel(t.metric)} vs trials (band 10–90 %; each trial ${t.budget.seedsPerTrial} seeds × ${t.budget.steps} steps)`,
    xLabel: "trials (k)",
    yLabel: t.metric,
    width: 720,
    height: 360,
    series: t.losses.map((l, i) => ({
      label: l.loss,
      colour: colour(i),
      points: l.curve.map((p) => ({ x: p.k, y: p.expected ?? Number.NaN })),
      band: l.curve.map((p) => ({ x: p.k, lo: p.lo ?? Number.NaN, hi: p.hi ?? Number.NaN })),
    })),
  });
}
