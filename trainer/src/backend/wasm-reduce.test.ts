/**
 * Sum / Mean over leading axes on wasm (wasm-reduce.ts): the SIMD column sum and its JS loop sum in row order, as
 * tfjs' stock kernels do, so they must match the stock kernels bit for bit (NaN, ±Inf, ±0 and subnormals included);
 * the pooled path (long rows not a multiple of 4) is checked against a float64 reference; empty and int32 inputs
 * keep the stock kernel.
 */
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, describe, expect, it } from "vitest";
import { tensorTestScope } from "../engine/testing.ts";
import { seeded } from "./grad-check.ts";
import { setWasmPatches } from "./patches.ts";
import { edgy, expectSameBits } from "./wasm-test-util.ts";

/** `f` with Gantry's kernels (every patch on) and with tfjs' stock Sum/Mean (the two patches involved off). */
function gantryStock(f: () => tf.Tensor): [tf.Tensor, tf.Tensor] {
  const gantry = f();
  setWasmPatches({ eltwiseSimd: false, reduceLeading: false });
  const stock = f();
  setWasmPatches({ eltwiseSimd: true, reduceLeading: true });
  return [gantry, stock];
}

// [shape, axes, keepDims]: SIMD rows (multiple of 4), short odd rows (JS loop), a single row, 4-D batch-norm style.
const CASES: Array<[number[], number[], boolean]> = [
  [[64, 512], [0], false],
  [[6, 8], [0], true],
  [[2, 3, 5, 8], [0, 1, 2], false],
  [[2, 3, 5, 8], [0, 1], true],
  [[64, 1], [0], false],
  [[7, 3], [0], false],
  [[3, 2, 6], [0, 1], false],
  [[1, 5, 4], [0, 1], false],
];

describe("leading-axis Sum / Mean on wasm", () => {
  const { track } = tensorTestScope("wasm");
  afterAll(() => {
    setWasmPatches({ eltwiseSimd: true, reduceLeading: true });
  });

  for (const [name, op] of [
    ["sum", tf.sum],
    ["mean", tf.mean],
  ] as const) {
    it(`${name}: bit-identical to tfjs' stock kernel on every case, edge values included`, () => {
      CASES.forEach(([shape, axes, keepDims], k) => {
        const x = track(edgy(shape, k + 11));
        const [gantry, stock] = gantryStock(() => op(x, axes, keepDims)).map(track) as [tf.Tensor, tf.Tensor];
        expectSameBits(gantry, stock);
      });
    });
  }

  it("sums in float32 row order, close to the float64 sum; Mean divides by the row count", () => {
    const x = track(seeded([300, 8], 5));
    const xs = x.dataSync();
    const [sum] = gantryStock(() => tf.sum(x, 0)).map(track) as [tf.Tensor];
    const [mean] = gantryStock(() => tf.mean(x, 0)).map(track) as [tf.Tensor];
    for (let c = 0; c < 8; c++) {
      let exact = 0;
      let f32 = 0;
      for (let r = 0; r < 300; r++) {
        exact += xs[r * 8 + c]!;
        f32 = Math.fround(f32 + xs[r * 8 + c]!);
      }
      expect(sum.dataSync()[c]).toBe(f32);
      expect(Math.abs(sum.dataSync()[c]! - exact)).toBeLessThan(1e-4);
      expect(mean.dataSync()[c]).toBe(Math.fround(f32 / 300));
    }
  });

  it("pools long rows that are not a multiple of 4 (within float32 rounding of the float64 sum)", () => {
    const x = track(seeded([2000, 3], 6));
    const xs = x.dataSync();
    const [gantry] = gantryStock(() => tf.sum(x, 0)).map(track) as [tf.Tensor];
    for (let c = 0; c < 3; c++) {
      let exact = 0;
      for (let r = 0; r < 2000; r++) exact += xs[r * 3 + c]!;
      expect(Math.abs(gantry.dataSync()[c]! - exact)).toBeLessThan(2e-3);
    }
  });

  it("fills empty reductions (the stock kernels leave them uninitialised) and leaves int32 to the stock kernel", () => {
    const empty = track(tf.zeros([3, 0, 4]));
    for (const [axes, keepDims, shape] of [
      [[0, 1], false, [4]],
      [[1], true, [3, 1, 4]],
      [undefined, false, []],
    ] as Array<[number[] | undefined, boolean, number[]]>) {
      const sum = track(tf.sum(empty, axes, keepDims));
      const mean = track(tf.mean(empty, axes, keepDims));
      expect(sum.shape).toEqual(shape);
      expect([...sum.dataSync()]).toEqual(Array(sum.size).fill(0));
      expect([...mean.dataSync()]).toEqual(Array(mean.size).fill(Number.NaN));
    }
    const xi = track(
      tf.tensor(
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
        [2, 4],
        "int32",
      ),
    );
    const [gi, si] = gantryStock(() => tf.sum(xi, 0)).map(track) as [tf.Tensor, tf.Tensor];
    expect(gi.dtype).toBe("int32");
    expect([...gi.dataSync()]).toEqual([6, 8, 10, 12]);
    expectSameBits(gi, si);
  });
});
