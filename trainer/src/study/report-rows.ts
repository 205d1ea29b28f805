import type { Interval, StudyResults, ThresholdStats } from "./aggregate.ts";

/**
 * The report's tables as data: header, rows of display text, and which columns are numbers (the HTML right-aligns
 * them). study.md and report.html render the same tables from here, so the two can never show different numbers.
 */
export interface ReportTable {
  head: string[];
  rows: string[][];
  numeric: number[];
}

/** A number for tables: 4 significant digits, exponent form for very large / small magnitudes. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** "mean [lo, hi]" (just the mean with one value). */
export function ci(i: Interval | null | undefined): string {
  if (!i) return "—";
  return i.n < 2 ? `${num(i.mean)} (n=1)` : `${num(i.mean)} [${num(i.lo)}, ${num(i.hi)}]`;
}

export function thresholdName(t: ThresholdStats["threshold"]): string {
  return `${t.metric} ${t.op} ${num(t.value)}`;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** `budget` is lossBudget's label, written into each table's header (the numbers' column or the loss column). */
export function rankingTable(r: StudyResults, budget: string): ReportTable {
  return {
    head: ["#", "loss", `mean [95 % CI] (${budget})`, "finished seeds", "note"],
    rows: r.ranking.map((e) => [String(e.rank), e.loss, ci(e.value), String(e.value?.n ?? 0), e.note]),
    numeric: [0, 2, 3],
  };
}

/** Each loss's final (last evaluation) or best-during-training value of every metric. */
export function metricsTable(r: StudyResults, which: "final" | "best", budget: string): ReportTable {
  return {
    head: [`loss (${budget})`, ...r.metrics],
    rows: r.losses.map((l) => [l.loss, ...r.metrics.map((m) => ci(l[which][m]))]),
    numeric: range(1, r.metrics.length + 1),
  };
}

/** Steps and seconds to each threshold; null when the study sets none. */
export function convergenceTable(r: StudyResults, budget: string): ReportTable | null {
  const ths = r.losses[0]?.thresholds ?? [];
  if (!ths.length) return null;
  return {
    head: [`loss (${budget})`, ...ths.flatMap((t) => [`${thresholdName(t.threshold)}: reached`, "steps", "seconds"])],
    rows: r.losses.map((l) => [l.loss, ...l.thresholds.flatMap((t) => [`${t.reached}/${t.evaluated}`, ci(t.steps), ci(t.seconds)])]),
    numeric: range(1, 3 * ths.length + 1),
  };
}

export function failuresTable(r: StudyResults, budget: string): ReportTable {
  return {
    head: [`loss (${budget})`, "runs", "finished", "diverged", "collapsed", "failure rate", "incomplete"],
    rows: r.losses.map((l) => [
      l.loss,
      String(l.runs),
      String(l.finished),
      String(l.diverged),
      String(l.collapsed),
      l.failureRate === null ? "—" : `${num(100 * l.failureRate)} %`,
      String(l.incomplete),
    ]),
    numeric: range(1, 7),
  };
}
