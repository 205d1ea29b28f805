import { z } from "@hono/zod-openapi";
import { IdSchema, PageQuery, Timestamp, orNull, pageOf } from "./common.ts";
import { TrainingConfigSchema, TrainingState } from "./training.ts";

export const ModelVersion = z
  .object({
    step: z.number().int(),
    metrics: z.record(z.string(), z.number()).nullable().openapi({ description: "Evaluation metrics stored with the checkpoint." }),
    createdAt: Timestamp,
  })
  .openapi("ModelVersion");

export const ModelSummary = z
  .object({
    id: IdSchema,
    loss: z.string(),
    dataset: z.string(),
    trainingStatus: TrainingState,
    latestStep: z.number().int(),
    createdAt: Timestamp,
  })
  .openapi("ModelSummary");

export const ModelSchema = ModelSummary.extend({
  config: TrainingConfigSchema,
  versions: z.array(ModelVersion),
  best: orNull(ModelVersion).openapi({ description: "The checkpoint best.json points at, when the run tracks a metric." }),
}).openapi("Model");
export type Model = z.infer<typeof ModelSchema>;

export const ModelPage = pageOf(ModelSummary, "ModelPage");
export const ListModelsQuery = PageQuery;

/** "latest", "best" or a checkpoint step (steps have at most 9 digits: the storage key's zero-padded step). */
export const VersionSpec = z
  .union([z.number().int().min(0).max(999_999_999), z.enum(["latest", "best"])])
  .openapi("ModelVersionSpec", { example: "latest" });

/** Same as VersionSpec, from a query string ("latest", "best" or digits). */
export const VersionQuery = z
  .union([
    z.enum(["latest", "best"]),
    z
      .string()
      .regex(/^\d{1,9}$/, "expected latest, best or a step number")
      .transform(Number),
  ])
  .default("latest");
