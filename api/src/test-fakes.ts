/** Test doubles: a tiny deterministic generator and the storage a finished training leaves behind. */
import type { LoadedGenerator } from "@gantry/trainer/checkpoint";
import { GeneratorInputError, parseTrainingConfig } from "@gantry/core";
import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import type { GeneratorLoader } from "./services/generator-cache.ts";
import { createTraining, patchStatus } from "./services/training-store.ts";

/** Deterministic stand-in for a trained generator: output i of seed s is a fixed function of (s, i). */
export function fakeGenerator(step: number, sampleShape: number[] = [2], zDim = 3): LoadedGenerator {
  const per = sampleShape.reduce((a, b) => a * b, 1);
  const forward = (latents: Float32Array, n: number) => {
    const data = new Float32Array(n * per);
    for (let i = 0; i < n; i++) for (let j = 0; j < per; j++) data[i * per + j] = Math.tanh(latents[i * zDim + (j % zDim)]! + step / 1000);
    return { data, shape: [n, ...sampleShape], latents };
  };
  const draw = (n: number, seed: number) => {
    const out = new Float32Array(n * zDim);
    let s = seed >>> 0;
    for (let i = 0; i < out.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      out[i] = (s / 2 ** 32) * 4 - 2;
    }
    return out;
  };
  let disposed = false;
  const gen = {
    trainingId: "fake",
    step,
    ema: false,
    zDim,
    sampleShape,
    bytes: 1000,
    sample: (r: { n: number; seed?: number; latents?: readonly number[] | Float32Array }) => {
      if (disposed) throw new Error("used after dispose");
      return forward(r.latents ? Float32Array.from(r.latents) : draw(r.n, r.seed ?? 0), r.n);
    },
    interpolate: (r: { from: number | readonly number[] | Float32Array; to: number | readonly number[] | Float32Array; steps: number }) => {
      const end = (e: number | readonly number[] | Float32Array) => (typeof e === "number" ? draw(1, e) : Float32Array.from(e));
      const a = end(r.from);
      const b = end(r.to);
      const lat = new Float32Array(r.steps * zDim);
      for (let s = 0; s < r.steps; s++) for (let k = 0; k < zDim; k++) lat[s * zDim + k] = a[k]! + ((b[k]! - a[k]!) * s) / (r.steps - 1);
      return forward(lat, r.steps);
    },
    // A real layers topology is the trainer's business (test/src/generator-export.test.ts runs one); this is the shape.
    exportLayersModel: () => ({
      format: "tfjs-layers",
      trainingId: "fake",
      step,
      ema: false,
      zDim,
      sampleShape,
      modelTopology: { class_name: "Sequential", config: { name: "generator", layers: [] } },
      weightSpecs: [],
      weightData: "",
    }),
    dispose: () => {
      disposed = true;
    },
    get disposed() {
      return disposed;
    },
  };
  return gen as unknown as LoadedGenerator;
}

/** Loader over checkpoints written by `publishFakeCheckpoint` (reads the pointer/manifest like the real one). */
export const fakeLoader: GeneratorLoader = async (storage, id, version, opts) => {
  const keys = trainingKeys(id);
  // Seeded runs keep no EMA weights; the real loader refuses `ema: true` with this typed error.
  if (opts.ema === true) throw new GeneratorInputError("ema", "is not available: the run kept no EMA weights (emaDecay 0)");
  let step: number;
  if (typeof version === "number") step = version;
  else {
    const p = await storage.getJson<{ step: number }>(version === "latest" ? keys.latest : keys.best);
    if (!p) throw Object.assign(new Error(`no ${version}.json`), { name: "CheckpointError", code: "not_found" });
    step = p.step;
  }
  const m = await storage.getJson<{ sampleShape?: number[] }>(`${keys.checkpoint(step)}manifest.json`);
  if (!m) throw Object.assign(new Error(`no checkpoint ${step}`), { name: "CheckpointError", code: "not_found" });
  return fakeGenerator(step, m.sampleShape ?? [2]);
};

/** Writes what a finished training leaves behind: config, status, checkpoints (manifest + pointers). */
export async function seedTraining(
  storage: Storage,
  id: string,
  opts: { status?: "succeeded" | "running" | "queued"; steps?: number[]; dataset?: string; loss?: string; sampleShape?: number[] } = {},
): Promise<void> {
  const config = { data: { name: opts.dataset ?? "ring8" }, loss: { name: opts.loss ?? "ns" }, steps: 100 };
  await createTraining(storage, id, parseTrainingConfig(config));
  const keys = trainingKeys(id);
  for (const step of opts.steps ?? []) {
    await storage.putJson(`${keys.checkpoint(step)}manifest.json`, {
      step,
      createdAt: new Date(1_700_000_000_000 + step).toISOString(),
      metrics: { step, values: { energy: 1 / (step + 1) } },
      sampleShape: opts.sampleShape ?? [2],
    });
    await storage.putJson(keys.latest, { step, manifest: `checkpoints/${String(step).padStart(9, "0")}/manifest.json` });
  }
  const first = opts.steps?.[0];
  if (first !== undefined) await storage.putJson(keys.best, { step: first });
  if (opts.status && opts.status !== "queued") await patchStatus(storage, id, { status: opts.status });
}
