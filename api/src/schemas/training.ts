import { z } from "@hono/zod-openapi";
import { LOSS_NAMES, TrainingConfig } from "@gantry/trainer/config";
import { WebhookFields } from "../webhooks/webhooks.ts";
import { IdSchema, PageQuery, Timestamp, orNull, pageOf } from "./common.ts";

export const TRAINING_STATES = ["queued", "running", "succeeded", "failed", "canceled", "interrupted"] as const;
export const TrainingState = z.enum(TRAINING_STATES).openapi("TrainingState");
export type TrainingState = z.infer<typeof TrainingState>;

/** States after which a training never changes again ("interrupted" is resumed by the runner). */
export const TERMINAL_STATES: ReadonlySet<TrainingState> = new Set(["succeeded", "failed", "canceled"]);

/**
 * The user's training configuration: core's fields, rebuilt on the OpenAPI-extended zod (schemas created before
 * @hono/zod-openapi loads lack `.openapi`). The route's validator is the API's one parse of a config; core's
 * TrainingConfig has no whole-object rules, so its shape is the whole contract (a test below keeps it that way).
 */
export const TrainingConfigSchema = z.strictObject(TrainingConfig.shape).openapi("TrainingConfig");

/** POST /v1/trainings: the config plus where to send webhooks (kept out of the stored config). */
export const TrainingRequestSchema = z.strictObject({ ...TrainingConfig.shape, ...WebhookFields }).openapi("TrainingRequest");

export const Progress = z
  .object({
    step: z.number().int(),
    steps: z.number().int(),
    stepsPerSecond: z.number(),
    etaSeconds: z.number().nullable(),
  })
  .openapi("TrainingProgress");

export const TrainingError = z.object({ code: z.string(), message: z.string() }).openapi("TrainingError");

export const TrainingSchema = z
  .object({
    id: IdSchema,
    status: TrainingState,
    config: TrainingConfigSchema,
    progress: Progress,
    latestMetrics: z.record(z.string(), z.number()).nullable(),
    error: orNull(TrainingError).openapi({ description: "Why the training failed; null unless it failed." }),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .openapi("Training");
export type Training = z.infer<typeof TrainingSchema>;

export const TrainingPage = pageOf(TrainingSchema, "TrainingPage");

export const ListTrainingsQuery = PageQuery.extend({
  status: TrainingState.optional().openapi({ param: { name: "status", in: "query" } }),
  loss: z
    .enum(LOSS_NAMES)
    .optional()
    .openapi({ param: { name: "loss", in: "query" } }),
  dataset: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "dataset", in: "query" }, example: "ring8" }),
});

/** One logged step or evaluation line of metrics.jsonl, passed through as written by the job. */
export const MetricLine = z
  .object({ step: z.number().int() })
  .catchall(z.unknown())
  .openapi("MetricLine", { description: "StepLog {step, dLoss, gLoss, …} or an evaluation line {step, eval: {…}}." });

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
