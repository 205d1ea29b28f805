import { z } from "@hono/zod-openapi";
import * as core from "@gantry/core";
import { WebhookFields } from "../webhooks/webhooks.ts";
import { IdSchema, PageQuery, orNull, pageOf } from "./common.ts";
import { annotated, named } from "./core-openapi.ts";

/*
 * The training contracts are @gantry/core's schemas (status.json, events.jsonl, the config); this file names them
 * for the document and adds what only the HTTP view has (the id, the config inside a training, descriptions).
 */
export { TERMINAL_STATES, TRAINING_STATES } from "@gantry/core";
export const TrainingState = named(core.TrainingState, "TrainingState");
export type TrainingState = core.TrainingState;
export const Progress = named(core.TrainingProgress, "TrainingProgress");
export const TrainingError = named(core.TrainingError, "TrainingError");
/** One logged step or evaluation line of metrics.jsonl, passed through as written by the job. */
export const MetricLine = named(core.MetricLine, "MetricLine", {
  description: "StepLog {step, dLoss, gLoss, …} or an evaluation line {step, eval: {…}}.",
});

/** The user's training configuration; the route's validator is the API's one parse of it. */
export const TrainingConfigSchema = named(core.TrainingConfig, "TrainingConfig");

/** POST /v1/trainings: the config plus where to send webhooks (kept out of the stored config). safeExtend keeps any rule core adds. */
export const TrainingRequestSchema = core.TrainingConfig.safeExtend(WebhookFields).openapi("TrainingRequest");

/** A timestamp field of core's status, documented as the ISO date-time the job writes. */
const time = <T extends z.ZodType>(field: T) => annotated(field, { format: "date-time", example: "2025-01-01T00:00:00.000Z" });
const status = core.TrainingStatus.shape;

/** A training as the API shows it: core's status.json fields (less the job's bookkeeping) with its id and config. */
export const TrainingSchema = z
  .object({
    id: IdSchema,
    status: status.status,
    config: TrainingConfigSchema,
    progress: status.progress,
    latestMetrics: status.latestMetrics,
    // A union, not core's .nullable(): zod-to-openapi renders a nullable component as a bare $ref (see orNull).
    error: orNull(TrainingError).openapi({ description: "Why the training failed; null unless it failed." }),
    createdAt: time(status.createdAt),
    startedAt: time(status.startedAt),
    finishedAt: time(status.finishedAt),
  })
  .openapi("Training");
export type Training = z.infer<typeof TrainingSchema>;

export const TrainingPage = pageOf(TrainingSchema, "TrainingPage");

export const ListTrainingsQuery = PageQuery.extend({
  status: TrainingState.optional().openapi({ param: { name: "status", in: "query" } }),
  loss: z
    .enum(core.LOSS_NAMES)
    .optional()
    .openapi({ param: { name: "loss", in: "query" } }),
  dataset: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "dataset", in: "query" }, example: "ring8" }),
});

export const MetricsResponse = z.object({ data: z.array(MetricLine) }).openapi("TrainingMetrics");

export const MetricsQuery = z.object({
  since: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({
      param: { name: "since", in: "query" },
      description: "Only lines with step > since.",
    }),
});
