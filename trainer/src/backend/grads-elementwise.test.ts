/**
 * Every element-wise gradient registered by this package against central finite differences,
 * on cpu and wasm. Tolerance: |analytic − numeric| ≤ 2e-3 + 2e-3·|value| with ε = 1e-2 in
 * float32 (truncation error ~ε²·f''' and rounding ~6e-8·|f|/ε both sit well below that).
 * Inputs are kept ≥ 0.2 away from kinks so the ±ε probes never straddle one.
 */
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { awayFromZero, close, directional, expectNoLeak, seeded } from "./grad-check.ts";
import { initBackend } from "./index.ts";

type Case = [name: string, f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: () => tf.Tensor[]];

const x23 = (seed = 1): tf.Tensor => awayFromZero([2, 3], seed);
const pos23 = (seed = 2): tf.Tensor => tf.tidy(() => tf.add(tf.abs(seeded([2, 3], seed)), 0.3));
const small23 = (seed = 3): tf.Tensor => seeded([2, 3], seed, 0.7);

const UNARY: Case[] = [
  ["abs", (x) => tf.abs(x), () => [x23()]],
  ["neg", (x) => tf.neg(x), () => [x23()]],
  ["square", (x) => tf.square(x), () => [x23()]],
  ["sqrt", (x) => tf.sqrt(x), () => [pos23()]],
  ["rsqrt", (x) => tf.rsqrt(x), () => [pos23()]],
  ["exp", (x) => tf.exp(x), () => [x23()]],
  ["expm1", (x) => tf.expm1(x), () => [x23()]],
  ["log", (x) => tf.log(x), () => [pos23()]],
  ["log1p", (x) => tf.log1p(x), () => [pos23()]],
  ["reciprocal", (x) => tf.reciprocal(x), () => [pos23()]],
  ["sigmoid", (x) => tf.sigmoid(x), () => [x23()]],
  ["tanh", (x) => tf.tanh(x), () => [x23()]],
  ["softplus", (x) => tf.softplus(x), () => [x23()]],
  ["relu", (x) => tf.relu(x), () => [x23()]],
  ["relu6", (x) => tf.relu6(tf.mul(x, 5)), () => [x23()]],
  ["leakyRelu", (x) => tf.leakyRelu(x, 0.2), () => [x23()]],
  ["elu", (x) => tf.elu(x), () => [x23()]],
  ["selu", (x) => tf.selu(x), () => [x23()]],
  [
    "clipByValue",
    (x) => tf.clipByValue(x, -0.5, 0.5),
    () => [
      tf.tensor2d([
        [-0.9, -0.3, 0.1],
        [0.35, 0.7, -0.05],
      ]),
    ],
  ],
  ["sin", (x) => tf.sin(x), () => [x23()]],
  ["cos", (x) => tf.cos(x), () => [x23()]],
  ["tan", (x) => tf.tan(x), () => [small23()]],
  ["sinh", (x) => tf.sinh(x), () => [x23()]],
  ["cosh", (x) => tf.cosh(x), () => [x23()]],
  ["atan", (x) => tf.atan(x), () => [x23()]],
  ["asin", (x) => tf.asin(x), () => [small23()]],
  ["acos", (x) => tf.acos(x), () => [small23()]],
  ["asinh", (x) => tf.asinh(x), () => [x23()]],
  ["acosh", (x) => tf.acosh(tf.add(x, 1)), () => [pos23()]],
  ["atanh", (x) => tf.atanh(x), () => [small23()]],
  ["erf", (x) => tf.erf(x), () => [x23()]],
  [
    "step/sign/floor/round (zero)",
    (x) => tf.addN([tf.step(x), tf.sign(x), tf.floor(x), tf.round(x), tf.ceil(x)]),
    () => [
      tf.tensor2d([
        [0.3, -1.7, 2.2],
        [-0.4, 1.2, -2.3],
      ]),
    ],
  ],
  ["isNaN/logicalNot (zero)", (x) => tf.add(tf.cast(tf.isNaN(x), "float32"), tf.cast(tf.logicalNot(tf.greater(x, 0)), "float32")), () => [x23()]],
];

const BINARY: Case[] = [
  ["add (broadcast)", (a, b) => tf.add(a, b), () => [x23(), seeded([3], 5)]],
  ["sub (broadcast)", (a, b) => tf.sub(a, b), () => [seeded([2, 1], 6), x23()]],
  ["mul (broadcast)", (a, b) => tf.mul(a, b), () => [x23(), seeded([2, 1], 7)]],
  ["div (broadcast)", (a, b) => tf.div(a, b), () => [x23(), tf.add(seeded([3], 8, 0.5), 1.5)]],
  [
    "maximum",
    (a, b) => tf.maximum(a, b),
    () => [
      tf.tensor2d([
        [1, -1, 0.5],
        [0.2, 2, -3],
      ]),
      tf.tensor1d([0, 0.3, 0.9]),
    ],
  ],
  [
    "minimum",
    (a, b) => tf.minimum(a, b),
    () => [
      tf.tensor2d([
        [1, -1, 0.5],
        [0.2, 2, -3],
      ]),
      tf.tensor1d([0, 0.3, 0.9]),
    ],
  ],
  ["squaredDifference", (a, b) => tf.squaredDifference(a, b), () => [x23(), seeded([3], 9)]],
  ["pow", (a, b) => tf.pow(a, b), () => [pos23(), seeded([2, 3], 10)]],
  ["prelu", (x, alpha) => tf.prelu(x, alpha), () => [x23(), tf.tensor1d([0.1, 0.2, 0.3])]],
  [
    "where",
    (a, b) =>
      tf.where(
        tf.tensor2d(
          [
            [1, 0, 1],
            [0, 0, 1],
          ],
          [2, 3],
          "bool",
        ),
        a,
        b,
      ),
    () => [x23(), seeded([3], 11)],
  ],
  [
    "comparisons (zero)",
    (a, b) =>
      tf.addN(
        [tf.greater(a, b), tf.greaterEqual(a, b), tf.less(a, b), tf.lessEqual(a, b), tf.equal(a, b), tf.notEqual(a, b)].map((m) =>
          tf.cast(m, "float32"),
        ),
      ),
    () => [x23(), seeded([3], 12)],
  ],
  ["addN", (a, b, c) => tf.addN([a, b, c]), () => [x23(1), x23(2), x23(3)]],
];

describe.each(["cpu", "wasm"] as const)("element-wise gradients on %s", (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each([...UNARY, ...BINARY])("%s matches finite differences", async (_name, f, inputs) => {
    const xs = inputs();
    await expectNoLeak(() => {
      for (const { analytic, numeric } of directional(f, xs)) {
        expect(close(analytic, numeric, 2e-3, 2e-3), `analytic ${analytic} vs numeric ${numeric}`).toBe(true);
      }
    });
    tf.dispose(xs);
  });

  it("cast passes dy through (tfjs convention), also across an int32 round trip", async () => {
    const x = tf.tensor1d([1.5, -2.25]);
    await expectNoLeak(() => {
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.cast(tf.cast(v, "int32"), "float32"), 3)))(x);
      expect(g.dtype).toBe("float32");
      expect(Array.from(g.dataSync())).toEqual([3, 3]);
      tf.dispose(g);
    });
    x.dispose();
  });
});
