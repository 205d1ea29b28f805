/**
 * The weights export as a user runs it: the real API (its own process, its default backend) serves a model
 * version's generator and samples; this process plays the browser with plain @tensorflow/tfjs on the cpu backend,
 * loads the export with tf.loadLayersModel(tf.io.fromMemory(…)) and feeds it the latents the API used. Checkpoints
 * are written with the trainer's own writer, one per architecture (mlp2d with EMA, mlp, dcgan with batch norm and
 * transposed convolutions), with moving statistics and β set away from their initial values so batch norm's
 * inference path is really exercised.
 */
import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrainingConfig } from "@gantry/core";
import { buildNetwork, resolveConfig, variableKey, type Network } from "@gantry/trainer";
import { drawLatents, writeCheckpoint, type TensorMap } from "@gantry/trainer/checkpoint";
import { BUILTIN_DATASET_INFO } from "@gantry/trainer/data";
import { openStorage } from "@gantry/trainer/storage";
import { startApiServer, type ApiServer } from "./support/api-server.ts";

const KEY = "export-test-sample-key";
const MODELS = {
  "m-ring": { data: "ring8", model: { gHidden: [16, 16], dHidden: [16] }, ema: true },
  "m-mlp": { data: "mnist", model: { arch: "mlp", zDim: 8, gHidden: [32], dHidden: [32], gNorm: "none" }, ema: false },
  "m-mlp-gnorm": { data: "mnist", model: { arch: "mlp", zDim: 8, gHidden: [32], dHidden: [32], gNorm: "batch" }, ema: false },
  "m-dcgan": { data: "mnist", model: { arch: "dcgan", zDim: 8, gHidden: [8, 4], dHidden: [4, 8] }, ema: false },
} as const;
type ModelId = keyof typeof MODELS;

/** Variables as checkpoint tensors; batch-norm statistics and β moved off 0/1 by a fixed, hand-picked pattern. */
function tensorsOf(net: Network, prefix = ""): TensorMap {
  const out: TensorMap = {};
  for (const v of [...net.trainable, ...net.state]) {
    const key = variableKey(v);
    const data = Float32Array.from(v.dataSync());
    if (/\/(movingMean|beta)$/.test(key)) data.forEach((_, i) => (data[i] = 0.1 * Math.sin(i + 1)));
    if (key.endsWith("/movingVariance")) data.forEach((_, i) => (data[i] = 0.5 + 0.25 * (i % 4)));
    out[prefix + key] = { shape: [...v.shape], data };
  }
  return out;
}

async function post(server: ApiServer, url: string, body: unknown): Promise<{ data: number[][]; shape: number[] }> {
  const res = await fetch(new URL(url, server.url), {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { data: number[][]; shape: number[] };
}

/** The documented loader (README "Export a generator"), verbatim apart from the test's URL and key. */
async function loadExport(server: ApiServer, id: string, step: number | string) {
  const res = await fetch(new URL(`v1/models/${id}/versions/${step}/generator`, server.url), { headers: { authorization: `Bearer ${KEY}` } });
  expect(res.status).toBe(200);
  const a = (await res.json()) as {
    modelTopology: object;
    weightSpecs: tf.io.WeightsManifestEntry[];
    weightData: string;
    zDim: number;
    step: number;
    ema: boolean;
  };
  const weightData = Uint8Array.from(atob(a.weightData), (ch) => ch.charCodeAt(0)).buffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: a.modelTopology, weightSpecs: a.weightSpecs, weightData }));
  return { model, meta: a };
}

function run(model: tf.LayersModel, latents: Float32Array, n: number, zDim: number): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(latents, [n, zDim])) as tf.Tensor).dataSync() as Float32Array);
}

/** Largest |a − b| over every value (shapes checked by the caller). */
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe("generator export (TF.js layers model)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gantry-export-"));
  let server: ApiServer;
  const zDims: Record<string, number> = {};
  beforeAll(async () => {
    await tf.setBackend("cpu");
    const storage = openStorage(`file://${dir}`);
    for (const [id, m] of Object.entries(MODELS)) {
      const info = BUILTIN_DATASET_INFO[m.data]!;
      const config = resolveConfig(parseTrainingConfig({ data: { name: m.data }, loss: { name: "ns" }, model: m.model, seed: 5 }), info);
      const g = buildNetwork(config, info.sampleShape, "g");
      // The EMA copy differs from G, so exporting the wrong set would show.
      const ema = m.ema ? buildNetwork({ ...config, seed: 77 }, info.sampleShape, "g", "ema/g") : null;
      const tensors = { ...tensorsOf(g), ...(ema ? tensorsOf(ema) : {}) };
      const dataset = { id: m.data, kind: info.kind, sampleShape: info.sampleShape, range: info.range, classes: info.classes };
      await writeCheckpoint(storage, id, { step: 40, tensors }, { config: config as never, dataset, backend: "cpu", seed: 5 });
      g.dispose();
      ema?.dispose();
      zDims[id] = config.model.zDim;
    }
    server = await startApiServer(dir, { GANTRY_API_KEYS: `${KEY}:sample` });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(MODELS) as ModelId[])("%s: the export reproduces the API's samples for the same latents (|Δ| ≤ 1e-5)", async (id) => {
    const zDim = zDims[id]!;
    const n = 6;
    // Explicit latents, spread over ±2.
    const latents = Float32Array.from({ length: n * zDim }, (_, i) => 2 * Math.sin(1.3 * i + 0.7));
    const api = await post(server, `v1/models/${id}/samples`, {
      n,
      latents: Array.from({ length: n }, (_, r) => Array.from(latents.subarray(r * zDim, (r + 1) * zDim))),
    });
    const { model, meta } = await loadExport(server, id, 40);
    expect(meta).toMatchObject({ step: 40, zDim, ema: MODELS[id].ema });
    const ours = run(model, latents, n, zDim);
    expect(api.shape).toEqual([n, ...BUILTIN_DATASET_INFO[MODELS[id].data]!.sampleShape]);
    expect(ours.length).toBe(api.data.flat().length);
    expect(maxAbsDiff(ours, api.data.flat())).toBeLessThanOrEqual(1e-5);
    // Not trivially equal: the outputs vary across samples.
    expect(maxAbsDiff(ours.subarray(0, ours.length / n), ours.subarray(ours.length / n, (2 * ours.length) / n))).toBeGreaterThan(1e-3);
    model.dispose();
  });

  it("seeded samples: the trainer's drawLatents gives the latents a seed stands for", async () => {
    const api = await post(server, "v1/models/m-ring/samples", { n: 5, seed: 1234 });
    const { model } = await loadExport(server, "m-ring", "latest");
    const ours = run(model, drawLatents(5, 2, 1234), 5, 2);
    expect(maxAbsDiff(ours, api.data.flat())).toBeLessThanOrEqual(1e-5);
    // ema=false exports G itself, which differs from the EMA weights sampled by default.
    const res = await fetch(new URL("v1/models/m-ring/versions/40/generator?ema=false", server.url), { headers: { authorization: `Bearer ${KEY}` } });
    expect(((await res.json()) as { ema: boolean }).ema).toBe(false);
    model.dispose();
  });

  it("needs the sampling scope, and names a missing version", async () => {
    const anon = await fetch(new URL("v1/models/m-ring/versions/40/generator", server.url));
    expect(anon.status).toBe(401);
    const missing = await fetch(new URL("v1/models/m-ring/versions/41/generator", server.url), { headers: { authorization: `Bearer ${KEY}` } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
  });
});
