import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { tensorTestScope } from "../engine/testing.ts";
import { dense, LayerBuilder } from "./layers.ts";
import { spectralNorm, stopGradient } from "./spectral-norm.ts";
import { initStream } from "./variables.ts";

/** Largest singular value of a row-major [rows, cols] matrix by 500 JS power iterations on WᵀW. */
function topSingular(w: Float32Array, rows: number, cols: number): number {
  let v = new Float64Array(cols).fill(1);
  let s = 0;
  for (let it = 0; it < 500; it++) {
    const wv = new Float64Array(rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) wv[r]! += w[r * cols + c]! * v[c]!;
    const next = new Float64Array(cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) next[c]! += w[r * cols + c]! * wv[r]!;
    const n = Math.hypot(...next);
    s = Math.sqrt(n);
    v = next.map((x) => x / n);
  }
  return s;
}

describe("spectral norm", () => {
  tensorTestScope();

  it("stopGradient passes values and blocks gradient", () => {
    const x = tf.tensor1d([1, -2, 3]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(stopGradient(t), t)))(x); // d/dx of c·x with c = x fixed
    expect(Array.from(g.dataSync())).toEqual([1, -2, 3]);
    tf.dispose([x, g]);
  });

  it("after 20 training passes the normalised kernel's top singular value is 1 (±1e-3)", () => {
    const rows = 12;
    const cols = 7;
    const sn = spectralNorm("t/sn", rows, cols, initStream(3));
    const w = tf.randomNormal([rows, cols], 0, 1, "float32", 11);
    const sigma = topSingular(w.dataSync() as Float32Array, rows, cols);
    expect(sigma).toBeGreaterThan(2); // a Gaussian 12×7 matrix: far from 1 before normalising
    for (let i = 0; i < 20; i++) tf.dispose(sn.normalize(w, true));
    const normed = sn.normalize(w, true);
    expect(topSingular(normed.dataSync() as Float32Array, rows, cols)).toBeCloseTo(1, 3);
    // Inference passes read u without advancing it.
    const u = Array.from(sn.u.dataSync());
    tf.dispose(sn.normalize(w, false));
    expect(Array.from(sn.u.dataSync())).toEqual(u);
    tf.dispose([w, normed]);
    sn.u.dispose();
  });

  it("a spectrally normalised dense layer exposes u as state and trains through W only", () => {
    const layer = dense(new LayerBuilder("t", "torch", 0, 0, true), 3, 2);
    expect(layer.state.map((v) => v.name)).toEqual(["t/dense0/u"]);
    const x = tf.tensor2d([
      [1, 0, -1],
      [0.5, 2, 0],
    ]);
    const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x, true)), layer.trainable);
    expect(Object.keys(grads)).toEqual(["t/dense0/kernel", "t/dense0/bias"]);
    expect(Array.from(grads["t/dense0/bias"]!.dataSync())).toEqual([2, 2]);
    tf.dispose([x, value, ...Object.values(grads)]);
    [...layer.trainable, ...layer.state].forEach((v) => v.dispose());
  });
});
