import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoLeak, TEST_BACKENDS, useBackend } from "../losses/test-backends.ts";
import { createGradientPenalty } from "./gp.ts";
import { FAKE_BATCH, finiteDifferences, linearCritic, penaltyAndGrads, quadraticCritic, REAL_BATCH, smallCritic } from "./test-critics.ts";
import type { PenaltyContext, RegularizerConfig } from "./types.ts";

type Gp = Extract<RegularizerConfig, { type: "gp" }>;
const LAMBDA = 10;
const gp = (oneSided: boolean, sampling: Gp["sampling"]) => createGradientPenalty({ type: "gp", lambda: LAMBDA, oneSided, sampling }).penalty!;
const VARIANTS: Array<[string, boolean, Gp["sampling"]]> = [
  ["WGAN-GP (two-sided, interpolate)", false, "interpolate"],
  ["WGAN-LP (one-sided, interpolate)", true, "interpolate"],
  ["DRAGAN (two-sided, dragan)", false, "dragan"],
];

/** Runs `fn` with real/fake batches (disposed afterwards) inside a leak check. */
function withBatches(real: number[][], fake: number[][], fn: (r: tf.Tensor2D, f: tf.Tensor2D) => void): void {
  expectNoLeak(() => {
    const r = tf.tensor2d(real);
    const f = tf.tensor2d(fake);
    try {
      fn(r, f);
    } finally {
      tf.dispose([r, f]);
    }
  });
}

/** Value and gradient w.r.t. the first variable. */
const penaltyAndGrad1 = (p: (c: PenaltyContext) => tf.Scalar, ctx: PenaltyContext, vars: tf.Variable[]) => {
  const { value, grads } = penaltyAndGrads(p, ctx, vars);
  return { value, grad: grads[0]! };
};

const close = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);

for (const backend of TEST_BACKENDS) {
  describe(`gradient penalty on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    // Linear critic C(x) = w·x + b: ∇ₓC = w at every point, so the sampling scheme cannot matter and
    // GP = λ(‖w‖ − 1)², ∂GP/∂w = 2λ(‖w‖ − 1)·w/‖w‖. With w = (3, 4): ‖w‖ = 5, GP = 10·16 = 160,
    // ∂GP/∂w = 2·10·4·(3, 4)/5 = (48, 64), and b gets no gradient.
    for (const [label, oneSided, sampling] of VARIANTS) {
      it(`${label}: linear critic ‖w‖ = 5 gives λ·16 and ∂/∂w = 2λ(‖w‖−1)w/‖w‖`, () => {
        withBatches(REAL_BATCH, FAKE_BATCH, (real, fake) => {
          const { critic, vars } = linearCritic([3, 4]);
          const ctx = { critic, real, fake, seed: 5 };
          const { value, grads } = penaltyAndGrads(gp(oneSided, sampling), ctx, vars);
          close(value, 160, 1e-3);
          close(grads[0]![0]!, 48, 1e-3);
          close(grads[0]![1]!, 64, 1e-3);
          expect(grads[1]).toEqual([0]);
          tf.dispose(vars);
        });
      });
    }

    // w = (0.3, 0.4), ‖w‖ = 0.5: two-sided GP = 10·(0.5 − 1)² = 2.5 with ∂/∂w = 2·10·(−0.5)·(0.6, 0.8) = (−6, −8);
    // one-sided LP = 10·max(0, −0.5)² = 0 with zero gradient.
    it("‖w‖ = 0.5: two-sided pulls the norm up (2.5, (−6, −8)); one-sided is exactly 0", () => {
      withBatches(REAL_BATCH, FAKE_BATCH, (real, fake) => {
        const { critic, vars } = linearCritic([0.3, 0.4]);
        const ctx = { critic, real, fake, seed: 5 };
        const two = penaltyAndGrad1(gp(false, "interpolate"), ctx, vars);
        close(two.value, 2.5, 1e-4);
        close(two.grad[0]!, -6, 1e-4);
        close(two.grad[1]!, -8, 1e-4);
        const one = penaltyAndGrad1(gp(true, "interpolate"), ctx, vars);
        expect(one.value).toBe(0);
        expect(one.grad.map(Math.abs)).toEqual([0, 0]);
        tf.dispose(vars);
      });
    });

    // real = fake ⇒ x̂ = real whatever ε is. With C = ½‖x‖², ∇C(x̂_i) = x_i; rows (3,4), (0,0.5), (1,0) have norms
    // 5, 0.5, 1. Per sample: two-sided 10·(16 + 0.25 + 0)/3 = 54.1667, one-sided 10·(16 + 0 + 0)/3 = 53.3333.
    // One norm over the whole batch would give ‖X‖_F = √26.25 = 5.1235 → 10·4.1235² = 170.03, so this
    // distinguishes the two.
    it("takes the gradient norm per sample, not over the batch", () => {
      const x = [
        [3, 4],
        [0, 0.5],
        [1, 0],
      ];
      withBatches(x, x, (real, fake) => {
        const ctx = { critic: quadraticCritic().critic, real, fake, seed: 9 };
        const value = (p: (c: PenaltyContext) => tf.Scalar) => tf.tidy(() => p(ctx).dataSync()[0]!);
        close(value(gp(false, "interpolate")), 54.16667, 1e-3);
        close(value(gp(true, "interpolate")), 53.33333, 1e-3);
      });
    });

    // Capture x̂ as the critic sees it, on rank-3 inputs [B, 2, 2] so ε must broadcast over two feature dims.
    // Solving x̂ = ε·x_r + (1 − ε)·x_f for ε coordinate by coordinate must give ONE value per sample
    // (per-element ε would not), in [0, 1], and different values across samples (a per-batch ε would not).
    it("draws ε per sample, broadcast over all feature dimensions", () => {
      expectNoLeak(() => {
        const B = 16;
        const realV = Array.from({ length: B * 4 }, (_, i) => 1 + (i % 7));
        const fakeV = Array.from({ length: B * 4 }, (_, i) => -1 - (i % 5));
        const [real, fake] = [tf.tensor3d(realV, [B, 2, 2]), tf.tensor3d(fakeV, [B, 2, 2])];
        let seen: number[] = [];
        const critic = (x: tf.Tensor) => {
          seen = Array.from(x.dataSync());
          return quadraticCritic().critic(x);
        };
        gp(false, "interpolate")({ critic, real, fake, seed: 21 }).dispose();
        const eps = seen.map((v, i) => (v - fakeV[i]!) / (realV[i]! - fakeV[i]!));
        for (let s = 0; s < B; s++) {
          const e = eps.slice(4 * s, 4 * s + 4);
          for (const v of e) close(v, e[0]!, 1e-5);
          expect(e[0]).toBeGreaterThanOrEqual(0);
          expect(e[0]).toBeLessThanOrEqual(1);
        }
        const perSample = eps.filter((_, i) => i % 4 === 0);
        expect(Math.max(...perSample) - Math.min(...perSample)).toBeGreaterThan(0.3);
        tf.dispose([real, fake]);
      });
    });

    // DRAGAN: x̂ − x_r = α·0.5·std(x_r)·U with α per sample and U per element in [0, 1), so every offset lies in
    // [0, 0.5·std) and samples differ. REAL_BATCH (8 numbers, sum 4.8): mean 0.6, squared deviations
    // 0.16 + 1.96 + 1.21 + 0.09 + 0.01 + 2.89 + 1.96 + 0.04 = 8.32, population variance 1.04 → std 1.019804.
    it("DRAGAN perturbs reals by α·0.5·std(x_r)·U within [0, 0.5·std)", () => {
      withBatches(REAL_BATCH, FAKE_BATCH, (real, fake) => {
        let seen: number[] = [];
        const critic = (x: tf.Tensor) => {
          seen = Array.from(x.dataSync());
          return quadraticCritic().critic(x);
        };
        gp(false, "dragan")({ critic, real, fake, seed: 4 }).dispose();
        const offsets = seen.map((v, i) => v - REAL_BATCH.flat()[i]!);
        for (const d of offsets) {
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThan(0.5 * 1.019804 + 1e-6);
        }
        expect(new Set(offsets.map((d) => d.toFixed(6))).size).toBeGreaterThan(4);
      });
    });

    it("treats x̂ as a constant: no gradient reaches the real or fake batch", () => {
      withBatches(REAL_BATCH, FAKE_BATCH, (real, fake) => {
        const critic = quadraticCritic().critic;
        // Without the stop-gradient both would be non-zero here: with C = ½‖x‖² the penalty depends on x̂.
        const both = tf.tidy(() =>
          tf
            .grads((r: tf.Tensor, f: tf.Tensor) => gp(false, "interpolate")({ critic, real: r, fake: f, seed: 3 }))([real, fake])
            .flatMap((g) => Array.from(g.dataSync())),
        );
        expect(both.every((v) => v === 0)).toBe(true);
        // DRAGAN never reads the fake batch (tf.grads would reject an unconnected input), so only x_r is checked.
        const dr = tf.tidy(() =>
          Array.from(
            tf
              .grad((r: tf.Tensor) => gp(false, "dragan")({ critic, real: r, fake, seed: 3 }))(real)
              .dataSync(),
          ),
        );
        expect(dr.every((v) => v === 0)).toBe(true);
      });
    });

    it("same seed, same penalty; another seed, another penalty", () => {
      withBatches(REAL_BATCH, FAKE_BATCH, (real, fake) => {
        const critic = quadraticCritic().critic;
        const at = (seed: number) => tf.tidy(() => gp(false, "interpolate")({ critic, real, fake, seed }).dataSync()[0]!);
        expect(at(8)).toBe(at(8));
        expect(Math.abs(at(8) - at(9))).toBeGreaterThan(1e-3);
      });
    });

    // Double backprop through leakyRelu(0.2): the penalty is piecewise quadratic in the first-layer weights, so
    // central differences are exact up to float32 rounding (≈ ulp(P)/h ≈ 1e-6·P/1e-2) as long as no
    // pre-activation crosses zero within ±h. Tolerance: 2e-3 absolute + 1e-3 relative.
    // Observed error ≈ 2e-4 on both backends at h = 1e-2. Output scale 0.75 puts norms on both sides of 1, so the
    // one-sided case is checked where its kink matters (and must then be strictly below the two-sided value).
    for (const [label, oneSided, sampling] of VARIANTS) {
      it(`${label}: ∂/∂W1 on a leakyRelu MLP matches central finite differences`, () => {
        withBatches(REAL_BATCH, FAKE_BATCH, (real, fake) => {
          const { critic, vars } = smallCritic(oneSided ? 0.75 : 1);
          const ctx = { critic, real, fake, seed: 13 };
          const p = gp(oneSided, sampling);
          const { value, grad } = penaltyAndGrad1(p, ctx, vars);
          const fd = finiteDifferences(p, ctx, vars[0]!, 1e-2);
          grad.forEach((g, i) => close(g, fd[i]!, 2e-3 + 1e-3 * Math.abs(fd[i]!)));
          expect(grad.some((g) => Math.abs(g) > 0.05)).toBe(true);
          if (oneSided) {
            const twoSided = penaltyAndGrad1(gp(false, sampling), ctx, vars).value;
            expect(value).toBeGreaterThan(0);
            expect(value).toBeLessThan(twoSided - 1e-3);
          }
          tf.dispose(vars);
        });
      });
    }
  });
}
