/** Test support for Gantry's wasm kernels against tfjs' stock ones (not part of the public API). */
import * as tf from "@tensorflow/tfjs-core";
import { expect } from "vitest";
import { seeded } from "./grad-check.ts";
import { setWasmPatches } from "./patches.ts";

/** Values that stress IEEE edge cases, cycled through a tensor, with seeded noise in between. */
const SPECIAL = [Number.NaN, Infinity, -Infinity, -0, 0, 1e-40, -3e-39, 3.4e38, -2.5];
export function edgy(shape: number[], seed: number): tf.Tensor {
  const noise = seeded(shape, seed);
  const v = Float32Array.from(noise.dataSync());
  noise.dispose();
  for (let i = 0; i < v.length; i += 3) v[i] = SPECIAL[(i / 3 + seed) % SPECIAL.length]!;
  return tf.tensor(v, shape, "float32");
}

/** Runs `f` with the SIMD kernels on and off; returns both results' values, dtypes and shapes. */
export function onOff(f: () => tf.Tensor): { on: tf.Tensor; off: tf.Tensor } {
  setWasmPatches({ eltwiseSimd: true });
  const on = f();
  setWasmPatches({ eltwiseSimd: false });
  const off = f();
  setWasmPatches({ eltwiseSimd: true });
  return { on, off };
}

/** Exact equality of float32 bit patterns (NaN payloads aside: any NaN equals any NaN). */
export function expectSameBits(a: tf.Tensor, b: tf.Tensor): void {
  expect(a.dtype).toBe(b.dtype);
  expect(a.shape).toEqual(b.shape);
  const x = [...a.dataSync()];
  const y = [...b.dataSync()];
  expect(x.map((v) => (Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0" : v))).toEqual(
    y.map((v) => (Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0" : v)),
  );
}
