import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { fakeImages, resolved, tensorTestScope } from "../engine/testing.ts";
import { batchNorm } from "./batch-norm.ts";
import { buildModels } from "./index.ts";
import { dense, LayerBuilder } from "./layers.ts";

const disposeAll = (vs: tf.Variable[]) => vs.forEach((v) => v.dispose());

describe("layers", () => {
  tensorTestScope();

  it("dense computes x·W + b with W stored [in, out]", () => {
    const layer = dense(new LayerBuilder("t", "torch", 0, 0), 2, 3);
    const [w, b] = layer.trainable as [tf.Variable, tf.Variable];
    tf.tidy(() => {
      w.assign(
        tf.tensor2d([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      );
      b.assign(tf.tensor1d([0.5, -0.5, 0]));
    });
    const y = tf.tidy(() =>
      layer.apply(
        tf.tensor2d([
          [1, 1],
          [2, -1],
        ]),
        false,
      ),
    );
    expect(Array.from(y.dataSync())).toEqual([5.5, 6.5, 9, -1.5, -1.5, 0]);
    y.dispose();
    disposeAll(layer.trainable);
  });

  it("batch norm: batch statistics and moving-stat update in training only (hand-computed)", () => {
    const bn = batchNorm(new LayerBuilder("t", "torch", 0, 0), 2);
    const x = tf.tensor2d([
      [1, 2],
      [3, 6],
    ]); // mean [2, 4], biased var [1, 4], unbiased [2, 8]
    const train = bn.apply(x, true);
    const t = train.dataSync();
    const s1 = 1 / Math.sqrt(1 + 1e-5);
    const s2 = 2 / Math.sqrt(4 + 1e-5);
    [-s1, -s2, s1, s2].forEach((v, i) => expect(t[i]).toBeCloseTo(v, 5));
    const [mean, variance] = bn.state as [tf.Variable, tf.Variable];
    expect(Array.from(mean.dataSync()).map((v) => +v.toFixed(6))).toEqual([0.2, 0.4]);
    expect(Array.from(variance.dataSync()).map((v) => +v.toFixed(6))).toEqual([1.1, 1.7]); // 0.9·1 + 0.1·[2, 8]
    const infer = bn.apply(x, false);
    const e = infer.dataSync();
    expect(e[0]).toBeCloseTo((1 - 0.2) / Math.sqrt(1.1 + 1e-5), 5);
    expect(e[3]).toBeCloseTo((6 - 0.4) / Math.sqrt(1.7 + 1e-5), 5);
    expect(Array.from(mean.dataSync()).map((v) => +v.toFixed(6))).toEqual([0.2, 0.4]);
    tf.dispose([x, train, infer]);
    disposeAll([...bn.trainable, ...bn.state]);
  });

  it("forward passes of every architecture use matMul without transpose flags", () => {
    const engine = tf.engine();
    const original = engine.runKernel.bind(engine);
    const flags: unknown[] = [];
    engine.runKernel = ((name: string, inputs: tf.NamedTensorMap, attrs?: Parameters<typeof original>[2]) => {
      const a = attrs as { transposeA?: boolean; transposeB?: boolean } | undefined;
      if (name === "BatchMatMul" || name === "_FusedMatMul") flags.push(a?.transposeA, a?.transposeB);
      return original(name, inputs, attrs);
    }) as typeof engine.runKernel;
    try {
      const info = fakeImages().info;
      for (const model of [
        { arch: "mlp" as const, gHidden: [4], dHidden: [4] },
        { arch: "dcgan" as const, gHidden: [4, 4], dHidden: [4, 4], spectralNorm: true },
      ]) {
        const m = buildModels(resolved({ model }, info), [28, 28, 1]);
        for (const training of [true, false]) {
          tf.dispose(tf.tidy(() => m.discriminator.apply(m.generator.apply(tf.ones([2, m.zDim]), { training }), { training })));
        }
        m.generator.dispose();
        m.discriminator.dispose();
      }
    } finally {
      engine.runKernel = original;
    }
    // mlp: 2 + 2 dense layers × 2 passes; dcgan: 2 dense + SN power iterations (3 per SN layer per pass).
    expect(flags.length).toBeGreaterThan(20);
    expect(flags.every((f) => f === false)).toBe(true);
  });
});
