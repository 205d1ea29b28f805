import type { TrainingStatus } from "@gantry/core";
import { studyKeys, type Storage } from "../storage/index.ts";
import type { StudyRun } from "./config.ts";

/** One logged training step (non-finite values were written as null and come back as NaN). */
export interface LossPoint {
  step: number;
  dLoss: number;
  gLoss: number;
  realMean: number;
  fakeMean: number;
  /** Training seconds since the run first started, summed over resumed attempts. */
  seconds: number;
}

export interface EvalPoint {
  step: number;
  values: Record<string, number>;
  /** Training seconds at this step (interpolated between log lines), or null without any log line. */
  seconds: number | null;
}

/** What a study reads back from one run. */
export interface RunData {
  runId: string;
  loss: string;
  seed: number;
  /** Tuning trial and the values it applied; null (or absent) outside a tuning study. */
  trial?: StudyRun["trial"];
  /** The run's status.json state, or "pending" when it never started. */
  status: string;
  error: { code: string; message: string } | null;
  logs: LossPoint[];
  evals: EvalPoint[];
}

const num = (v: unknown): number => (typeof v === "number" ? v : Number.NaN);

/**
 * Parses metrics.jsonl text into loss and eval series ordered by step. `elapsedMs` restarts at 0 when a run
 * resumes, so a drop is treated as a new attempt and the previous attempt's last value is carried over.
 */
export function parseMetrics(text: string | null): { logs: LossPoint[]; evals: EvalPoint[] } {
  const logs: LossPoint[] = [];
  const rawEvals: { step: number; values: Record<string, number> }[] = [];
  let offset = 0;
  let prev = 0;
  for (const line of (text ?? "").split("\n")) {
    if (!line.trim()) continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a torn last line of a crashed attempt; the job rewrites the file whole on its next flush
    }
    if (typeof row.step !== "number") continue;
    if (row.eval && typeof row.eval === "object") {
      const values: Record<string, number> = {};
      for (const [k, v] of Object.entries(row.eval as Record<string, unknown>)) values[k] = num(v);
      rawEvals.push({ step: row.step, values });
      continue;
    }
    const ms = num(row.elapsedMs);
    if (Number.isFinite(ms)) {
      if (ms < prev) offset += prev;
      prev = ms;
    }
    logs.push({
      step: row.step,
      dLoss: num(row.dLoss),
      gLoss: num(row.gLoss),
      realMean: num(row.realMean),
      fakeMean: num(row.fakeMean),
      seconds: ((Number.isFinite(ms) ? ms : prev) + offset) / 1000,
    });
  }
  logs.sort((a, b) => a.step - b.step);
  rawEvals.sort((a, b) => a.step - b.step);
  return { logs, evals: rawEvals.map((e) => ({ ...e, seconds: secondsAt(logs, e.step) })) };
}

/** Training seconds at `step`: exact at a log line, linear between two, the nearest end outside them. */
export function secondsAt(logs: readonly LossPoint[], step: number): number | null {
  if (logs.length === 0) return null;
  let lo: LossPoint | null = null;
  for (const l of logs) {
    if (l.step === step) return l.seconds;
    if (l.step > step) {
      if (!lo) return l.seconds * (step / l.step);
      return lo.seconds + ((l.seconds - lo.seconds) * (step - lo.step)) / (l.step - lo.step);
    }
    lo = l;
  }
  return lo!.seconds;
}

/** Reads every run of study `id` back from storage (missing files → a pending run with empty series). */
export async function collectRuns(
  storage: Storage,
  id: string,
  runs: readonly Pick<StudyRun, "runId" | "loss" | "seed" | "trial">[],
): Promise<RunData[]> {
  const keys = studyKeys(id);
  return Promise.all(
    runs.map(async (r) => {
      const k = keys.run(r.runId);
      const [status, text] = await Promise.all([storage.getJson<TrainingStatus>(k.status), storage.getText(k.metrics)]);
      return {
        runId: r.runId,
        loss: r.loss,
        seed: r.seed,
        trial: r.trial,
        status: status?.status ?? "pending",
        error: status?.error ?? null,
        ...parseMetrics(text),
      };
    }),
  );
}
