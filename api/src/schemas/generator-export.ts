import { z } from "@hono/zod-openapi";
import { IdSchema } from "./common.ts";
import { VersionQuery } from "./model.ts";

export const GeneratorExportParams = z.object({
  id: IdSchema.openapi({ param: { name: "id", in: "path" } }),
  step: VersionQuery.openapi({
    param: { name: "step", in: "path" },
    type: "string",
    description: "A checkpoint step, or latest / best.",
    example: "latest",
  }),
});

export const GeneratorExportQuery = z.object({
  ema: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .openapi({ param: { name: "ema", in: "query" }, description: "Export the EMA weights (default: when the run kept them, as sampling does)." }),
});

export const GeneratorExportSchema = z
  .object({
    format: z.literal("tfjs-layers"),
    trainingId: IdSchema,
    step: z.number().int().openapi({ description: "The checkpoint step exported." }),
    ema: z.boolean().openapi({ description: "Whether these are the EMA weights." }),
    zDim: z.number().int().openapi({ description: "Latent size: the model's input is [n, zDim]." }),
    sampleShape: z.array(z.number().int()).openapi({ description: "One sample's shape: the output is [n, ...sampleShape]." }),
    modelTopology: z.record(z.string(), z.unknown()).openapi({ description: "Keras Sequential JSON, as in a TF.js model.json's modelTopology." }),
    weightSpecs: z
      .array(z.object({ name: z.string(), shape: z.array(z.number().int()), dtype: z.literal("float32") }))
      .openapi({ description: "The weights in the order they appear in weightData, named <layer>/<weight>." }),
    weightData: z.string().openapi({ description: "Every weight as little-endian float32, concatenated in weightSpecs order, base64-encoded." }),
  })
  .openapi("GeneratorExport", {
    description:
      "A model version's generator as a TF.js layers model: tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs, " +
      "weightData: <the decoded bytes> })) runs it. Feeding the latents a sample request used reproduces its samples.",
  });
