import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@gantry/core";
import { makeToy } from "../data/toys.ts";
import { fakeImages, resolved, tensorTestScope } from "../engine/testing.ts";
import { buildModels } from "./index.ts";

const toy = makeToy("ring8").info;

describe("PacGAN packing (model.pack)", () => {
  const { trackModels } = tensorTestScope();

  it("D judges consecutive samples as one input: [B, 2] → [B/m, 1], first kernel m·2 wide", () => {
    const cfg = resolved({ model: { dHidden: [4, 4], gHidden: [4], pack: 4 }, batchSize: 8 }, toy);
    expect(cfg.model.pack).toBe(4);
    const m = trackModels(buildModels(cfg, [2]));
    expect(m.discriminator.trainable[0]!.shape).toEqual([8, 4]);
    const x = Array.from({ length: 8 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
    const out = (rows: number[][]) => tf.tidy(() => Array.from(m.discriminator.apply(tf.tensor2d(rows), { training: true }).dataSync()));
    const a = out(x);
    expect(a).toHaveLength(2);
    // Changing sample 5 (pack 1 = samples 4…7) moves only the second output.
    const b = out(x.map((r, i) => (i === 5 ? [r[0]! + 1, r[1]! - 1] : r)));
    expect(b[0]).toBe(a[0]);
    expect(Math.abs(b[1]! - a[1]!)).toBeGreaterThan(1e-6);
  });

  it("leaves G unpacked: it maps each latent to one sample, so evaluation scores individual samples", () => {
    const cfg = resolved({ model: { dHidden: [4], gHidden: [4], pack: 4 }, batchSize: 8 }, toy);
    const m = trackModels(buildModels(cfg, [2]));
    // 7 latents (not a multiple of the pack) give 7 samples; the packed D alone needs whole packs.
    const shape = tf.tidy(() => m.generator.apply(tf.zeros([7, cfg.model.zDim]), { training: false }).shape);
    expect(shape).toEqual([7, 2]);
    expect(m.generator.trainable[0]!.shape).toEqual([cfg.model.zDim, 4]);
  });

  it("is absent from the resolved model when 1, so unpacked configs and checkpoints are unchanged", () => {
    expect(resolved({}, toy).model).not.toHaveProperty("pack");
    expect(resolved({ model: { pack: 1 } }, toy).model).not.toHaveProperty("pack");
  });

  it("refuses dcgan, a batch size that is not a multiple, and gradient penalties, naming the field", () => {
    const paths = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof ConfigError) return e.issues.map((i) => i.path);
        throw e;
      }
      return [];
    };
    expect(paths(() => resolved({ model: { pack: 3 }, batchSize: 64 }, toy))).toEqual(["batchSize"]);
    expect(paths(() => resolved({ model: { pack: 2 }, loss: { name: "wgan-gp" } }, toy))).toEqual(["model.pack"]);
    expect(paths(() => resolved({ model: { pack: 2 }, regularizers: [{ type: "r1" }] }, toy))).toEqual(["model.pack"]);
    expect(paths(() => resolved({ model: { arch: "dcgan", pack: 2 } }, fakeImages().info))).toEqual(["model.pack"]);
    expect(paths(() => resolved({ model: { pack: 2 }, loss: { name: "wgan" } }, toy))).toEqual([]); // clipping is fine
  });
});
