import { fnv1a } from "../data/checksum.ts";
import { bootstrapCI, ciOverlap } from "../metrics/index.ts";
import type { RunData } from "./collect.ts";
import type { ResolvedStudyConfig, Threshold } from "./config.ts";
import { isKnownMetric, metricDirection, type Direction } from "./metric-names.ts";
import { runOutcome, type RunOutcome } from "./run-outcome.ts";
import { tuningResults, type TuningResults } from "./tuning-results.ts";

/** Mean with a 95 % percentile-bootstrap interval over seeds; n = seeds that contributed. */
export interface Interval {
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

export interface ThresholdStats {
  threshold: Threshold;
  /** Runs that reached it / runs whose evaluations include the metric. */
  reached: number;
  evaluated: number;
  /** Over the runs that reached it only (never-reached runs are counted above, not averaged). */
  steps: Interval | null;
  seconds: Interval | null;
}

export interface LossResult {
  loss: string;
  runs: number;
  finished: number;
  diverged: number;
  collapsed: number;
  /** Runs failed by the study's definition; rate over runs with an outcome (finished or diverged). */
  failures: number;
  failureRate: number | null;
  /** Runs without an outcome (crashed, pending, interrupted). */
  incomplete: number;
  /** Over finished runs: each metric's last evaluation. */
  final: Record<string, Interval>;
  /** Over runs with evaluations: each metric's best evaluation. */
  best: Record<string, Interval>;
  thresholds: ThresholdStats[];
}

export interface RankEntry {
  rank: number;
  loss: string;
  /** Final primary metric over finished seeds; null when no seed finished. */
  value: Interval | null;
  /** Losses whose 95 % intervals overlap this one's. */
  overlapsWith: string[];
  note: string;
}

export interface StudyResults {
  primaryMetric: string;
  direction: Direction;
  /** Every metric seen in any evaluation, sorted. */
  metrics: string[];
  losses: LossResult[];
  ranking: RankEntry[];
  runs: RunOutcome[];
  /** Tuning studies: per-loss trial scores and budget curves; the tables above then cover each loss's best trial. */
  tuning?: TuningResults;
  /** lossBudget's label for the numbers above (absent when aggregation was not told the seeds and steps). */
  budget?: string;
  notes: string[];
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/**
 * The budget behind each loss's numbers, written beside them in every per-loss table: seeds × steps, and with tuning
 * how many trials the shown (best) one was chosen from.
 */
export function lossBudget(cfg: Pick<ResolvedStudyConfig, "seeds" | "steps" | "tuning">): string {
  const runs = `${plural(cfg.seeds.length, "seed")} × ${cfg.steps} steps`;
  return cfg.tuning ? `best of ${plural(cfg.tuning.trials, "trial")}, ${runs}` : runs;
}

/** What aggregation needs of a study config (loss names are plain strings: aggregation does not care which). */
export type AggregateConfig = Pick<ResolvedStudyConfig, "thresholds" | "primaryMetric" | "failure"> &
  Partial<Pick<ResolvedStudyConfig, "tuning" | "seeds" | "steps">> & { losses: readonly string[] };

const encoder = new TextEncoder();

/** Bootstrap CI with a seed derived from what it describes, so tables are reproducible run to run. */
function interval(values: number[], what: string): Interval | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const ci = bootstrapCI(finite, { seed: fnv1a(encoder.encode(what)), level: 0.95 });
  return { mean: ci.mean, lo: ci.lo, hi: ci.hi, n: ci.n };
}

function intervals(rows: Record<string, number>[], metrics: string[], what: string): Record<string, Interval> {
  const out: Record<string, Interval> = {};
  for (const m of metrics) {
    const ci = interval(
      rows.map((r) => r[m]).filter((v): v is number => v !== undefined),
      `${what}/${m}`,
    );
    if (ci) out[m] = ci;
  }
  return out;
}

/**
 * Per-loss statistics over seeds: final and best metrics (mean ± 95 % bootstrap CI), steps and seconds to each
 * threshold (over the runs that reached it; the rest are counted as never reaching it), failure rate, and a ranking
 * by the final primary metric in which overlapping intervals are called out as not distinguishable.
 */
export function aggregateStudy(runs: readonly RunData[], cfg: AggregateConfig): StudyResults {
  const outcomes = runs.map((r) => runOutcome(r, cfg.thresholds, cfg.failure));
  const metrics = [...new Set(runs.flatMap((r) => r.evals.flatMap((e) => Object.keys(e.values))))].sort();
  const direction = metricDirection(cfg.primaryMetric);
  const tuning = cfg.tuning
    ? tuningResults(runs, outcomes, {
        losses: cfg.losses,
        metric: cfg.primaryMetric,
        direction,
        trials: cfg.tuning.trials,
        seeds: cfg.seeds?.length ?? 1,
        steps: cfg.steps ?? 0,
      })
    : undefined;
  // With tuning, the per-loss tables describe each loss at its best trial (selected on these same seeds).
  const bestTrial = new Map(tuning?.losses.map((t) => [t.loss, t.bestTrial]) ?? []);
  const losses: LossResult[] = cfg.losses.map((loss) => {
    const own = outcomes.filter((o) => o.loss === loss && (!tuning || o.trial === bestTrial.get(loss)));
    const withOutcome = own.filter((o) => !o.incomplete);
    const failures = own.filter((o) => o.failed).length;
    return {
      loss,
      runs: own.length,
      finished: own.filter((o) => o.finished).length,
      diverged: own.filter((o) => o.diverged).length,
      collapsed: own.filter((o) => o.collapsed).length,
      failures,
      failureRate: withOutcome.length ? failures / withOutcome.length : null,
      incomplete: own.filter((o) => o.incomplete).length,
      final: intervals(
        own.flatMap((o) => (o.final ? [o.final] : [])),
        metrics,
        `${loss}/final`,
      ),
      best: intervals(
        own.map((o) => o.best),
        metrics,
        `${loss}/best`,
      ),
      thresholds: cfg.thresholds.map((threshold, i) => {
        const t = own.map((o) => o.thresholds[i]!).filter((x) => x.evaluated);
        const hit = t.filter((x) => x.steps !== null);
        return {
          threshold,
          reached: hit.length,
          evaluated: t.length,
          steps: interval(
            hit.map((x) => x.steps!),
            `${loss}/t${i}/steps`,
          ),
          seconds: interval(
            hit.flatMap((x) => (x.seconds === null ? [] : [x.seconds])),
            `${loss}/t${i}/seconds`,
          ),
        };
      }),
    };
  });
  return {
    primaryMetric: cfg.primaryMetric,
    direction,
    metrics,
    losses,
    runs: outcomes,
    ranking: rank(losses, cfg.primaryMetric, direction),
    ...(tuning ? { tuning } : {}),
    ...(cfg.seeds && cfg.steps !== undefined ? { budget: lossBudget({ seeds: cfg.seeds, steps: cfg.steps, tuning: cfg.tuning }) } : {}),
    notes: studyNotes(cfg, metrics),
  };
}

/** Orders losses by their final primary metric; each entry names the losses it cannot be told apart from. */
export function rank(losses: readonly LossResult[], metric: string, direction: Direction): RankEntry[] {
  const scored = losses.map((l) => ({ loss: l.loss, value: l.final[metric] ?? null }));
  const sign = direction === "max" ? -1 : 1;
  scored.sort((a, b) => {
    if (a.value && b.value) return sign * (a.value.mean - b.value.mean);
    return a.value ? -1 : b.value ? 1 : 0;
  });
  return scored.map((s, i) => {
    const overlapsWith = s.value ? scored.filter((o) => o !== s && o.value && ciOverlap(s.value!, o.value)).map((o) => o.loss) : [];
    let note: string;
    if (!s.value) note = "no finished run";
    else if (s.value.n < 2) note = "one finished seed: no interval";
    else if (overlapsWith.length) note = `not distinguishable at 95 % from ${overlapsWith.join(", ")}`;
    else note = "interval separate from every other loss";
    return { rank: i + 1, loss: s.loss, value: s.value, overlapsWith, note };
  });
}

function studyNotes(cfg: AggregateConfig, metrics: string[]): string[] {
  const notes = [
    "Intervals: 95 % percentile bootstrap of the mean over seeds (2000 resamples); with few seeds they are coarse.",
    "Steps / seconds to a threshold average only the runs that reached it; the others are counted as never reached.",
  ];
  if (cfg.tuning) {
    notes.push(
      `Tuning: every loss had ${cfg.tuning.trials} trials drawn from the same space (seed ${cfg.tuning.seed}; ` +
        "trial t drew the same values for every loss), each over every seed. Ranking, final and best metrics, " +
        "thresholds and failures describe each loss at its best trial, chosen on the same seeds (so they are optimistic, " +
        "as any best-of-k figure is); the budget curve shows what fewer trials would have given.",
    );
  }
  if (!metrics.includes(cfg.primaryMetric)) notes.push(`Primary metric "${cfg.primaryMetric}" was never evaluated.`);
  for (const m of [cfg.primaryMetric, ...cfg.thresholds.map((t) => t.metric)]) {
    if (!isKnownMetric(m)) notes.push(`Direction of "${m}" is not documented; lower is taken as better.`);
  }
  for (const t of cfg.thresholds) {
    if (!metrics.includes(t.metric)) notes.push(`Threshold metric "${t.metric}" was never evaluated.`);
  }
  return [...new Set(notes)];
}
