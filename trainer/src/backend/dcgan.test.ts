/**
 * A miniature DCGAN (conv2d stride 2 k4 'same', conv2dTranspose, batchNorm with batch
 * statistics, leakyRelu, dense) trained for one step's worth of gradients on wasm, compared
 * with cpu: forward output, generator gradients, and discriminator gradients including a
 * WGAN-GP penalty (double backprop through conv, conv-transpose-free D path and batchNorm).
 * Tolerance: max |wasm − cpu| ≤ 1e-4 · max(1, max|cpu|) per tensor (float32, different
 * summation orders compounded through ~10 layers).
 */
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { expectNoLeak, relMaxDiff, seeded } from "./grad-check.ts";
import { TEST_BACKENDS } from "../losses/test-backends.ts";
import { initBackend } from "./index.ts";

const N = 4;
type Params = Record<string, tf.Tensor>;

function params(): { g: Params; d: Params } {
  let seed = 1;
  const p = (shape: number[], scale = 0.3): tf.Tensor => seeded(shape, seed++, scale);
  return {
    g: { dense: p([8, 128]), g1: p([8], 1), b1: p([8]), up1: p([4, 4, 4, 8]), g2: p([4], 1), b2: p([4]), up2: p([4, 4, 1, 4]) },
    d: { c1: p([4, 4, 1, 4]), c2: p([4, 4, 4, 8]), g: p([8], 1), b: p([8]), out: p([128, 1]) },
  };
}

function bn(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.batchNorm(x, mean, variance, beta, gamma, 1e-3);
}

function generator(z: tf.Tensor, g: Params): tf.Tensor {
  let h: tf.Tensor = tf.relu(bn(tf.reshape(tf.matMul(z, g["dense"]!), [N, 4, 4, 8]), g["g1"]!, g["b1"]!));
  h = tf.conv2dTranspose(h as tf.Tensor4D, g["up1"] as tf.Tensor4D, [N, 8, 8, 4], 2, "same");
  h = tf.relu(bn(h, g["g2"]!, g["b2"]!));
  h = tf.conv2dTranspose(h as tf.Tensor4D, g["up2"] as tf.Tensor4D, [N, 16, 16, 1], 2, "same");
  return tf.tanh(h);
}

function discriminator(x: tf.Tensor, d: Params): tf.Tensor {
  let h: tf.Tensor = tf.leakyRelu(tf.conv2d(x as tf.Tensor4D, d["c1"] as tf.Tensor4D, 2, "same"), 0.2);
  h = tf.conv2d(h as tf.Tensor4D, d["c2"] as tf.Tensor4D, 2, "same");
  h = tf.leakyRelu(bn(h, d["g"]!, d["b"]!), 0.2);
  return tf.matMul(tf.reshape(h, [N, 128]), d["out"]!);
}

/** D loss: non-saturating terms + 10 · WGAN-GP on an interpolate. */
function dLoss(real: tf.Tensor, fake: tf.Tensor, d: Params): tf.Tensor {
  const eps = tf.add(seeded([N, 1, 1, 1], 99, 0.5), 0.5);
  const mix = tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake));
  const g = tf.reshape(tf.grad((x: tf.Tensor) => tf.sum(discriminator(x, d)))(mix), [N, -1]);
  const gp = tf.mean(tf.square(tf.sub(tf.sqrt(tf.add(tf.sum(tf.square(g), 1), 1e-12)), 1)));
  const adv = tf.add(tf.mean(tf.softplus(tf.neg(discriminator(real, d)))), tf.mean(tf.softplus(discriminator(fake, d))));
  return tf.add(adv, tf.mul(gp, 10));
}

/** Forward output and all gradients of one DCGAN step, as plain arrays. */
function step(): Float32Array[] {
  return tf.tidy(() => {
    const { g, d } = params();
    const z = seeded([N, 8], 7);
    const real = seeded([N, 16, 16, 1], 8);
    const gKeys = Object.keys(g);
    const gGrads = tf.grads((...ws: tf.Tensor[]) => {
      const gp = Object.fromEntries(gKeys.map((k, i) => [k, ws[i]!]));
      return tf.mean(tf.softplus(tf.neg(discriminator(generator(z, gp), d))));
    })(gKeys.map((k) => g[k]!));
    const fake = generator(z, g);
    const dKeys = Object.keys(d);
    const dGrads = tf.grads((...ws: tf.Tensor[]) => dLoss(real, fake, Object.fromEntries(dKeys.map((k, i) => [k, ws[i]!]))))(dKeys.map((k) => d[k]!));
    return [fake, ...gGrads, ...dGrads].map((t) => t.dataSync() as Float32Array);
  });
}

describe.each(TEST_BACKENDS.filter((b) => b !== "cpu"))("DCGAN step: %s matches cpu", (backend) => {
  it("forward, generator gradients and gradient-penalty discriminator gradients agree", async () => {
    await initBackend("cpu");
    const cpu = await expectNoLeak(step);
    await initBackend(backend);
    const wasm = await expectNoLeak(step);
    expect(wasm.length).toBe(cpu.length);
    const diffs = cpu.map((c, i) => tf.tidy(() => relMaxDiff(tf.tensor(wasm[i]!), tf.tensor(c))));
    for (const diff of diffs) expect(diff).toBeLessThan(1e-4);
    // Every gradient must carry signal (a silently dropped path would give zeros on both).
    for (const c of cpu) expect(Math.max(...Array.from(c, Math.abs))).toBeGreaterThan(1e-4);
  }, 30_000); // two backends' full steps; the shared machine can be slow
});
