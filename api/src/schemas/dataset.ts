import { z } from "@hono/zod-openapi";
import { PageQuery, Timestamp, pageOf } from "./common.ts";

export const DatasetSchema = z
  .object({
    id: z.string().openapi({ description: "Built-in name, or the upload id." }),
    name: z.string().openapi({ description: "What TrainingConfig.data.name takes: the built-in name or upload:<id>." }),
    builtin: z.boolean(),
    kind: z.enum(["toy2d", "image", "tabular"]),
    sampleShape: z.array(z.number().int()),
    size: z.number().int().nullable().openapi({ description: "Sample count; null for infinite toy distributions." }),
    description: z.string(),
    upload: z.object({ fileName: z.string(), format: z.string(), dtype: z.string(), bytes: z.number().int(), createdAt: Timestamp }).nullable(),
  })
  .openapi("Dataset");
export type DatasetView = z.infer<typeof DatasetSchema>;

export const DatasetPage = pageOf(DatasetSchema, "DatasetPage");
export const ListDatasetsQuery = PageQuery;

export const UploadQuery = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .regex(/^[^/\\\u0000-\u001f]+$/, "a file name without directories")
    .openapi({
      param: { name: "name", in: "query" },
      description: "File name; its extension selects the parser (.npy, .csv, .zip of PNGs, .tar/.tgz, IDX).",
      example: "points.csv",
    }),
});

export const DatasetIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "ring8" }),
});
