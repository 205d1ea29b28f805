import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { tensorTestScope } from "../engine/testing.ts";
import { batchNorm } from "../models/batch-norm.ts";
import { LayerBuilder } from "../models/layers.ts";
import { createGradientPenalty } from "./gp.ts";
import { createR1 } from "./r1.ts";
import { penaltyAndGrads, linearCritic, REAL_BATCH, FAKE_BATCH } from "./test-critics.ts";
import type { PenaltyContext } from "./types.ts";

/**
 * Why resolveConfig refuses model.dNorm "batch" with gp / r1 / r2: the penalties take ONE backward pass of ΣC over
 * the batch. Through a batch-normalised critic that is not the per-sample gradient: for batch norm → linear,
 * ΣC = N·(Σ_j w_j β_j + b) because Σ_i (x_ij − μ_j) = 0, so ∇ₓΣC = 0 for every input. The penalty then sees a
 * zero gradient at every point: a constant (λ for WGAN-GP, 0 for R1) whose gradient w.r.t. the critic is zero.
 */
describe("gradient penalties through a batch-norm critic", () => {
  const { track } = tensorTestScope("cpu");
  const W: [number, number] = [0.7, -1.3];

  function bnLinearCritic() {
    const bn = batchNorm(new LayerBuilder("d", "torch", 3, 1), 2);
    const lin = linearCritic(W, 0.4);
    [...bn.trainable, ...bn.state, ...lin.vars].forEach(track);
    const critic = (x: tf.Tensor) => lin.critic(bn.apply(x, true));
    return { critic, vars: [...lin.vars, ...bn.trainable] };
  }

  function context(critic: (x: tf.Tensor) => tf.Tensor): PenaltyContext {
    return { critic, real: track(tf.tensor2d(REAL_BATCH)), fake: track(tf.tensor2d(FAKE_BATCH)), seed: 11 };
  }

  it("WGAN-GP is the constant λ with zero gradient w.r.t. every critic weight", () => {
    const { critic, vars } = bnLinearCritic();
    const { value, grads } = penaltyAndGrads(
      createGradientPenalty({ type: "gp", lambda: 10, oneSided: false, sampling: "interpolate" }).penalty!,
      context(critic),
      vars,
    );
    // ‖∇‖ = √(0 + 1e-12) = 1e-6, so λ(1e-6 − 1)² = 10 to float32 precision.
    expect(value).toBeGreaterThan(10 - 1e-4);
    expect(value).toBeLessThan(10 + 1e-4);
    for (const g of grads.flat()) expect(Math.abs(g)).toBeLessThan(1e-4);
  });

  it("R1 is the constant 0 with zero gradient", () => {
    const { critic, vars } = bnLinearCritic();
    const { value, grads } = penaltyAndGrads(createR1({ type: "r1", gamma: 10 }).penalty!, context(critic), vars);
    expect(Math.abs(value)).toBeLessThan(1e-8);
    for (const g of grads.flat()) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it("while the true per-sample gradients ∂C(x_i)/∂x_i are far from zero (hand-computed)", () => {
    const { critic } = bnLinearCritic();
    const x = track(tf.tensor2d(REAL_BATCH));
    const n = REAL_BATCH.length;
    // γ = 1 (torch init), batch statistics per channel j (biased variance, ε = 1e-5):
    // ∂C_i/∂x_ij = w_j/s_j · (1 − 1/N − (x_ij − μ_j)²/(N s_j²)),  s_j² = var_j + ε.
    const expected = REAL_BATCH.map((row) =>
      row.map((v, j) => {
        const col = REAL_BATCH.map((r) => r[j]!);
        const mu = col.reduce((a, b) => a + b, 0) / n;
        const s2 = col.reduce((a, b) => a + (b - mu) ** 2, 0) / n + 1e-5;
        return (W[j]! / Math.sqrt(s2)) * (1 - 1 / n - (v - mu) ** 2 / (n * s2));
      }),
    );
    for (let i = 0; i < n; i++) {
      const g = tf.tidy(() =>
        tf
          .grad((xi: tf.Tensor) => tf.sum(tf.slice(critic(xi), [i, 0], [1, 1])))(x)
          .arraySync(),
      );
      const row = (g as number[][])[i]!;
      for (let j = 0; j < 2; j++) {
        expect(Math.abs(row[j]!)).toBeGreaterThan(0.05);
        expect(row[j]!).toBeCloseTo(expected[i]![j]!, 4);
      }
    }
  });
});
