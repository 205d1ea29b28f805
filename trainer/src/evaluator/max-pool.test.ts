import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { maxPool2x2 } from "./max-pool.ts";

describe("maxPool2x2", () => {
  beforeAll(async () => {
    await initBackend("wasm");
  });

  it("matches a hand-computed forward pass and routes the gradient to each window's maximum", () => {
    const before = tf.memory().numTensors;
    // One 4×4 map; window maxima are 6 (at 1,1), 8 (at 0,3), 14 (at 3,0) and 16 (at 3,3).
    const x = tf.tensor4d([1, 2, 3, 8, 5, 6, 7, 4, 9, 10, 11, 12, 14, 13, 15, 16], [1, 4, 4, 1]);
    const w = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const y = maxPool2x2(x);
    expect([...y.dataSync()]).toEqual([6, 8, 14, 16]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(maxPool2x2(t as tf.Tensor4D), w)))(x);
    expect([...g.dataSync()]).toEqual([0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 3, 0, 0, 4]);
    tf.dispose([x, w, y, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("agrees with tfjs-backend-cpu's MaxPool gradient on random multi-channel input, on cpu and wasm", async () => {
    // Reference: the cpu kernel (wasm's own MaxPoolGrad drops entries on non-square maps in tfjs 4.22).
    const grads = async (backend: "cpu" | "wasm", ref: boolean): Promise<Float32Array> => {
      await initBackend(backend);
      const before = tf.memory().numTensors;
      const x = tf.randomNormal([2, 6, 8, 3], 0, 1, "float32", 7) as tf.Tensor4D;
      const w = tf.randomNormal([2, 3, 4, 3], 0, 1, "float32", 8);
      const pool = (t: tf.Tensor4D) => (ref ? tf.maxPool(t, 2, 2, "valid") : maxPool2x2(t));
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pool(t as tf.Tensor4D), w)))(x);
      const out = g.dataSync() as Float32Array;
      tf.dispose([x, w, g]);
      expect(tf.memory().numTensors).toBe(before);
      return out;
    };
    const reference = await grads("cpu", true);
    // Exactly one entry per window is non-zero (no ties in continuous random data).
    expect(reference.filter((v) => v !== 0).length).toBe(2 * 3 * 4 * 3);
    for (const backend of ["cpu", "wasm"] as const) {
      const ours = await grads(backend, false);
      for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - reference[i]!)).toBeLessThan(1e-6);
    }
    await initBackend("wasm");
  });

  it("rejects odd spatial sizes", () => {
    const x = tf.zeros([1, 3, 4, 1]) as tf.Tensor4D;
    expect(() => maxPool2x2(x)).toThrow(/must be even, got 3×4/);
    x.dispose();
  });
});
