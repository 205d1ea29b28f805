/**
 * The native batch-norm kernels (native-batch-norm.ts) against the composite path the layer takes on wasm: y, dx,
 * dgamma, dbeta, the moving statistics after the step, and the inference output from them. Tolerance, per element
 * of each tensor: |native − wasm| ≤ 1e-5·max(1, max|wasm|) + 1e-4·|wasm| (float32 sums over ≤ 392 rows in another
 * order, then one division by √(var + ε)). Also: oneDNN (not the composite ops) ran; same inputs give identical
 * bits twice; a second-order gradient, or one through the batch statistics, fails with a typed error; no leaks.
 */
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { TrainingConfigInput } from "@gantry/core";
import { createSession } from "../engine/session.ts";
import { fakeImages, liveTensors, resolved, tensorTestScope, useBackend } from "../engine/testing.ts";
import { batchNorm } from "../models/batch-norm.ts";
import { LayerBuilder } from "../models/layers.ts";
import { seeded } from "./grad-check.ts";
import { loadNativeAddon } from "./native-addon.ts";
import { batchNormTrain, NativeBatchNormSecondOrderError } from "./native-batch-norm.ts";

const built = loadNativeAddon().addon !== undefined;
const NAMES = ["y", "dx", "dgamma", "dbeta", "movingMean", "movingVariance", "inference y"];

/** One training step of a fresh BN layer (dcgan init: random gamma) on x, loss Σ y·w, then an inference pass. */
function layerStep(shape: number[]): Float32Array[] {
  const c = shape[shape.length - 1]!;
  const bn = batchNorm(new LayerBuilder("t", "dcgan", 5, 0), c);
  const [gamma, beta] = bn.trainable as [tf.Variable, tf.Variable];
  const out = tf.tidy(() => {
    beta.assign(seeded([c], 3, 0.5));
    const x = tf.variable(tf.add(seeded(shape, 1, 2), 0.7));
    const w = seeded(shape, 2);
    let y: tf.Tensor | undefined;
    const { grads } = tf.variableGrads(() => {
      y = tf.keep(bn.apply(x, true));
      return tf.sum(tf.mul(y, w));
    }, [x, gamma, beta]);
    const infer = bn.apply(x, false);
    const all = [y!, grads[x.name]!, grads[gamma.name]!, grads[beta.name]!, ...bn.state, infer].map((t) => t.dataSync().slice() as Float32Array);
    tf.dispose([x, y!]);
    return all;
  });
  tf.dispose([...bn.trainable, ...bn.state]);
  return out;
}

/** Counts the addon's batch-norm calls while `fn` runs. */
async function countingCallsAsync<T>(fn: () => T | Promise<T>): Promise<{ out: T; forward: number; backward: number }> {
  const addon = loadNativeAddon().addon!;
  const { batchNormForward, batchNormBackward } = addon;
  let forward = 0;
  let backward = 0;
  addon.batchNormForward = (...a) => (forward++, batchNormForward(...a));
  addon.batchNormBackward = (...a) => (backward++, batchNormBackward(...a));
  try {
    return { out: await fn(), forward, backward };
  } finally {
    Object.assign(addon, { batchNormForward, batchNormBackward });
  }
}

const SHAPES: [string, number[]][] = [
  ["[64, 256]", [64, 256]],
  ["NHWC [8, 7, 7, 16]", [8, 7, 7, 16]],
  ["batch of 2 [2, 5]", [2, 5]],
  ["batch of 1 [1, 5]", [1, 5]],
];

describe.skipIf(!built)("native batch norm", () => {
  tensorTestScope("native");

  it.each(SHAPES)(
    "%s: matches the composite path on wasm (values, gradients, moving statistics)",
    async (_n, shape) => {
      await useBackend("wasm");
      const wasm = layerStep(shape);
      await useBackend("native");
      const { out: native, forward, backward } = await countingCallsAsync(() => layerStep(shape));
      expect([forward, backward]).toEqual([2, 1]); // training + inference forward, one backward: no composite path
      NAMES.forEach((name, k) => {
        const ref = wasm[k]!;
        const got = native[k]!;
        expect(got.length, name).toBe(ref.length);
        const scale = Math.max(1, ...Array.from(ref, Math.abs));
        ref.forEach((r, i) => expect(Math.abs(got[i]! - r), `${name}[${i}]`).toBeLessThanOrEqual(1e-5 * scale + 1e-4 * Math.abs(r)));
      });
      // Hand-checkable anchors: one sample normalises to 0, so y = β and dx = 0; dβ = Σ w over the batch is never 0.
      if (shape[0] === 1) {
        const beta = tf.tidy(() => seeded([shape[1]!], 3, 0.5).dataSync());
        expect(Array.from(native[0]!)).toEqual(Array.from(beta));
        native[1]!.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-6));
      }
      expect(Math.max(...Array.from(native[3]!, Math.abs))).toBeGreaterThan(1e-3);
    },
    30_000,
  ); // starts wasm and native the first time; the shared machine can be slow

  it("same inputs → identical bits twice", async () => {
    await useBackend("native");
    for (const [, shape] of SHAPES.slice(0, 2)) {
      const a = layerStep(shape);
      const b = layerStep(shape);
      a.forEach((t, k) => expect(Buffer.from(b[k]!.buffer).equals(Buffer.from(t.buffer)), NAMES[k]).toBe(true));
    }
  }, 30_000);
});

// Outside tensorTestScope on purpose: when a gradient function throws, tfjs-core does not dispose the tensors the
// interrupted pass had saved (upstream behaviour, the same for every kernel), so a leak count cannot hold here.
describe.skipIf(!built)("native batch norm under a second-order gradient", () => {
  it("fails with a clear error, not a wrong answer, and first-order gradients still work afterwards", async () => {
    await useBackend("native");
    const bn = batchNorm(new LayerBuilder("t", "dcgan", 5, 0), 4);
    const x = seeded([6, 4], 1);
    const w = seeded([6, 4], 2);
    const inner = (v: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(tf.mul(bn.apply(u, true), w)))(v);
    expect(() => tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.square(inner(v))))(x))).toThrow(NativeBatchNormSecondOrderError);
    // A gradient into the batch statistics (the layer only feeds them to the moving averages) is refused too.
    const [gamma, beta] = bn.trainable as [tf.Variable, tf.Variable];
    expect(() => tf.tidy(() => tf.grad((u: tf.Tensor) => tf.sum(batchNormTrain(u, gamma, beta, 1e-5).mean))(x))).toThrow(
      /second-order gradient or one through the batch statistics/,
    );
    // Inference mode (moving statistics) has no gradient at all on native; nothing in Gantry differentiates it.
    expect(() => tf.tidy(() => tf.grad((u: tf.Tensor) => tf.sum(bn.apply(u, false)))(x))).toThrow(/inference-mode native batch norm has no gradient/);
    const before = tf.memory().numTensors;
    const g = tf.tidy(() => inner(x).dataSync());
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.max(...Array.from(g, Math.abs))).toBeGreaterThan(1e-3);
    tf.dispose([x, w, ...bn.trainable, ...bn.state]);
  }, 30_000);
});

/**
 * Whole training steps through the layer: dcgan (batch norm in G, and in D since no penalty is on) and mlp with
 * `gNorm: "batch"`, two SGD steps on native (single batch-norm kernels) vs wasm (composite path). SGD, as in
 * engine/backends.test.ts: Adam's first step is ±lr·sign(g) and flips on gradients near zero. Tolerance per element
 * of every exported tensor (weights, moving statistics): |native − wasm| ≤ 1e-5 + 1e-4·|wasm|.
 */
describe.skipIf(!built)("native batch norm in training steps", () => {
  const sgd = { g: { type: "sgd" as const, lr: 0.05 }, d: { type: "sgd" as const, lr: 0.05 } };
  const images = fakeImages();
  const cases: [string, Partial<TrainingConfigInput>][] = [
    ["dcgan", { model: { arch: "dcgan", gHidden: [8, 4], dHidden: [4, 8] }, batchSize: 8 }],
    ["mlp gNorm batch", { model: { arch: "mlp", gHidden: [32, 16], dHidden: [16], gNorm: "batch" }, batchSize: 16 }],
  ];
  const twoSteps = async (backend: "wasm" | "native", input: Partial<TrainingConfigInput>) => {
    await useBackend(backend);
    const before = liveTensors();
    const s = await createSession(resolved({ ...input, optimizers: sgd, seed: 9 }, images.info), images);
    s.runStep();
    s.runStep();
    const state = await s.exportState();
    s.dispose();
    expect(liveTensors()).toBe(before);
    return state.tensors;
  };

  it.each(cases)(
    "%s: native agrees with wasm after two steps",
    async (_n, input) => {
      const wasm = await twoSteps("wasm", input);
      const { out: native, forward, backward } = await countingCallsAsync(() => twoSteps("native", input));
      expect(forward).toBeGreaterThanOrEqual(4);
      expect(backward).toBeGreaterThanOrEqual(2);
      expect(Object.keys(native).sort()).toEqual(Object.keys(wasm).sort());
      expect(Object.keys(wasm).some((k) => k.includes("movingVariance"))).toBe(true);
      for (const [key, w] of Object.entries(wasm)) {
        const n = native[key]!.data;
        const worst = w.data.reduce((m, x, i) => Math.max(m, Math.abs(n[i]! - x) - 1e-4 * Math.abs(x)), 0);
        expect(worst, key).toBeLessThanOrEqual(1e-5);
      }
    },
    60_000,
  );
});
