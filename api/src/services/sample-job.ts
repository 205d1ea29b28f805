import type { LoadedGenerator } from "@gantry/trainer/checkpoint";
import { invalid } from "../http/problem.ts";
import type { GeneratorCache, ModelVersion } from "./generator-cache.ts";
import { generatorInputProblem, renderSamples, type Rendered } from "./sampling.ts";

/**
 * One sampling request as plain data, so it can be run in this thread or posted to an inference worker: the
 * route parses and validates the body, this says what to compute, and `runJob` computes and renders it.
 */
export interface SampleJob {
  id: string;
  version: ModelVersion;
  ema: boolean | undefined;
  format: "json" | "png" | "npy";
  /** The seed reported with the result (null for explicit latents). */
  seed: number | null;
  op:
    | { kind: "sample"; n: number; seed?: number; truncation?: number; latents?: number[][] }
    | {
        kind: "interpolate";
        from: number | number[];
        to: number | number[];
        steps: number;
        mode: "slerp" | "linear";
        truncation?: number;
      };
}

/** The rendered response body and the checkpoint step it came from. */
export interface JobResult extends Rendered {
  step: number;
}

/** Runs a job on a loaded generator and renders it; input errors become 422 problems naming the body field. */
export function runJob(g: LoadedGenerator, job: SampleJob): JobResult {
  let out: { data: Float32Array; shape: number[] };
  const op = job.op;
  try {
    if (op.kind === "sample") {
      const bad = op.latents?.findIndex((row) => row.length !== g.zDim) ?? -1;
      if (bad >= 0) throw invalid(422, [{ path: `body.latents.${bad}`, message: `expected zDim = ${g.zDim} values` }]);
      out = g.sample({ n: op.n, seed: op.seed, truncation: op.truncation, latents: op.latents?.flat() });
    } else {
      for (const [field, e] of [
        ["from", op.from],
        ["to", op.to],
      ] as const) {
        if (typeof e !== "number" && e.length !== g.zDim)
          throw invalid(422, [{ path: `body.${field}`, message: `expected zDim = ${g.zDim} values` }]);
      }
      out = g.interpolate({ from: op.from, to: op.to, steps: op.steps, mode: op.mode, truncation: op.truncation });
    }
  } catch (err) {
    throw generatorInputProblem(err);
  }
  return { ...renderSamples(out, job.format, { seed: job.seed, version: g.step }), step: g.step };
}

/** Where sampling jobs run: this thread's generator cache, or a pool of inference workers. */
export interface Sampler {
  run(job: SampleJob): Promise<JobResult>;
  /** Forgets every loaded generator of model `id` (it was deleted). */
  evict(id: string): void;
  /** Loaded generators and their bytes, summed over wherever they live. */
  stats(): { entries: number; bytes: number; budgetBytes: number };
}

/** Runs jobs in this thread, on `cache`'s generators (Lambda, tests, and GANTRY_SAMPLER_WORKERS=0). */
export function inProcessSampler(cache: GeneratorCache): Sampler {
  return {
    run: (job) => cache.use(job.id, job.version, job.ema, (g) => runJob(g, job)),
    evict: (id) => cache.evict(id),
    stats: () => cache.stats(),
  };
}
