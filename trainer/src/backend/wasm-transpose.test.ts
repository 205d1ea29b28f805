/**
 * The tiled matrix Transpose (wasm-transpose.ts) against tfjs' stock kernel and against index arithmetic: shapes that
 * are and are not multiples of the tile, float32 with NaN/±Inf/±0, int32; other permutations stay stock.
 */
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { tensorTestScope } from "../engine/testing.ts";
import { setWasmPatches } from "./patches.ts";
import { outerInnerSwap } from "./wasm-transpose.ts";
import { edgy, expectSameBits } from "./wasm-test-util.ts";

function tiledAndStock(f: () => tf.Tensor): [tf.Tensor, tf.Tensor] {
  const tiled = f();
  setWasmPatches({ transposeTiled: false });
  const stock = f();
  setWasmPatches({ transposeTiled: true });
  return [tiled, stock];
}

describe("tiled wasm Transpose", () => {
  const { track } = tensorTestScope("wasm");

  it("recognises only [A, M, C] → [C, M, A]", () => {
    expect(outerInnerSwap([5, 7], [1, 0])).toEqual([5, 1, 7]);
    expect(outerInnerSwap([2, 3, 4, 5], [3, 1, 2, 0])).toEqual([2, 12, 5]);
    expect(outerInnerSwap([2, 3, 4], [2, 0, 1])).toBeNull();
    expect(outerInnerSwap([2, 3, 4, 5], [3, 2, 1, 0])).toBeNull();
    expect(outerInnerSwap([4], [0])).toBeNull();
  });

  it("matches the stock kernel bit for bit and out[c, a] = x[a, c] (float32 edge values, int32, odd sizes)", () => {
    for (const [shape, dtype] of [
      [[512, 64], "float32"],
      [[100, 70], "float32"],
      [[33, 517], "float32"],
      [[80, 60], "int32"],
    ] as Array<[[number, number], "float32" | "int32"]>) {
      const x = track(tf.tidy(() => (dtype === "int32" ? tf.cast(tf.mul(edgy(shape, shape[1]), 1000), "int32") : edgy(shape, shape[1]))));
      const [tiled, stock] = tiledAndStock(() => tf.transpose(x)).map(track) as [tf.Tensor, tf.Tensor];
      expectSameBits(tiled, stock);
      const [a, c] = shape;
      const xv = x.dataSync();
      const want = Array.from({ length: a * c }, (_, i) => xv[(i % a) * c + Math.floor(i / a)]!);
      expectSameBits(tiled, track(tf.tensor(want, [c, a], dtype)));
    }
  });

  it("leaves other permutations, small and bool tensors to the stock kernel (same results)", () => {
    const x4 = track(edgy([4, 5, 6, 8], 2));
    const b = track(tf.greater(track(edgy([90, 70], 3)), 0));
    for (const f of [() => tf.transpose(x4, [3, 1, 2, 0]), () => tf.transpose(x4, [0, 2, 1, 3]), () => tf.transpose(b)]) {
      const [tiled, stock] = tiledAndStock(f).map(track) as [tf.Tensor, tf.Tensor];
      expectSameBits(tiled, stock);
    }
  });
});
