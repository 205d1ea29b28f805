import type { StudyRunState, StudyState } from "@gantry/core";
import { getLoss } from "../losses/index.ts";
import type { StudyResults } from "./aggregate.ts";
import type { ResolvedStudyConfig, StudyRun } from "./config.ts";

/** Lifecycle of a whole study (core's contract; "interrupted": stopped by a signal, every unfinished run resumable). */
export type { StudyState };

/** One run as the study tracks it (its own files hold the details). */
export interface StudyRunRecord {
  runId: string;
  loss: string;
  seed: number;
  /** Tuning trial index (null outside a tuning study; absent in documents written before tuning existed). */
  trial?: number | null;
  /** The run's status.json state, or "pending" before its first start. */
  status: StudyRunState;
  step: number;
  steps: number;
  /** Processes started for this run, over every invocation of the study. */
  attempts: number;
  /** Relative cost of one step (critic updates + generator update, ×2 with a gradient penalty), for the ETA. */
  weight: number;
  error: { code: string; message: string } | null;
}

export interface StudyProgress {
  total: number;
  /** Runs that ended (succeeded or failed). */
  done: number;
  failed: number;
  running: number;
  /** Weighted fraction of all steps done, 0..1. */
  fraction: number;
  /** Estimate from this invocation's throughput; null until it has one. */
  etaSeconds: number | null;
}

/** studies/<id>/study.json: the definition, live per-run state, and (once reported) the results. */
export interface StudyDocument {
  kind: "gantry-study";
  version: 1;
  id: string;
  name: string | null;
  status: StudyState;
  config: ResolvedStudyConfig;
  progress: StudyProgress;
  runs: StudyRunRecord[];
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** Seconds the runner has spent on this study, summed over invocations (time between invocations excluded). */
  activeSeconds: number;
  /** Aggregated results; null until the report is built. */
  results: StudyResults | null;
}

/** Relative cost of one step of `run` (see StudyRunRecord.weight). */
export function stepWeight(run: StudyRun): number {
  const preset = getLoss(run.loss).preset;
  const nCritic = run.config.nCritic ?? preset.nCritic;
  const regs = run.config.regularizers ?? preset.regularizers;
  return (nCritic + 1) * (regs.some((r) => r.type === "gp" || r.type === "r1" || r.type === "r2") ? 2 : 1);
}

/** A fresh document for `config` with every run pending. */
export function newStudyDocument(id: string, config: ResolvedStudyConfig, runs: readonly StudyRun[]): StudyDocument {
  const now = new Date().toISOString();
  return {
    kind: "gantry-study",
    version: 1,
    id,
    name: config.name ?? null,
    status: "queued",
    config,
    progress: { total: runs.length, done: 0, failed: 0, running: 0, fraction: 0, etaSeconds: null },
    runs: runs.map((r) => ({
      runId: r.runId,
      loss: r.loss,
      seed: r.seed,
      trial: r.trial?.index ?? null,
      status: "pending",
      step: 0,
      steps: r.config.steps,
      attempts: 0,
      weight: stepWeight(r),
      error: null,
    })),
    error: null,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
    activeSeconds: 0,
    results: null,
  };
}

/** Whether a run has ended for good (it is never started again). */
export function isFinal(status: StudyRunRecord["status"]): boolean {
  return status === "succeeded" || status === "failed";
}

/** Recomputes counts and the weighted fraction from the run records (ETA is left to the runner). */
export function countProgress(doc: StudyDocument): void {
  const work = (r: StudyRunRecord) => r.steps * r.weight;
  const total = doc.runs.reduce((s, r) => s + work(r), 0);
  const doneWork = doc.runs.reduce((s, r) => s + (isFinal(r.status) ? work(r) : Math.min(r.step, r.steps) * r.weight), 0);
  doc.progress.total = doc.runs.length;
  doc.progress.done = doc.runs.filter((r) => isFinal(r.status)).length;
  doc.progress.failed = doc.runs.filter((r) => r.status === "failed").length;
  doc.progress.running = doc.runs.filter((r) => r.status === "running").length;
  doc.progress.fraction = total > 0 ? doneWork / total : 1;
}

/** Whether two configs define the same grid and results (workers, name and description may change between runs). */
export function sameStudy(a: ResolvedStudyConfig, b: ResolvedStudyConfig): boolean {
  const core = ({ workers: _w, name: _n, description: _d, ...rest }: ResolvedStudyConfig) => JSON.stringify(rest);
  return core(a) === core(b);
}
