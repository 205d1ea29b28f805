import { z } from "@hono/zod-openapi";
import { StudyRunState } from "@gantry/core";
import { IdSchema } from "./common.ts";
import { named } from "./core-openapi.ts";

/** /v1/studies/{id}/runs/{runId}: a study and one of its runs (run ids such as `ns-s0` are unique within a study). */
export const StudyRunParams = z.object({
  id: IdSchema.openapi({ param: { name: "id", in: "path" } }),
  runId: IdSchema.openapi({ param: { name: "runId", in: "path" }, example: "wgan-gp-s0" }),
});

const EvalValues = z.object({ step: z.number().int(), values: z.record(z.string(), z.number().nullable()) });

export const StudyRunSchema = z
  .object({
    studyId: z.string(),
    runId: z.string(),
    loss: z.string(),
    seed: z.number().int(),
    trial: z.number().int().nullable().openapi({ description: "Tuning trial index; null outside a tuning study." }),
    status: named(StudyRunState, "StudyRunState", { description: "The run's training state, or `pending` before its first start." }),
    step: z.number().int(),
    steps: z.number().int(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    config: z.record(z.string(), z.unknown()).nullable().openapi({ description: "The run's training config as the study wrote it." }),
    final: EvalValues.nullable().openapi({ description: "The run's last evaluation (its final metrics once it has ended)." }),
    checkpointStep: z.number().int().nullable().openapi({ description: "Step of the newest checkpoint; null before the first." }),
  })
  .openapi("StudyRun", { description: "One run of a study, read from the files it wrote under the study." });

export const StudyCurvesQuery = z.object({
  metric: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: "metric", in: "query" }, description: "An evaluation metric; default: the study's primary metric." }),
});

const BandPoint = z.object({
  step: z.number().int(),
  mean: z.number(),
  lo: z.number(),
  hi: z.number(),
  n: z.number().int().openapi({ description: "Seeds with a finite value at this step." }),
});

export const StudyCurvesSchema = z
  .object({
    metric: z.string(),
    groups: z.array(
      z.object({
        loss: z.string(),
        trial: z.number().int().nullable(),
        runIds: z.array(z.string()),
        points: z.array(BandPoint),
      }),
    ),
  })
  .openapi("StudyCurves", {
    description:
      "An evaluation metric against step per loss (per loss and trial in a tuning study): the mean over seeds and its 95 % " +
      "percentile-bootstrap interval at every evaluated step.",
  });
