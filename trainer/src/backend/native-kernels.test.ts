/**
 * The native backend's oneDNN kernels against the cpu backend's plain-JS reference, on shapes chosen to reach every
 * branch: transpose flags, batch broadcasts, fused bias + activation, strided / padded / dilated convolutions, both
 * convolution gradients (the transposed convolution is the input gradient), each element-wise broadcast form and
 * contiguous / non-contiguous reductions. Same-seed determinism and leaks
 * are checked on whole training steps. Tolerance: float32 sums in another order, max |Δ| ≤ 1e-5 · max |reference|
 * + 1e-6 (these sums have at most a few thousand terms).
 */
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { fakeImages, resolved, stateHash, tensorTestScope } from "../engine/testing.ts";
import { createSession } from "../engine/session.ts";
import { seeded } from "./grad-check.ts";
import { initBackend } from "./index.ts";
import { loadNativeAddon } from "./native-addon.ts";

const built = loadNativeAddon().addon !== undefined;
type Case = [string, () => tf.Tensor];
const T4 = (t: tf.Tensor) => t as tf.Tensor4D;

const cases: Case[] = [
  ["matMul 7x5·5x3", () => tf.matMul(seeded([7, 5], 1), seeded([5, 3], 2))],
  ["matMul aᵀ·b", () => tf.matMul(seeded([5, 7], 3), seeded([5, 3], 4), true, false)],
  ["matMul a·bᵀ", () => tf.matMul(seeded([7, 5], 5), seeded([3, 5], 6), false, true)],
  ["matMul aᵀ·bᵀ", () => tf.matMul(seeded([5, 7], 7), seeded([3, 5], 8), true, true)],
  ["batched 4x7x5·4x5x3", () => tf.matMul(seeded([4, 7, 5], 9), seeded([4, 5, 3], 10))],
  ["batch-broadcast 2x3x7x5·5x6", () => tf.matMul(seeded([2, 3, 7, 5], 11), seeded([5, 6], 12))],
  ["batch-broadcast 5x7·3x7x2 (aᵀ)", () => tf.matMul(seeded([7, 5], 13), seeded([3, 7, 2], 14), true, false)],
  ["partial broadcast 2x1x3x4·1x5x4x2 (wasm fallback)", () => tf.matMul(seeded([2, 1, 3, 4], 15), seeded([1, 5, 4, 2], 16))],
  ...(["linear", "relu", "relu6", "elu", "sigmoid", "leakyrelu"] as const).map(
    (activation, i): Case => [
      `fused bias + ${activation}`,
      () =>
        tf.fused.matMul({
          a: tf.mul(seeded([6, 9], 20 + i), 4),
          b: seeded([9, 4], 30 + i),
          bias: seeded([4], 40 + i),
          activation,
          leakyreluAlpha: 0.3,
        }),
    ],
  ),
  [
    "fused scalar bias, bᵀ",
    () => tf.fused.matMul({ a: seeded([6, 9], 50), b: seeded([4, 9], 51), transposeB: true, bias: tf.scalar(0.25), activation: "relu" }),
  ],
  ["conv 4x4 s2 same, Cin 1", () => tf.conv2d(T4(seeded([3, 9, 9, 1], 60)), T4(seeded([4, 4, 1, 5], 61)), 2, "same")],
  ["conv 3x3 s1 valid, Cin 3", () => tf.conv2d(T4(seeded([2, 8, 7, 3], 62)), T4(seeded([3, 3, 3, 4], 63)), 1, "valid")],
  ["conv 3x3 dilation 2 same", () => tf.conv2d(T4(seeded([2, 9, 9, 2], 64)), T4(seeded([3, 3, 2, 3], 65)), 1, "same", "NHWC", 2)],
  [
    "conv explicit pads, stride [2,1]",
    () =>
      tf.conv2d(
        T4(seeded([2, 7, 6, 2], 66)),
        T4(seeded([2, 3, 2, 3], 67)),
        [2, 1],
        [
          [0, 0],
          [1, 0],
          [2, 1],
          [0, 0],
        ],
      ),
  ],
  [
    "conv2dTranspose 7x7x8 → 14x14x4",
    () => tf.conv2dTranspose(T4(seeded([2, 7, 7, 8], 68)), T4(seeded([4, 4, 4, 8], 69)), [2, 14, 14, 4], 2, "same"),
  ],
  [
    "conv2dTranspose 14x14x4 → 28x28x1",
    () => tf.conv2dTranspose(T4(seeded([2, 14, 14, 4], 70)), T4(seeded([4, 4, 1, 4], 71)), [2, 28, 28, 1], 2, "same"),
  ],
  [
    "conv filter gradient (s2 same)",
    () =>
      tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(T4(seeded([3, 8, 8, 3], 72)), T4(w), 2, "same"), seeded([3, 4, 4, 5], 73))))(
        seeded([4, 4, 3, 5], 74),
      ),
  ],
  [
    "conv input gradient (s1 valid)",
    () =>
      tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(T4(x), T4(seeded([3, 3, 2, 4], 75)), 1, "valid"), seeded([2, 5, 5, 4], 76))))(
        seeded([2, 7, 7, 2], 77),
      ),
  ],
  // Element-wise kernels and reductions (native-eltwise.ts), each broadcast form, and one the kernels hand to wasm.
  ["add same shape", () => tf.add(seeded([5, 7], 80), seeded([5, 7], 81))],
  ["sub row broadcast", () => tf.sub(seeded([3, 4, 6], 82), seeded([6], 83))],
  ["mul scalar · tensor", () => tf.mul(tf.scalar(1.5), seeded([4, 9], 84))],
  ["div by a row", () => tf.div(seeded([4, 5], 85), tf.add(tf.abs(seeded([1, 5], 86)), 0.5))],
  ["add column broadcast (wasm fallback)", () => tf.add(seeded([4, 5], 87), seeded([4, 1], 88))],
  [
    "neg, relu, leakyRelu(0.3), step, square",
    () =>
      tf.stack([
        tf.neg(seeded([40], 89)),
        tf.relu(seeded([40], 90)),
        tf.leakyRelu(seeded([40], 91), 0.3),
        tf.step(seeded([40], 92), 0.25),
        tf.square(seeded([40], 93)),
      ]),
  ],
  ["sum over leading axes", () => tf.sum(seeded([4, 3, 3, 8], 94), [0, 1, 2])],
  ["sum of rows (37 terms)", () => tf.sum(seeded([5, 37], 95), 1)],
  ["mean over a middle axis, keepDims", () => tf.mean(seeded([3, 6, 4], 96), 1, true)],
  ["sum of everything", () => tf.sum(seeded([6, 50], 97))],
  ["sum over non-contiguous axes (wasm fallback)", () => tf.sum(seeded([3, 4, 5], 98), [0, 2])],
];

function values(backend: "cpu" | "native"): Promise<Float32Array[]> {
  return initBackend(backend).then(() => cases.map(([, f]) => tf.tidy(() => f().dataSync() as Float32Array)));
}

/** Counts the addon's calls, and the convolutions oneDNN ran itself (false = handed back to wasm). */
function spyOnAddon(): { gemm: number; conv: number; convRan: number; unary: number; binary: number; reduceSum: number } {
  const addon = loadNativeAddon().addon!;
  const counts = { gemm: 0, conv: 0, convRan: 0, unary: 0, binary: 0, reduceSum: 0 };
  const { gemm, conv, unary, binary, reduceSum } = addon;
  addon.gemm = (...args) => (counts.gemm++, gemm(...args));
  addon.unary = (...args) => (counts.unary++, unary(...args));
  addon.binary = (...args) => (counts.binary++, binary(...args));
  addon.reduceSum = (...args) => (counts.reduceSum++, reduceSum(...args));
  addon.conv = (...args) => {
    counts.conv++;
    const ran = conv(...args);
    if (ran) counts.convRan++;
    return ran;
  };
  return counts;
}

// Skipped only where `npm ci` could not build the addon (no g++ / libdnnl-dev); CI sets GANTRY_REQUIRE_NATIVE=1.
describe.skipIf(!built)("native kernels", () => {
  it("every case matches the cpu backend, and oneDNN (not the wasm fallback) ran the GEMMs and convolutions", async () => {
    const cpu = await values("cpu");
    const before = tf.memory().numTensors;
    const counts = spyOnAddon();
    const native = await values("native");
    expect(tf.memory().numTensors).toBe(before);
    expect(counts.gemm).toBeGreaterThanOrEqual(14);
    expect(counts.binary).toBeGreaterThanOrEqual(4);
    expect(counts.unary).toBeGreaterThanOrEqual(4); // neg, relu, leakyRelu, square (step runs the wasm kernel)
    expect(counts.reduceSum).toBeGreaterThanOrEqual(4);
    expect(counts.conv).toBeGreaterThanOrEqual(8);
    expect(counts.convRan).toBe(counts.conv);
    cases.forEach(([name], i) => {
      const ref = cpu[i]!;
      const got = native[i]!;
      expect(got.length, name).toBe(ref.length);
      const scale = ref.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      const worst = ref.reduce((m, x, j) => Math.max(m, Math.abs(got[j]! - x)), 0);
      expect(scale, name).toBeGreaterThan(1e-3);
      expect(worst, name).toBeLessThanOrEqual(1e-5 * scale + 1e-6);
    });
  }, 30_000); // ~40 cases on two backends; the shared machine can be slow
});

describe.skipIf(!built)("native training is deterministic", () => {
  const { track } = tensorTestScope("native");
  const images = fakeImages();
  const hashAfter = async (input: Parameters<typeof resolved>[0], steps: number): Promise<string> => {
    const s = track(await createSession(resolved(input, images.info), images));
    for (let i = 0; i < steps; i++) s.runStep();
    return stateHash(await s.exportState());
  };

  it.each([
    ["mlp", { model: { arch: "mlp" as const, gHidden: [32], dHidden: [32] }, batchSize: 16 }],
    ["dcgan wgan-gp", { model: { arch: "dcgan" as const, gHidden: [8, 4], dHidden: [4, 8] }, batchSize: 4, loss: { name: "wgan-gp" as const } }],
  ])(
    "%s: same config and seed → identical weights after 3 steps; another seed differs",
    async (_n, input) => {
      const a = await hashAfter({ ...input, seed: 3 }, 3);
      const b = await hashAfter({ ...input, seed: 3 }, 3);
      const c = await hashAfter({ ...input, seed: 4 }, 3);
      expect(a).toBe(b);
      expect(c).not.toBe(a);
    },
    60_000,
  );
});
