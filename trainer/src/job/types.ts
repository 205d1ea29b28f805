/** Shapes of the files the training job writes (see docs: job protocol). */

export type TrainingState = "queued" | "running" | "succeeded" | "failed" | "canceled" | "interrupted";

export interface TrainingProgress {
  step: number;
  steps: number;
  stepsPerSecond: number;
  etaSeconds: number | null;
}

/** trainings/<id>/status.json */
export interface TrainingStatus {
  id: string;
  status: TrainingState;
  progress: TrainingProgress;
  latestMetrics: Record<string, number> | null;
  error: { code: string; message: string } | null;
  backend: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  attempt: number;
}

export type JobEventType = "progress" | "metric" | "status" | "log";

/** One line of trainings/<id>/events.jsonl; ids are 1-based and strictly increasing across resumes. */
export interface JobEvent {
  id: number;
  type: JobEventType;
  data: Record<string, unknown>;
  time: string;
}

/** Error codes written to status.json `error.code`. */
export type JobErrorCode = "diverged" | "bad_config" | "bad_data" | "checkpoint" | "storage" | "internal";
