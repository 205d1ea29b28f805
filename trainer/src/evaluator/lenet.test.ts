import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { runBatched } from "./batched.ts";
import { LENET_WEIGHTS, buildLeNet, lenetFromWeights, type NamedWeights } from "./lenet.ts";
import { shiftImages } from "./train.ts";

describe("LeNet", () => {
  beforeAll(async () => {
    await initBackend("wasm");
  });

  it("has 206 922 parameters in the documented layout", () => {
    const total = LENET_WEIGHTS.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
    // 3·3·16+16 + 3·3·16·32+32 + 1568·128+128 + 128·10+10, counted by hand.
    expect(total).toBe(160 + 4640 + 200832 + 1290);
  });

  it("initialises deterministically from the seed with He-normal kernels and zero biases", () => {
    const before = tf.memory().numTensors;
    const a = buildLeNet(5);
    const b = buildLeNet(5);
    const c = buildLeNet(6);
    const wa = a.exportWeights();
    const wb = b.exportWeights();
    const wc = c.exportWeights();
    const bits = (w: NamedWeights[]) => Buffer.concat(w.map((x) => Buffer.from(x.values.buffer)));
    expect(bits(wa).equals(bits(wb))).toBe(true);
    expect(bits(wa).equals(bits(wc))).toBe(false);
    const k2 = wa[2]!.values; // conv2 kernel, fan-in 3·3·16 = 144 → std √(2/144) ≈ 0.1179
    const std = Math.sqrt(k2.reduce((s, v) => s + v * v, 0) / k2.length);
    expect(std).toBeGreaterThan(0.1179 * 0.93);
    expect(std).toBeLessThan(0.1179 * 1.07);
    expect(wa[1]!.values.every((v) => v === 0)).toBe(true);
    [a, b, c].forEach((n) => n.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it("maps N×28×28×1 images to 128 non-negative features and 10 logits without leaking", () => {
    const net = buildLeNet(1);
    const before = tf.memory().numTensors;
    const x = tf.randomUniform([3, 28, 28, 1], -1, 1, "float32", 2) as tf.Tensor4D;
    const { logits, features } = net.forward(x);
    expect(logits.shape).toEqual([3, 10]);
    expect(features.shape).toEqual([3, 128]);
    expect(Math.min(...features.dataSync())).toBeGreaterThanOrEqual(0);
    tf.dispose([x, logits, features]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => net.forward(tf.zeros([2, 28, 28]) as unknown as tf.Tensor4D)).toThrow(/expected N×28×28×1/);
    net.dispose();
    expect(() => net.forward(x)).toThrow(/after dispose/);
  });

  it("batched inference equals one big forward pass, whatever the batch size", () => {
    const net = buildLeNet(2);
    const before = tf.memory().numTensors;
    const images = Float32Array.from({ length: 7 * 784 }, (_, i) => Math.sin(i * 0.37));
    const small = runBatched(net, images, 7, { features: true, probs: true }, 3);
    const whole = runBatched(net, images, 7, { features: true, probs: true }, 100);
    for (let i = 0; i < small.features!.length; i++) expect(small.features![i]).toBeCloseTo(whole.features![i]!, 5);
    for (let r = 0; r < 7; r++) {
      const row = small.probs!.subarray(r * 10, r * 10 + 10);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    }
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it("rejects weights whose names or shapes do not match the architecture", () => {
    const net = buildLeNet(1);
    const w = net.exportWeights();
    net.dispose();
    const swapped = [w[1]!, w[0]!, ...w.slice(2)];
    expect(() => lenetFromWeights(swapped)).toThrow(/expected conv1\/kernel/);
    expect(() => lenetFromWeights(w.slice(1))).toThrow(/expected 8 tensors, got 7/);
  });

  it("shifts images by whole pixels within ±shift, filling with background", () => {
    const count = 200;
    const img = new Float32Array(784 * count).fill(-1);
    for (let n = 0; n < count; n++) img[n * 784 + 10 * 28 + 10] = 1;
    // With shift 0 the input is returned unchanged.
    expect(shiftImages(img, count, 0, 1)).toBe(img);
    const out = shiftImages(img, count, 2, 12345);
    const offsets = new Set<string>();
    for (let n = 0; n < count; n++) {
      const one = out.subarray(n * 784, (n + 1) * 784);
      const at = one.indexOf(1);
      const dy = Math.floor(at / 28) - 10;
      const dx = (at % 28) - 10;
      expect(Math.max(Math.abs(dx), Math.abs(dy))).toBeLessThanOrEqual(2);
      expect(one.filter((v) => v === -1).length).toBe(783);
      offsets.add(`${dx},${dy}`);
    }
    // 200 uniform draws over 25 offsets miss one with probability < 25·(24/25)^200 ≈ 7e-3; the seed is fixed.
    expect(offsets.size).toBe(25);
  });
});
