import { z } from "@hono/zod-openapi";
import { MAX_INTERPOLATION_STEPS, MAX_SAMPLES, MAX_SEED, MAX_TRUNCATION, MIN_TRUNCATION } from "@gantry/core";
import { VersionQuery, VersionSpec } from "./model.ts";

/** The one bound on n (declared in @gantry/core, where the trainer's generator checks it too). */
export const MAX_SAMPLE_N = MAX_SAMPLES;
export const SampleFormat = z.enum(["json", "png", "npy"]).openapi("SampleFormat");

const Seed = z.number().int().min(0).max(MAX_SEED);
const Truncation = z
  .number()
  .min(MIN_TRUNCATION)
  .max(MAX_TRUNCATION)
  .openapi({ description: "Resample latent coordinates with |z| > truncation (≥ 0.05)." });

export const SampleRequest = z
  .strictObject({
    n: z.number().int().min(1).max(MAX_SAMPLE_N),
    seed: Seed.optional().openapi({ description: "Latent seed; the same seed gives byte-identical output. Random (and returned) when absent." }),
    version: VersionSpec.default("latest"),
    truncation: Truncation.optional(),
    latents: z.array(z.array(z.number())).optional().openapi({ description: "n × zDim explicit latents (override seed and truncation)." }),
    ema: z.boolean().optional().openapi({ description: "Use the EMA weights (default: when the run kept them)." }),
    format: SampleFormat.default("json"),
  })
  .openapi("SampleRequest");
export type SampleRequest = z.infer<typeof SampleRequest>;

export const SampleResponse = z
  .object({
    shape: z.array(z.number().int()).openapi({ description: "[n, ...sampleShape]." }),
    data: z.array(z.array(z.number())).openapi({ description: "One row per sample (flattened sample values)." }),
    seed: Seed.nullable().openapi({ description: "The latent seed used (null when latents were given)." }),
    version: z.number().int().openapi({ description: "The checkpoint step used." }),
  })
  .openapi("Samples");

export const SamplesPngQuery = z.object({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_SAMPLE_N)
    .default(64)
    .openapi({ param: { name: "n", in: "query" } }),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_SEED)
    .optional()
    .openapi({ param: { name: "seed", in: "query" } }),
  version: VersionQuery.openapi({ param: { name: "version", in: "query" }, type: "string", example: "latest" }),
  truncation: z.coerce
    .number()
    .min(MIN_TRUNCATION)
    .max(MAX_TRUNCATION)
    .optional()
    .openapi({ param: { name: "truncation", in: "query" } }),
});

const Endpoint = z.union([Seed, z.array(z.number())]).openapi({ description: "A seed (its first latent) or an explicit zDim latent." });

export const InterpolationRequest = z
  .strictObject({
    from: Endpoint,
    to: Endpoint,
    steps: z.number().int().min(2).max(MAX_INTERPOLATION_STEPS).default(8).openapi({ description: "Points including both endpoints." }),
    mode: z.enum(["slerp", "linear"]).default("slerp"),
    version: VersionSpec.default("latest"),
    truncation: Truncation.optional(),
    ema: z.boolean().optional(),
    format: SampleFormat.default("json"),
  })
  .openapi("InterpolationRequest");
