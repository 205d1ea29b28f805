import * as tf from "@tensorflow/tfjs-core";
import { GeneratorInputError, MAX_SAMPLES, type ResolvedTrainingConfig } from "@gantry/core";
import { buildNetwork, variableKey, type Network } from "../models/index.ts";
import { toLayersModel } from "../models/keras.ts";
import type { Storage } from "../storage/index.ts";
import { CheckpointError, type CheckpointManifest, type TensorMap } from "./format.ts";
import { type RunRef, runLabel } from "./keys.ts";
import { drawLatents, interpolateLatents } from "./latents.ts";
import { type CheckpointVersion, readManifest, readTensors } from "./read.ts";

export { MAX_SAMPLES } from "@gantry/core";
// Fixed forward-pass chunk, so a request's bytes never depend on how it is batched internally.
const CHUNK = 256;

export interface SampleRequest {
  n: number;
  /** Seed of the latent draw; same seed, n and truncation → byte-identical output on the same backend. */
  seed?: number;
  /** Truncation threshold t ≥ 0.05: latent coordinates with |z| > t are resampled (see drawLatents). */
  truncation?: number;
  /** Explicit latents, n × zDim (overrides seed and truncation). */
  latents?: Float32Array | readonly number[];
}

export interface InterpolateRequest {
  /** Endpoint: a seed (its first latent, with the same truncation rule) or an explicit zDim latent. */
  from: number | Float32Array | readonly number[];
  to: number | Float32Array | readonly number[];
  /** Points including both endpoints (2..MAX_SAMPLES). */
  steps: number;
  mode?: "slerp" | "linear";
  truncation?: number;
}

export interface SampleResult {
  /** Row-major samples, n × prod(sampleShape). Images are in [−1, 1]; toys in data units. */
  data: Float32Array;
  /** [n, ...sampleShape]. */
  shape: number[];
  /** The latents used, n × zDim. */
  latents: Float32Array;
}

/**
 * The generator as a TF.js layers model in one JSON document: `modelTopology` and `weightSpecs` as in a model.json,
 * the weights as base64 float32 (little-endian) in `weightData`. `tf.loadLayersModel(tf.io.fromMemory({ modelTopology,
 * weightSpecs, weightData: <decoded bytes> }))` runs it: input [n, zDim] latents, output [n, ...sampleShape].
 */
export interface GeneratorExport {
  format: "tfjs-layers";
  trainingId: string;
  step: number;
  ema: boolean;
  zDim: number;
  sampleShape: number[];
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[]; dtype: "float32" }[];
  weightData: string;
}

export interface LoadedGenerator {
  trainingId: string;
  step: number;
  /** Whether the EMA weights were loaded. */
  ema: boolean;
  config: ResolvedTrainingConfig;
  manifest: CheckpointManifest;
  zDim: number;
  sampleShape: number[];
  /** Approximate memory held (variable bytes), for an LRU cache. */
  bytes: number;
  sample(req: SampleRequest): SampleResult;
  interpolate(req: InterpolateRequest): SampleResult;
  /** The loaded weights (EMA or not, as loaded) as a TF.js layers model; the same forward pass as `sample`. */
  exportLayersModel(): GeneratorExport;
  dispose(): void;
}

function checkCount(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SAMPLES) {
    throw new GeneratorInputError(field, `must be an integer in 1..${MAX_SAMPLES}, got ${n}`);
  }
}

/** Copies checkpoint tensors into a freshly built generator; EMA values win for trainable weights when asked. */
export function assignWeights(net: Network, tensors: TensorMap, ema: boolean, what: string): void {
  for (const v of [...net.trainable, ...net.state]) {
    const key = variableKey(v);
    const t = (ema ? tensors[`ema/${key}`] : undefined) ?? tensors[key];
    if (!t) throw new CheckpointError("corrupt", `${what}: tensor ${ema ? `ema/${key} / ` : ""}${key} is missing`);
    if (t.shape.join(",") !== v.shape.join(",")) {
      throw new CheckpointError("incompatible", `${what}: ${key} has shape [${t.shape}], model needs [${v.shape}]`);
    }
    tf.tidy(() => v.assign(tf.tensor(t.data, t.shape, "float32")));
  }
}

/**
 * Loads a checkpoint's generator for sampling, rebuilt from the manifest's resolved config (no dataset needed) on
 * the current tfjs backend (initialise it first). `ema` (default: true when the run kept an EMA) loads the EMA
 * weights; asking for EMA on a run without one throws. Only the generator's files are read and verified.
 */
export async function loadGenerator(
  storage: Storage,
  run: RunRef,
  version: CheckpointVersion,
  opts: { ema?: boolean } = {},
): Promise<LoadedGenerator> {
  const what = `generator of ${runLabel(run)} (${String(version)})`;
  const { manifest, manifestKey } = await readManifest(storage, run, version);
  const hasEma = manifest.weightsManifest.some((g) => g.group === "ema");
  const ema = opts.ema ?? hasEma;
  // A request for what the run never kept is bad input (field `ema`), not a missing checkpoint.
  if (ema && !hasEma) throw new GeneratorInputError("ema", "is not available: the run kept no EMA weights (emaDecay 0)");
  // The generator group is read with the EMA too: an EMA group without state falls back to G's BN/SN state.
  const tensors = await readTensors(storage, manifestKey, manifest, ema ? ["generator", "ema"] : ["generator"], what);
  const config = manifest.config as unknown as ResolvedTrainingConfig;
  const sampleShape = [...manifest.dataset.sampleShape];
  const net = buildNetwork(config, sampleShape, "g");
  try {
    assignWeights(net, tensors, ema, what);
  } catch (err) {
    net.dispose();
    throw err;
  }
  const zDim = config.model.zDim;
  const perSample = sampleShape.reduce((a, b) => a * b, 1);
  let disposed = false;

  const forward = (latents: Float32Array, n: number): SampleResult => {
    if (disposed) throw new Error(`${what}: used after dispose()`);
    const data = new Float32Array(n * perSample);
    for (let start = 0; start < n; start += CHUNK) {
      const k = Math.min(CHUNK, n - start);
      const out = tf.tidy(() => {
        const z = tf.tensor2d(latents.subarray(start * zDim, (start + k) * zDim), [k, zDim]);
        return tf.reshape(net.apply(z, { training: false }), [k * perSample]);
      });
      data.set(out.dataSync() as Float32Array, start * perSample);
      out.dispose();
    }
    return { data, shape: [n, ...sampleShape], latents };
  };
  const endpoint = (e: InterpolateRequest["from"], truncation: number | undefined, field: string): Float32Array => {
    if (typeof e === "number") return drawLatents(1, zDim, e, truncation);
    if (e.length !== zDim) throw new GeneratorInputError(field, `must have ${zDim} values, got ${e.length}`);
    return Float32Array.from(e);
  };

  return {
    trainingId: manifest.trainingId,
    step: manifest.step,
    ema,
    config,
    manifest,
    zDim,
    sampleShape,
    bytes: [...net.trainable, ...net.state].reduce((s, v) => s + v.size * 4, 0),
    sample(req) {
      checkCount(req.n, "n");
      if (req.latents !== undefined) {
        if (req.latents.length !== req.n * zDim) {
          throw new GeneratorInputError("latents", `must have n × zDim = ${req.n * zDim} values, got ${req.latents.length}`);
        }
        return forward(Float32Array.from(req.latents), req.n);
      }
      return forward(drawLatents(req.n, zDim, req.seed ?? 0, req.truncation), req.n);
    },
    interpolate(req) {
      checkCount(req.steps, "steps");
      if (req.steps < 2) throw new GeneratorInputError("steps", `must be ≥ 2 (both endpoints), got ${req.steps}`);
      const a = endpoint(req.from, req.truncation, "from");
      const b = endpoint(req.to, req.truncation, "to");
      return forward(interpolateLatents(a, b, req.steps, req.mode), req.steps);
    },
    exportLayersModel() {
      if (disposed) throw new Error(`${what}: used after dispose()`);
      const m = toLayersModel(net, zDim, "generator");
      const weightData = Buffer.from(m.weightData.buffer, m.weightData.byteOffset, m.weightData.byteLength).toString("base64");
      const meta = { trainingId: manifest.trainingId, step: manifest.step, ema, zDim, sampleShape };
      return { format: "tfjs-layers", ...meta, modelTopology: m.modelTopology, weightSpecs: m.weightSpecs, weightData };
    },
    dispose() {
      if (!disposed) net.dispose();
      disposed = true;
    },
  };
}
