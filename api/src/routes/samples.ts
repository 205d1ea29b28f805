import { randomInt } from "node:crypto";
import type { Context } from "hono";
import { z } from "@hono/zod-openapi";
import type { ResolvedDeps } from "../deps.ts";
import type { AppEnv } from "../http/context.ts";
import { preferWait, waitFor } from "../http/prefer.ts";
import { invalid, problemResponses } from "../http/problem.ts";
import { newRouter, securedRoute } from "../http/route.ts";
import { IdParams } from "../schemas/common.ts";
import { InterpolationRequest, SampleRequest, SampleResponse, SamplesPngQuery } from "../schemas/sample.ts";
import type { JobResult, SampleJob } from "../services/sample-job.ts";
import { generatorInputProblem, loadProblem } from "../services/sampling.ts";
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

/** /v1/models/{id}/samples, samples.png and interpolations. */
export function samplesRoutes(d: ResolvedDeps) {
  const app = newRouter();

  /** Runs the job where the deployment samples (this thread or an inference worker); honours `Prefer: wait`. */
  const generate = async (c: Context<AppEnv>, job: SampleJob): Promise<Response> => {
    // An idempotent replay of a response too large to store: recompute it from the same seed and checkpoint.
    const replay = c.get("replayHint");
    const version = replay?.version ?? job.version;
    const wait = replay ? null : preferWait(c.req.header("prefer"));
    if (wait !== null) {
      // Hold until the training has ended so the final checkpoint is what gets sampled.
      await waitFor(wait, async () => {
        const st = await readStatus(d.storage, job.id);
        return !st || isTerminal(st.status) ? true : null;
      });
      c.header("Preference-Applied", `wait=${wait}`);
    }
    let out: JobResult;
    try {
      out = await d.sampler.run({ ...job, version });
    } catch (err) {
      // Loading can refuse the request too (ema on a run without EMA weights): typed, so a 422 at its field.
      throw await loadProblem(generatorInputProblem(err), d.storage, job.id, version, "train longer or send Prefer: wait=<seconds>");
    }
    // The response is a pure function of the request, this seed and this checkpoint.
    c.set("recomputeHint", { seed: job.seed, version: out.step });
    d.metrics?.samples(job.op.kind === "sample" ? job.op.n : job.op.steps);
    if (job.format !== "json") {
      c.header("X-Gantry-Seed", job.seed === null ? "none" : String(job.seed));
      c.header("X-Gantry-Version", String(out.step));
      if (job.format === "npy") c.header("Content-Disposition", 'attachment; filename="samples.npy"');
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
        op: { kind: "sample", n: b.n, seed: seed ?? undefined, truncation: b.truncation, latents: b.latents },
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
        op: { kind: "sample", n: q.n, seed, truncation: q.truncation },
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
        op: { kind: "interpolate", from: b.from, to: b.to, steps: b.steps, mode: b.mode, truncation: b.truncation },
      });
    },
  );

  return app;
}
