import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GeneratorInputError, parseTrainingConfig } from "@gantry/core";
import { makeToy } from "../data/toys.ts";
import { resolveConfig } from "../engine/resolve-config.ts";
import { buildNetwork, variableKey, type Network } from "../models/index.ts";
import { openStorage, type Storage } from "../storage/index.ts";
import type { TensorMap } from "./format.ts";
import { loadGenerator } from "./inference.ts";
import { drawLatents, interpolateLatents } from "./latents.ts";
import { writeCheckpoint } from "./write.ts";

let dir: string;
let storage: Storage;
const toy = makeToy("ring8");
const config = resolveConfig(
  parseTrainingConfig({ data: { name: "ring8" }, loss: { name: "ns" }, model: { gHidden: [8, 8], dHidden: [8] }, seed: 3 }),
  toy.info,
);
const dataset = { id: "ring8", kind: "toy2d" as const, sampleShape: [2], range: toy.info.range, classes: null };

function exportNet(net: Network, prefix = ""): TensorMap {
  const out: TensorMap = {};
  for (const v of [...net.trainable, ...net.state]) {
    out[prefix + variableKey(v)] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
  }
  return out;
}

beforeAll(async () => {
  await tf.setBackend("cpu");
  dir = await mkdtemp(path.join(tmpdir(), "gantry-inf-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("latents", () => {
  it("are reproducible, prefix-stable and truncated by resampling", () => {
    const a = drawLatents(5, 3, 42);
    expect(Buffer.from(drawLatents(5, 3, 42).buffer)).toEqual(Buffer.from(a.buffer));
    expect([...drawLatents(2, 3, 42)]).toEqual([...a.subarray(0, 6)]);
    expect([...drawLatents(2, 3, 43)]).not.toEqual([...a.subarray(0, 6)]);
    const t = drawLatents(2000, 1, 7, 0.5);
    expect(Math.max(...t.map(Math.abs))).toBeLessThanOrEqual(0.5);
    // Resampling (not clamping): no pile-up at ±t; a truncated normal on [-0.5, 0.5] has sd ≈ 0.2838.
    expect(t.filter((z) => Math.abs(z) === 0.5).length).toBe(0);
    const sd = Math.sqrt(t.reduce((s, z) => s + z * z, 0) / t.length);
    expect(sd).toBeGreaterThan(0.27);
    expect(sd).toBeLessThan(0.3);
    expect(() => drawLatents(1, 1, 0, 0.01)).toThrow(/truncation must be a number ≥ 0.05/);
  });

  it("interpolate linearly and along the great circle", () => {
    const a = Float32Array.from([1, 0]);
    const b = Float32Array.from([0, 1]);
    const lin = interpolateLatents(a, b, 3, "linear");
    expect([...lin]).toEqual([1, 0, 0.5, 0.5, 0, 1]);
    const sl = interpolateLatents(a, b, 3, "slerp");
    expect(sl[2]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(sl[3]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(() => interpolateLatents(a, b, 1)).toThrow(/steps must be an integer ≥ 2/);
  });
});

describe("loadGenerator", () => {
  it("rebuilds G (and its EMA) from a checkpoint and samples reproducibly", async () => {
    const before = tf.memory().numTensors;
    const g = buildNetwork(config, [2], "g");
    const emaNet = buildNetwork({ ...config, seed: 99 }, [2], "g");
    const tensors = { ...exportNet(g), ...exportNet(emaNet, "ema/") };
    await writeCheckpoint(storage, "inf", { step: 7, tensors }, { config, dataset, backend: "cpu", seed: 3 });

    const gen = await loadGenerator(storage, "inf", "latest", { ema: false });
    expect(gen.step).toBe(7);
    expect(gen.zDim).toBe(2);
    // (2·8 + 8) + (8·8 + 8) + (8·2 + 2) floats.
    expect(gen.bytes).toBe((24 + 72 + 18) * 4);
    const s = gen.sample({ n: 300, seed: 5 });
    expect(s.shape).toEqual([300, 2]);
    const expected = tf.tidy(() => g.apply(tf.tensor2d(s.latents, [300, 2]), { training: false }).dataSync());
    expect(Buffer.from(s.data.buffer)).toEqual(Buffer.from(new Float32Array(expected).buffer));
    expect(Buffer.from(gen.sample({ n: 300, seed: 5 }).data.buffer)).toEqual(Buffer.from(s.data.buffer));
    expect([...gen.sample({ n: 3, seed: 5 }).data]).toEqual([...s.data.subarray(0, 6)]);
    const explicit = gen.sample({ n: 1, latents: [0.25, -1] });
    expect([...explicit.latents]).toEqual([0.25, -1]);
    const path3 = gen.interpolate({ from: 1, to: [0, 0], steps: 3, mode: "linear" });
    expect(path3.shape).toEqual([3, 2]);
    expect([...path3.data.subarray(0, 2)]).toEqual([...gen.sample({ n: 1, seed: 1 }).data]);
    expect(() => gen.sample({ n: 0 })).toThrow(/n must be an integer in 1\.\.1024/);
    expect(() => gen.sample({ n: 1025 })).toThrow(expect.objectContaining({ name: "GeneratorInputError", field: "n" }));
    expect(() => gen.interpolate({ from: [0], to: 1, steps: 3 })).toThrow(expect.objectContaining({ field: "from" }));
    expect(() => gen.sample({ n: 2, latents: [1] })).toThrow(/n × zDim = 4/);

    const emaGen = await loadGenerator(storage, "inf", 7);
    expect(emaGen.ema).toBe(true);
    const e = emaGen.sample({ n: 4, seed: 5 });
    const eExpected = tf.tidy(() => emaNet.apply(tf.tensor2d(e.latents, [4, 2]), { training: false }).dataSync());
    expect([...e.data]).toEqual([...eExpected]);
    expect([...e.data]).not.toEqual([...s.data.subarray(0, 8)]);

    gen.dispose();
    emaGen.dispose();
    gen.dispose();
    expect(() => gen.sample({ n: 1 })).toThrow(/after dispose/);
    g.dispose();
    emaNet.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses EMA when the run has none, and names a tensor that is missing", async () => {
    const before = tf.memory().numTensors;
    const g = buildNetwork(config, [2], "g");
    const tensors = exportNet(g);
    g.dispose();
    await writeCheckpoint(storage, "noema", { step: 1, tensors }, { config, dataset, backend: "cpu", seed: 3 });
    const noEma = await loadGenerator(storage, "noema", "latest", { ema: true }).catch((e: unknown) => e);
    expect(noEma).toBeInstanceOf(GeneratorInputError);
    expect(noEma).toMatchObject({ field: "ema", message: "ema is not available: the run kept no EMA weights (emaDecay 0)" });
    delete tensors["g/dense1/bias"];
    await writeCheckpoint(storage, "noema", { step: 2, tensors }, { config, dataset, backend: "cpu", seed: 3 });
    await expect(loadGenerator(storage, "noema", "latest")).rejects.toThrow(/tensor g\/dense1\/bias is missing/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
