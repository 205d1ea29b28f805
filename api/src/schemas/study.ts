import { z } from "@hono/zod-openapi";
import { DataConfig, StudyState as CoreStudyState } from "@gantry/core";
import { WebhookFields } from "../webhooks/webhooks.ts";
import { PageQuery, pageOf } from "./common.ts";
import { named } from "./core-openapi.ts";

/** Core's study states, named for the document (succeeded and failed are final; interrupted resumes). */
export const StudyState = named(CoreStudyState, "StudyState", {
  description:
    "`reporting`: every run has ended and the report is being built. `succeeded` and `failed` are final; " +
    "`interrupted` resumes on the next start.",
});

// Core's DataConfig (a training's `data`), rebuilt on the OpenAPI-extended zod so each use can carry its own docs.
const StudyData = () => z.strictObject(DataConfig.shape);

/**
 * A study definition. Its schema belongs to the study engine, which validates every field (errors name each one);
 * declared here are the fields the API itself reads (the webhook, kept out of the stored study) and the data field,
 * so that clients see its name and its deprecated alias.
 */
export const StudySpec = z
  .object({
    data: StudyData().optional().openapi({ description: "The data every run trains on: the same field as a training's `data`. Required." }),
    dataset: StudyData().optional().openapi({
      deprecated: true,
      description: "Deprecated alias of `data` (its name before 0.2), accepted for one more release; not with `data`.",
    }),
    ...WebhookFields,
  })
  .catchall(z.unknown())
  .openapi("StudySpec", { description: "Study definition (data, losses × seeds, steps …), validated by the study engine." });

export const StudySchema = z
  .object({ id: z.string(), status: StudyState })
  .catchall(z.unknown())
  .openapi("Study", { description: "A study and its per-run state, as the study engine reports it." });

export const ReportQuery = z.object({
  format: z
    .enum(["html", "markdown"])
    .default("html")
    .openapi({ param: { name: "format", in: "query" } }),
});

export const StudyPage = pageOf(StudySchema, "StudyPage");
export const ListStudiesQuery = PageQuery;
