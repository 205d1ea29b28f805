import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { makeToy } from "../data/toys.ts";
import { getLoss } from "../losses/index.ts";
import { buildModels } from "../models/index.ts";
import { createRegularizer } from "../regularizers/index.ts";
import { createOptimizer } from "./optimizers.ts";
import { criticStep, generatorStep } from "./step.ts";
import { criticDraws, generatorDraws } from "./streams.ts";
import { tensorTestScope, resolved } from "./testing.ts";

const ring = makeToy("ring8");
const snapshot = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));

describe("step", () => {
  const { track, trackModels } = tensorTestScope();

  it("a critic step changes only D's weights, a generator step only G's", () => {
    const cfg = resolved({ model: { gHidden: [16, 16], dHidden: [16, 16] }, batchSize: 8 }, ring.info);
    const models = trackModels(buildModels(cfg, [2]));
    const ctx = { models, loss: getLoss("ns"), regularizers: [] };
    const [g0, d0] = [snapshot(models.generator.trainable), snapshot(models.discriminator.trainable)];
    const dOpt = createOptimizer(cfg.optimizers.d);
    const gOpt = createOptimizer(cfg.optimizers.g);
    track(dOpt);
    track(gOpt);
    const draws = criticDraws(ring, 0, 0, 0, 1, 8, 2);
    const c = criticStep({ ...ctx, optimizer: dOpt, ...draws });
    const [g1, d1] = [snapshot(models.generator.trainable), snapshot(models.discriminator.trainable)];
    expect(g1).toEqual(g0);
    d1.forEach((w, i) => expect(w).not.toEqual(d0[i])); // every D variable moved (Adam moves all by ~lr)
    const gd = generatorDraws(ring, 0, 0, 1, 8, 2, false);
    const g = generatorStep({ ...ctx, optimizer: gOpt, ...gd });
    expect(snapshot(models.discriminator.trainable)).toEqual(d1);
    snapshot(models.generator.trainable).forEach((w, i) => expect(w).not.toEqual(g1[i]));
    const [dl, rm, fm, dn, gl, gn] = [c.loss, c.realMean, c.fakeMean, c.gradNorm, g.loss, g.gradNorm].map((t) => t.dataSync()[0]!);
    // ns at init: D loss near 2·log 2 (logits near 0), G loss near log 2; norms positive and finite.
    expect(dl).toBeGreaterThan(1.0);
    expect(dl).toBeLessThan(1.8);
    expect(gl).toBeGreaterThan(0.4);
    expect(gl).toBeLessThan(1.0);
    expect(Math.abs(rm!)).toBeLessThan(1);
    expect(Math.abs(fm!)).toBeLessThan(1);
    for (const n of [dn!, gn!]) expect(n > 0 && n < 100).toBe(true);
    tf.dispose([draws.real, draws.z, gd.z, c.loss, c.realMean, c.fakeMean, c.gradNorm, g.loss, g.gradNorm]);
  });

  it("the reported D grad norm equals √Σ‖∂L/∂w‖² (sgd: Δw = −lr·∇)", () => {
    const cfg = resolved({ model: { gHidden: [4], dHidden: [4] }, optimizers: { d: { type: "sgd", lr: 0.5 } } }, ring.info);
    const models = trackModels(buildModels(cfg, [2]));
    const opt = createOptimizer(cfg.optimizers.d);
    track(opt);
    const w0 = snapshot(models.discriminator.trainable).flat();
    const draws = criticDraws(ring, 0, 0, 0, 1, 8, 2);
    const c = criticStep({ models, loss: getLoss("ns"), regularizers: [], optimizer: opt, ...draws });
    const w1 = snapshot(models.discriminator.trainable).flat();
    const expected = Math.hypot(...w1.map((w, i) => (w - w0[i]!) / 0.5));
    expect(c.gradNorm.dataSync()[0]).toBeCloseTo(expected, 4);
    tf.dispose([draws.real, draws.z, c.loss, c.realMean, c.fakeMean, c.gradNorm]);
  });

  it("weight clipping keeps every critic weight within ±c after the update", () => {
    const cfg = resolved({ loss: { name: "wgan" }, model: { gHidden: [8], dHidden: [8] } }, ring.info);
    expect(cfg.regularizers).toEqual([{ type: "clip", c: 0.01 }]);
    const models = trackModels(buildModels(cfg, [2]));
    const opt = createOptimizer(cfg.optimizers.d);
    track(opt);
    const initMax = Math.max(...snapshot(models.discriminator.trainable).flat().map(Math.abs));
    expect(initMax).toBeGreaterThan(0.1); // U(±1/√2) init: clipping has work to do
    const draws = criticDraws(ring, 0, 0, 0, 1, 8, 2);
    const c = criticStep({ models, loss: getLoss("wgan"), regularizers: cfg.regularizers.map(createRegularizer), optimizer: opt, ...draws });
    const after = snapshot(models.discriminator.trainable).flat().map(Math.abs);
    expect(Math.max(...after)).toBeLessThanOrEqual(0.01);
    expect(Math.max(...after)).toBeGreaterThan(0.0099); // clipped to exactly c, not shrunk below
    tf.dispose([draws.real, draws.z, c.loss, c.realMean, c.fakeMean, c.gradNorm]);
  });
});
