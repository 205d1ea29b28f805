/**
 * Reduction, data-movement and nn gradients against central finite differences on cpu and
 * wasm (same tolerance as grads-elementwise.test.ts: 2e-3 abs + 2e-3 rel, ε = 1e-2, float32).
 */
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { awayFromZero, close, directional, expectNoLeak, seeded } from "./grad-check.ts";
import { initBackend } from "./index.ts";

type Case = [name: string, f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: () => tf.Tensor[]];

const r = (shape: number[], seed: number): tf.Tensor => seeded(shape, seed);
// Distinct values (gaps ≥ 0.1) so the argmax/argmin cannot flip under a ±ε probe.
const distinct = (): tf.Tensor =>
  tf.tensor2d([
    [0.3, -0.9, 1.4, 0.1],
    [-1.2, 0.8, 0.45, -0.2],
  ]);

const REDUCE_AND_SHAPE: Case[] = [
  ["sum axis 1", (x) => tf.sum(x, 1), () => [r([2, 4], 1)]],
  ["sum all keepDims", (x) => tf.mul(tf.sum(x, undefined, true), x), () => [r([2, 4], 2)]],
  ["mean axes [0,2]", (x) => tf.mean(x, [0, 2]), () => [r([2, 3, 4], 3)]],
  ["max axis 1", (x) => tf.max(x, 1), () => [distinct()]],
  ["min axis 0", (x) => tf.min(x, 0), () => [distinct()]],
  ["cumsum reverse exclusive", (x) => tf.cumsum(x, 1, true, true), () => [r([2, 4], 4)]],
  ["softmax", (x) => tf.softmax(x), () => [r([2, 4], 5)]],
  ["logSoftmax", (x) => tf.logSoftmax(x), () => [r([2, 4], 6)]],
  ["logSumExp", (x) => tf.logSumExp(x, 1), () => [r([2, 4], 7)]],
  ["moments", (x) => tf.add(tf.moments(x, [0, 1]).mean, tf.moments(x, [0, 1]).variance), () => [r([3, 2, 2], 8)]],
  ["reshape+squeeze+expandDims", (x) => tf.expandDims(tf.squeeze(tf.reshape(x, [1, 8])), 1), () => [r([2, 4], 9)]],
  ["transpose", (x) => tf.transpose(x, [2, 0, 1]), () => [r([2, 3, 4], 10)]],
  ["slice", (x) => tf.slice(x, [0, 1], [2, 2]), () => [r([2, 4], 11)]],
  [
    "pad",
    (x) =>
      tf.pad(
        x,
        [
          [1, 0],
          [2, 1],
        ],
        0.5,
      ),
    () => [r([2, 3], 12)],
  ],
  ["reverse", (x) => tf.reverse(x, [1]), () => [r([2, 3], 13)]],
  ["tile", (x) => tf.tile(x, [2, 1, 3]), () => [r([2, 3, 2], 14)]],
  ["broadcastTo", (x) => tf.broadcastTo(x, [2, 3, 4]), () => [r([3, 1], 15)]],
  ["concat axis 1", (a, b) => tf.concat([a, b], 1), () => [r([2, 3], 16), r([2, 2], 17)]],
  ["stack axis 1", (a, b) => tf.stack([a, b], 1), () => [r([2, 3], 18), r([2, 3], 19)]],
  ["unstack", (x) => tf.addN(tf.unstack(x, 1).map((t, i) => tf.mul(t, i + 1))), () => [r([2, 3], 20)]],
  ["unstack axis -1, partly used", (x) => tf.mul(tf.unstack(x, -1)[1]!, 3), () => [r([2, 3, 4], 25)]],
  ["split", (x) => tf.mul(tf.split(x, [1, 3], 1)[1]!, 2), () => [r([2, 4], 21)]],
  ["depthToSpace", (x) => tf.depthToSpace(x as tf.Tensor4D, 2), () => [r([1, 2, 3, 8], 22)]],
  ["gather axis 0", (x) => tf.gather(x, tf.tensor1d([2, 0, 2], "int32")), () => [r([3, 4], 23)]],
  [
    "gather axis 1",
    (x) =>
      tf.gather(
        x,
        tf.tensor2d(
          [
            [1, 1],
            [0, 3],
          ],
          [2, 2],
          "int32",
        ),
        1,
      ),
    () => [r([2, 4, 2], 24)],
  ],
];

const conv4 = (x: tf.Tensor) => x as tf.Tensor4D;
const NN: Case[] = [
  ["matMul", (a, b) => tf.matMul(a, b), () => [r([3, 4], 30), r([4, 2], 31)]],
  ["matMul transposeA", (a, b) => tf.matMul(a, b, true, false), () => [r([4, 3], 32), r([4, 2], 33)]],
  ["matMul transposeB", (a, b) => tf.matMul(a, b, false, true), () => [r([3, 4], 34), r([2, 4], 35)]],
  ["matMul both", (a, b) => tf.matMul(a, b, true, true), () => [r([4, 3], 36), r([2, 4], 37)]],
  ["batched matMul broadcast", (a, b) => tf.matMul(a, b), () => [r([2, 3, 4], 38), r([4, 2], 39)]],
  ["conv2d s1 same", (x, w) => tf.conv2d(conv4(x), conv4(w), 1, "same"), () => [r([2, 4, 4, 2], 40), r([3, 3, 2, 3], 41)]],
  ["conv2d s2 same k4", (x, w) => tf.conv2d(conv4(x), conv4(w), 2, "same"), () => [r([2, 6, 6, 2], 42), r([4, 4, 2, 3], 43)]],
  ["conv2d s2 valid", (x, w) => tf.conv2d(conv4(x), conv4(w), 2, "valid"), () => [r([1, 7, 6, 2], 44), r([3, 2, 2, 2], 45)]],
  [
    "conv2dTranspose s2 same k4",
    (x, w) => tf.conv2dTranspose(conv4(x), conv4(w), [2, 6, 6, 2], 2, "same"),
    () => [r([2, 3, 3, 3], 46), r([4, 4, 2, 3], 47)],
  ],
  [
    "batchNorm (x, mean, var, offset, scale)",
    (x, m, v, o, s) => tf.batchNorm(x, m, v, o, s, 1e-3),
    () => [r([2, 2, 2, 3], 50), r([3], 51), tf.add(tf.abs(r([3], 52)), 0.5), r([3], 53), r([3], 54)],
  ],
  [
    "batchNorm with batch statistics",
    (x, o, s) => {
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, mean, variance, o, s, 1e-3);
    },
    () => [r([2, 2, 2, 3], 55), r([3], 56), r([3], 57)],
  ],
  ["avgPool", (x) => tf.avgPool(conv4(x), 2, 2, "valid"), () => [r([1, 4, 4, 2], 60)]],
  [
    "maxPool",
    (x) => tf.maxPool(conv4(x), 2, 2, "valid"),
    () => [tf.tensor4d([0.1, 0.9, -0.5, 0.3, 0.7, -0.2, 0.4, 1.3, -0.8, 0.0, 0.6, 0.2, 1.1, -1.0, -0.3, 0.5], [1, 4, 4, 1])],
  ],
  ["resizeNearestNeighbor", (x) => tf.image.resizeNearestNeighbor(conv4(x), [4, 6]), () => [r([1, 2, 3, 2], 61)]],
  ["resizeBilinear", (x) => tf.image.resizeBilinear(conv4(x), [5, 4]), () => [r([1, 2, 3, 2], 62)]],
  ["sigmoidCrossEntropy-style loss", (x) => tf.mean(tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x)))))), () => [awayFromZero([4, 1], 63)]],
];

describe.each(["cpu", "wasm"] as const)("structural gradients on %s", (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each([...REDUCE_AND_SHAPE, ...NN])("%s matches finite differences", async (_name, f, inputs) => {
    const xs = inputs();
    await expectNoLeak(() => {
      for (const { analytic, numeric } of directional(f, xs)) {
        expect(close(analytic, numeric, 2e-3, 2e-3), `analytic ${analytic} vs numeric ${numeric}`).toBe(true);
      }
    });
    tf.dispose(xs);
  });
});
