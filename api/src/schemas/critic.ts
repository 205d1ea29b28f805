import { z } from "@hono/zod-openapi";
import { VersionQuery } from "./model.ts";

/** Cells per side of a critic field; 256² cells bound one request's work. */
export const MAX_FIELD_RESOLUTION = 256;
/** Real data points a critic-field response may carry. */
export const MAX_FIELD_REAL = 2000;

export const CriticFieldQuery = z
  .object({
    version: VersionQuery.openapi({ param: { name: "version", in: "query" }, type: "string", example: "latest" }),
    resolution: z.coerce
      .number()
      .int()
      .min(2)
      .max(MAX_FIELD_RESOLUTION)
      .default(64)
      .openapi({ param: { name: "resolution", in: "query" }, description: "Grid cells per side." }),
    lo: z.coerce
      .number()
      .optional()
      .openapi({ param: { name: "lo", in: "query" }, description: "Lower bound of both axes (default: the dataset's range)." }),
    hi: z.coerce
      .number()
      .optional()
      .openapi({ param: { name: "hi", in: "query" }, description: "Upper bound of both axes (default: the dataset's range)." }),
    real: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_FIELD_REAL)
      .default(0)
      .openapi({ param: { name: "real", in: "query" }, description: "Also return this many real data points (seeded, the same on every call)." }),
  })
  .refine((q) => (q.lo === undefined) === (q.hi === undefined), { message: "give both lo and hi, or neither", path: ["lo"] })
  .refine((q) => q.lo === undefined || q.hi === undefined || q.lo < q.hi, { message: "lo must be below hi", path: ["hi"] });

export const CriticFieldSchema = z
  .object({
    version: z.number().int().openapi({ description: "The checkpoint step evaluated." }),
    resolution: z.number().int(),
    extent: z.tuple([z.number(), z.number()]).openapi({
      description:
        "[lo, hi] of both axes; cell (row, col) is centred at x = lo + (col + ½)·(hi − lo)/resolution, y = hi − (row + ½)·(hi − lo)/resolution.",
    }),
    values: z
      .array(z.number())
      .openapi({ description: "resolution² raw critic outputs C(x), row-major, row 0 at the top (largest y). Higher = judged more real." }),
    real: z.array(z.tuple([z.number(), z.number()])).openapi({ description: "Real data points (as many as `real` asked for)." }),
  })
  .openapi("CriticField", { description: "A 2-D model's critic evaluated on a grid over data space, with real points to draw over it." });
export type CriticFieldResponse = z.infer<typeof CriticFieldSchema>;
