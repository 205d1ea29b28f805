import { summariseRun, type RunLogEntry } from "../metrics/index.ts";
import type { RunData } from "./collect.ts";
import type { Threshold } from "./config.ts";
import { metricDirection } from "./metric-names.ts";

/** Where one run stands after training, as the study tables count it. */
export interface RunOutcome {
  runId: string;
  loss: string;
  seed: number;
  /** Tuning trial index; null outside a tuning study. */
  trial: number | null;
  status: string;
  /** Reached its last step (status succeeded). */
  finished: boolean;
  /** A logged loss / output mean went NaN or ±Inf, or the job stopped with error "diverged". */
  diverged: boolean;
  /** Mode or class coverage fell below half of its best (summariseRun's rule), over the eval lines. */
  collapsed: boolean;
  /** Failed by the study's failure definition (diverged and/or collapsed, as configured). */
  failed: boolean;
  /** Has no result: not finished and not diverged (crashed, bad data, or still pending / interrupted). */
  incomplete: boolean;
  error: { code: string; message: string } | null;
  /** Metrics of the last evaluation of a finished run; null otherwise. */
  final: Record<string, number> | null;
  /** Best value of each metric over the run's evaluations (by the metric's direction). */
  best: Record<string, number>;
  /** Std of G's loss over the last 20 % of log lines (summariseRun), null without finite values. */
  instability: number | null;
  /** Per configured threshold: first evaluated step / training seconds meeting it; null = never reached. */
  thresholds: { steps: number | null; seconds: number | null; evaluated: boolean }[];
}

/** True when `v` meets the threshold (a NaN never does). */
export function meets(v: number, t: Pick<Threshold, "op" | "value">): boolean {
  switch (t.op) {
    case ">=":
      return v >= t.value;
    case "<=":
      return v <= t.value;
    case ">":
      return v > t.value;
    case "<":
      return v < t.value;
  }
}

/** Classifies one run and extracts its final / best metrics and threshold crossings. */
export function runOutcome(run: RunData, thresholds: readonly Threshold[], failure: { diverged: boolean; collapsed: boolean }): RunOutcome {
  const logs: RunLogEntry[] = run.logs.map((l) => ({
    step: l.step,
    dLoss: l.dLoss,
    gLoss: l.gLoss,
    realMean: l.realMean,
    fakeMean: l.fakeMean,
  }));
  const logSummary = logs.length ? summariseRun(logs) : null;
  // Coverage lives on eval lines; losses are not part of that series, so they are zero placeholders.
  const coverage = run.evals
    .map((e) => ({ step: e.step, dLoss: 0, gLoss: 0, modes: e.values.modesCaptured, classes: e.values.classes_found }))
    .filter((e) => e.modes !== undefined || e.classes !== undefined);
  const collapsed = coverage.length ? summariseRun(coverage).collapse : false;
  const diverged = (logSummary?.diverged ?? false) || run.error?.code === "diverged";
  const finished = run.status === "succeeded";
  const last = run.evals[run.evals.length - 1];
  const best: Record<string, number> = {};
  for (const e of run.evals) {
    for (const [k, v] of Object.entries(e.values)) {
      if (!Number.isFinite(v)) continue;
      const b = best[k];
      if (b === undefined || (metricDirection(k) === "max" ? v > b : v < b)) best[k] = v;
    }
  }
  return {
    runId: run.runId,
    loss: run.loss,
    seed: run.seed,
    trial: run.trial?.index ?? null,
    status: run.status,
    finished,
    diverged,
    collapsed,
    failed: (failure.diverged && diverged) || (failure.collapsed && collapsed),
    incomplete: !finished && !diverged,
    error: run.error,
    final: finished && last ? last.values : null,
    best,
    instability: logSummary?.instability ?? null,
    thresholds: thresholds.map((t) => {
      const evaluated = run.evals.some((e) => e.values[t.metric] !== undefined);
      const hit = run.evals.find((e) => {
        const v = e.values[t.metric];
        return v !== undefined && meets(v, t);
      });
      return { steps: hit?.step ?? null, seconds: hit?.seconds ?? null, evaluated };
    }),
  };
}
