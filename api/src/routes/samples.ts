import { randomInt } from "node:crypto";
import type { Context } from "hono";
import { z } from "@hono/zod-openapi";
import type { LoadedGenerator } from "@gantry/trainer/checkpoint";
import type { ResolvedDeps } from "../deps.ts";
import type { AppEnv } from "../http/context.ts";
import { preferWait, waitFor } from "../http/prefer.ts";
import { invalid, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute } from "../http/route.ts";
import { IdParams } from "../schemas/common.ts";
import { InterpolationRequest, SampleRequest, SampleResponse, SamplesPngQuery } from "../schemas/sample.ts";
import type { ModelVersion } from "../services/generator-cache.ts";
import { generatorInputProblem, loadProblem, renderSamples } from "../services/sampling.ts";
import { isTerminal, readStatus } from "../services/training-store.ts";
import { PostHeaders } from "./trainings.ts";

const binary = { schema: z.string().openapi({ format: "binary" }) };
const sampleResponses = {
  200: {
    description:
      "Samples: JSON rows, a PNG (image grid, or scatter plot for 2-D data) or a float32 .npy array. " +
      "Binary formats carry X-Gantry-Seed and X-Gantry-Version headers.",
    content: { "application/json": { schema: SampleResponse }, "image/png": binary, "application/octet-stream": binary },
  },
  ...problemResponses(400, 404, 409, 413, 415, 422),
};

interface GenerateArgs {
  id: string;
  version: ModelVersion;
  ema: boolean | undefined;
  format: "json" | "png" | "npy";
  seed: number | null;
  run: (g: LoadedGenerator) => { data: Float32Array; shape: number[] };
}

/** /v1/models/{id}/samples, samples.png and interpolations. */
export function samplesRoutes(d: ResolvedDeps) {
  const app = newRouter();

  /** Loads (or reuses) the generator, runs it and renders the result; honours `Prefer: wait`. */
  const generate = async (c: Context<AppEnv>, a: GenerateArgs): Promise<Response> => {
    // An idempotent replay of a response too large to store: recompute it from the same seed and checkpoint.
    const replay = c.get("replayHint");
    const version = replay?.version ?? a.version;
    const wait = replay ? null : preferWait(c.req.header("prefer"));
    if (wait !== null) {
      // Hold until the training has ended so the final checkpoint is what gets sampled.
      await waitFor(wait, async () => {
        const st = await readStatus(d.storage, a.id);
        return !st || isTerminal(st.status) ? true : null;
      });
      c.header("Preference-Applied", `wait=${wait}`);
    }
    let step = 0;
    let result: { data: Float32Array; shape: number[] };
    try {
      result = await d.generators.use(a.id, version, a.ema, (g) => {
        step = g.step;
        try {
          return a.run(g);
        } catch (err) {
          throw generatorInputProblem(err);
        }
      });
    } catch (err) {
      throw await loadProblem(err, d.storage, a.id, version, "train longer or send Prefer: wait=<seconds>");
    }
    // The response is a pure function of the request, this seed and this checkpoint.
    c.set("recomputeHint", { seed: a.seed, version: step });
    d.metrics?.samples(result.shape[0] ?? 0);
    const out = renderSamples(result, a.format, { seed: a.seed, version: step });
    if (a.format !== "json") {
      c.header("X-Gantry-Seed", a.seed === null ? "none" : String(a.seed));
      c.header("X-Gantry-Version", String(step));
      if (a.format === "npy") c.header("Content-Disposition", 'attachment; filename="samples.npy"');
    }
    c.header("Content-Type", out.contentType);
    return c.body(typeof out.body === "string" ? out.body : new Uint8Array(out.body), 200);
  };

  app.openapi(
    securedRoute("sample", {
      method: "post",
      path: "/{id}/samples",
      tags: ["samples"],
      operationId: "createSamples",
      summary: "Sample a model",
      description: "Seeded requests are reproducible byte for byte (same model version, n, seed, truncation, format).",
      request: { params: IdParams, headers: PostHeaders, body: { required: true, content: { "application/json": { schema: SampleRequest } } } },
      responses: sampleResponses,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      if (b.latents && b.latents.length !== b.n)
        throw invalid(422, [{ path: "body.latents", message: `expected n = ${b.n} rows, got ${b.latents.length}` }]);
      const seed = b.latents ? null : (b.seed ?? c.get("replayHint")?.seed ?? randomInt(2 ** 31 - 1));
      return generate(c, {
        id,
        version: b.version,
        ema: b.ema,
        format: b.format,
        seed,
        run: (g) => {
          const bad = b.latents?.findIndex((row) => row.length !== g.zDim) ?? -1;
          if (bad >= 0) throw invalid(422, [{ path: `body.latents.${bad}`, message: `expected zDim = ${g.zDim} values` }]);
          return g.sample({ n: b.n, seed: seed ?? undefined, truncation: b.truncation, latents: b.latents?.flat() });
        },
      });
    },
  );

  app.openapi(
    securedRoute("sample", {
      method: "get",
      path: "/{id}/samples.png",
      tags: ["samples"],
      operationId: "getSamplesPng",
      summary: "Sample a model as a PNG",
      request: { params: IdParams, query: SamplesPngQuery },
      responses: {
        200: { description: "PNG image grid or 2-D scatter plot.", content: { "image/png": binary } },
        ...problemResponses(400, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const seed = q.seed ?? randomInt(2 ** 31 - 1);
      return generate(c, {
        id,
        version: q.version,
        ema: undefined,
        format: "png",
        seed,
        run: (g) => g.sample({ n: q.n, seed, truncation: q.truncation }),
      });
    },
  );

  app.openapi(
    securedRoute("sample", {
      method: "post",
      path: "/{id}/interpolations",
      tags: ["samples"],
      operationId: "createInterpolation",
      summary: "Interpolate between two latents",
      description: "Endpoints are seeds (their first latent) or explicit zDim latents; `steps` points including both ends.",
      request: {
        params: IdParams,
        headers: PostHeaders,
        body: { required: true, content: { "application/json": { schema: InterpolationRequest } } },
      },
      responses: sampleResponses,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      return generate(c, {
        id,
        version: b.version,
        ema: b.ema,
        format: b.format,
        seed: typeof b.from === "number" ? b.from : null,
        run: (g) => {
          for (const [field, e] of [
            ["from", b.from],
            ["to", b.to],
          ] as const) {
            if (typeof e !== "number" && e.length !== g.zDim)
              throw invalid(422, [{ path: `body.${field}`, message: `expected zDim = ${g.zDim} values` }]);
          }
          return g.interpolate({ from: b.from, to: b.to, steps: b.steps, mode: b.mode, truncation: b.truncation });
        },
      });
    },
  );

  return app;
}
