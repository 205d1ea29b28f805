import { z } from "zod";

/**
 * What a training job writes besides its weights: trainings/<id>/status.json and each line of events.jsonl. The
 * trainer writes these shapes, the API serves them (its OpenAPI schemas wrap these), the dashboard and SDK read them.
 */

export const TRAINING_STATES = ["queued", "running", "succeeded", "failed", "canceled", "interrupted"] as const;
export const TrainingState = z.enum(TRAINING_STATES);
export type TrainingState = z.infer<typeof TrainingState>;

/** States after which a training never changes again ("interrupted" is resumed by the runner). */
export const TERMINAL_STATES: ReadonlySet<TrainingState> = new Set(["succeeded", "failed", "canceled"]);

export const TrainingProgress = z.object({
  step: z.number().int(),
  steps: z.number().int(),
  stepsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
});
export type TrainingProgress = z.infer<typeof TrainingProgress>;

/** Error codes written to status.json `error.code`. */
export const JOB_ERROR_CODES = ["diverged", "bad_config", "bad_data", "checkpoint", "storage", "internal"] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

/** Why a training failed. `code` stays a string on read: a newer job may write a code this reader does not know. */
export const TrainingError = z.object({ code: z.string(), message: z.string() });
export type TrainingError = z.infer<typeof TrainingError>;

/** trainings/<id>/status.json */
export const TrainingStatus = z.object({
  id: z.string(),
  status: TrainingState,
  progress: TrainingProgress,
  latestMetrics: z.record(z.string(), z.number()).nullable(),
  error: TrainingError.nullable(),
  backend: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
  attempt: z.number().int(),
});
export type TrainingStatus = z.infer<typeof TrainingStatus>;

export const JOB_EVENT_TYPES = ["progress", "metric", "status", "log"] as const;
export const JobEventType = z.enum(JOB_EVENT_TYPES);
export type JobEventType = z.infer<typeof JobEventType>;

/** `data` of a "status" event; `error` is present when the training failed. */
export const StatusEventData = z.object({ status: TrainingState, error: TrainingError.nullable().optional() });
/** `data` of a "log" event: the message, an optional level, and whatever context the job adds. */
export const LogEventData = z.object({ message: z.string(), level: z.string().optional() }).catchall(z.unknown());
/** One logged step or evaluation line of metrics.jsonl (also the `data` of a "metric" event). */
export const MetricLine = z.object({ step: z.number().int() }).catchall(z.unknown());

/** One line of trainings/<id>/events.jsonl; ids are 1-based and strictly increasing across resumes. */
export const JobEvent = z.object({
  id: z.number().int().min(1),
  type: JobEventType,
  data: z.record(z.string(), z.unknown()),
  time: z.string(),
});
export type JobEvent = z.infer<typeof JobEvent>;
