import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { makeToy } from "../data/toys.ts";
import { tensorTestScope, fakeImages, resolved } from "../engine/testing.ts";
import { buildModels, variableKey } from "./index.ts";
import type { GanModels } from "./types.ts";

const toy = makeToy("ring8").info;
const image = fakeImages().info;
const keys = (vs: tf.Variable[]) => vs.map(variableKey);
const denseKeys = (net: string, n: number) => Array.from({ length: n }, (_, i) => [`${net}/dense${i}/kernel`, `${net}/dense${i}/bias`]).flat();

function shapesOf(m: GanModels, batch: number, training: boolean): { g: number[]; d: number[] } {
  return tf.tidy(() => {
    const x = m.generator.apply(tf.zeros([batch, m.zDim]), { training });
    return { g: x.shape, d: m.discriminator.apply(x, { training }).shape };
  });
}

describe("models", () => {
  const { trackModels } = tensorTestScope();

  it("mlp2d: G z(2) → 3 hidden → 2, D 2 → 3 hidden → 1, named variables", () => {
    const cfg = resolved({ model: { gHidden: [8, 8, 8], dHidden: [4, 4, 4] } }, toy);
    const models = trackModels(buildModels(cfg, [2]));
    expect(cfg.model.arch).toBe("mlp2d");
    expect(shapesOf(models, 5, true)).toEqual({ g: [5, 2], d: [5, 1] });
    expect(keys(models.generator.trainable)).toEqual(denseKeys("g", 4));
    expect(keys(models.discriminator.trainable)).toEqual(denseKeys("d", 4));
    expect(models.generator.trainable.map((v) => v.shape)).toEqual([[2, 8], [8], [8, 8], [8], [8, 8], [8], [8, 2], [2]]);
    expect(models.generator.state).toEqual([]);
  });

  it("mlp: default widths 100 → 256 → 512 → 784 reshaped to the image, G batch norm on; D → 512 → 256 → 1", () => {
    const models = trackModels(buildModels(resolved({ model: { arch: "mlp" } }, image), [28, 28, 1]));
    expect(shapesOf(models, 3, false)).toEqual({ g: [3, 28, 28, 1], d: [3, 1] });
    // The image MLP's default G has batch norm after both hidden layers (resolve-config's defaultGNorm).
    expect(keys(models.generator.state)).toEqual(["g/bn0/movingMean", "g/bn0/movingVariance", "g/bn1/movingMean", "g/bn1/movingVariance"]);
    expect(models.discriminator.state).toEqual([]);
    const kernels = (vs: tf.Variable[]) => vs.filter((v) => variableKey(v).endsWith("/kernel"));
    expect(kernels(models.generator.trainable).map((v) => v.shape)).toEqual([
      [100, 256],
      [256, 512],
      [512, 784],
    ]);
    expect(kernels(models.discriminator.trainable).map((v) => v.shape)).toEqual([
      [784, 512],
      [512, 256],
      [256, 1],
    ]);
    // PyTorch-default init: every kernel inside ±1/√fan_in and spread over most of it.
    const k0 = Array.from(models.generator.trainable[0]!.dataSync());
    const maxAbs = k0.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(maxAbs).toBeLessThanOrEqual(0.1);
    expect(maxAbs).toBeGreaterThan(0.099);
  });

  it("dcgan with batch norm: 7 → 14 → 28 and back; BN state only as state variables", () => {
    const cfg = resolved({ model: { arch: "dcgan", gHidden: [8, 4], dHidden: [4, 8] } }, image);
    expect(cfg.model.dNorm).toBe("batch");
    const models = trackModels(buildModels(cfg, [28, 28, 1]));
    expect(shapesOf(models, 2, true)).toEqual({ g: [2, 28, 28, 1], d: [2, 1] });
    expect(keys(models.generator.trainable)).toEqual([
      "g/dense0/kernel",
      "g/bn0/gamma",
      "g/bn0/beta",
      "g/convT0/kernel",
      "g/bn1/gamma",
      "g/bn1/beta",
      "g/convT1/kernel",
      "g/convT1/bias",
    ]);
    expect(keys(models.generator.state)).toEqual(["g/bn0/movingMean", "g/bn0/movingVariance", "g/bn1/movingMean", "g/bn1/movingVariance"]);
    expect(models.generator.trainable[3]!.shape).toEqual([4, 4, 4, 8]);
    expect(keys(models.discriminator.trainable)).toEqual([
      "d/conv0/kernel",
      "d/conv0/bias",
      "d/conv1/kernel",
      "d/bn0/gamma",
      "d/bn0/beta",
      "d/dense0/kernel",
      "d/dense0/bias",
    ]);
    // N(0, 0.02) init: the sample std of the 6272-weight dense kernel lies within 5% of 0.02.
    const w = Array.from(models.generator.trainable[0]!.dataSync());
    const std = Math.sqrt(w.reduce((s, x) => s + x * x, 0) / w.length);
    expect(std).toBeGreaterThan(0.019);
    expect(std).toBeLessThan(0.021);
  });

  it("gNorm batch: mlp2d G gets bias-free dense + BN before each ReLU, D is unchanged; absent when off", () => {
    expect(resolved({}, toy).model).not.toHaveProperty("gNorm");
    expect(resolved({ model: { gNorm: "none" } }, toy).model).not.toHaveProperty("gNorm");
    const cfg = resolved({ model: { gHidden: [8, 8], dHidden: [4], gNorm: "batch" } }, toy);
    expect(cfg.model.gNorm).toBe("batch");
    const models = trackModels(buildModels(cfg, [2]));
    expect(keys(models.generator.trainable)).toEqual([
      "g/dense0/kernel",
      "g/bn0/gamma",
      "g/bn0/beta",
      "g/dense1/kernel",
      "g/bn1/gamma",
      "g/bn1/beta",
      "g/dense2/kernel",
      "g/dense2/bias",
    ]);
    expect(keys(models.generator.state)).toEqual(["g/bn0/movingMean", "g/bn0/movingVariance", "g/bn1/movingMean", "g/bn1/movingVariance"]);
    expect(keys(models.discriminator.trainable)).toEqual(denseKeys("d", 2));
    // Training mode normalises each hidden unit over the batch: whatever the latents, the first BN's output over a
    // batch has mean β = 0 and (biased) variance γ²·v/(v + ε) ≈ 1, so G's output is not the inference-mode one.
    const z = tf.tensor2d([
      [3, -1],
      [0.5, 2],
      [-2, 0.25],
      [1, 1],
    ]);
    const [train, infer] = tf.tidy(() =>
      [models.generator.apply(z, { training: true }), models.generator.apply(z, { training: false })].map((t) => Array.from(t.dataSync())),
    );
    z.dispose();
    expect(train!.some((v, i) => Math.abs(v - infer![i]!) > 1e-4)).toBe(true);
  });

  it("gNorm batch is refused for dcgan (its G always has batch norm), naming the field", () => {
    expect(() => resolved({ model: { arch: "dcgan", gNorm: "batch" } }, image)).toThrow(/model\.gNorm/);
  });

  it("dcgan drops D batch norm under a gradient penalty and adds SN vectors when asked", () => {
    const cfg = resolved({ loss: { name: "wgan-gp" }, model: { arch: "dcgan", gHidden: [4, 4], dHidden: [4, 4], spectralNorm: true } }, image);
    expect(cfg.model.dNorm).toBe("none");
    const models = trackModels(buildModels(cfg, [28, 28, 1]));
    expect(keys(models.discriminator.trainable)).toEqual([
      "d/conv0/kernel",
      "d/conv0/bias",
      "d/conv1/kernel",
      "d/conv1/bias",
      "d/dense0/kernel",
      "d/dense0/bias",
    ]);
    expect(keys(models.discriminator.state)).toEqual(["d/conv0/u", "d/conv1/u", "d/dense0/u"]);
    expect(models.discriminator.state.map((v) => v.shape)).toEqual([
      [4, 1],
      [4, 1],
      [1, 1],
    ]);
    expect(shapesOf(models, 2, true)).toEqual({ g: [2, 28, 28, 1], d: [2, 1] });
  });

  it("init is a pure function of the seed; a second live model gets suffixed names with the same keys", () => {
    const cfg = resolved({ model: { gHidden: [4], dHidden: [4] } }, toy);
    const models = trackModels(buildModels(cfg, [2]));
    const twin = buildModels(cfg, [2]);
    const other = buildModels({ ...cfg, seed: 1 }, [2]);
    expect(twin.generator.trainable[0]!.name).toBe("g/dense0/kernel#1");
    expect(keys(twin.generator.trainable)).toEqual(keys(models.generator.trainable));
    expect(twin.generator.trainable[0]!.dataSync()).toEqual(models.generator.trainable[0]!.dataSync());
    expect(other.generator.trainable[0]!.dataSync()).not.toEqual(models.generator.trainable[0]!.dataSync());
    // G and D draw from different init streams even where their shapes match.
    expect(models.generator.trainable[2]!.dataSync()).not.toEqual(models.discriminator.trainable[2]!.dataSync());
    for (const m of [twin, other]) {
      m.generator.dispose();
      m.discriminator.dispose();
    }
  });
});
