import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoLeak, TEST_BACKENDS, useBackend } from "../losses/test-backends.ts";
import { createR1, createR2 } from "./r1.ts";
import { FAKE_BATCH, finiteDifferences, linearCritic, penaltyAndGrads, quadraticCritic, REAL_BATCH, smallCritic } from "./test-critics.ts";

const GAMMA = 10;
const r1 = createR1({ type: "r1", gamma: GAMMA }).penalty!;
const r2 = createR2({ type: "r2", gamma: GAMMA }).penalty!;
const close = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);

/** Runs `fn` with REAL/FAKE batches (disposed afterwards) inside a leak check. */
function withBatches(fn: (r: tf.Tensor2D, f: tf.Tensor2D) => void): void {
  expectNoLeak(() => {
    const [r, f] = [tf.tensor2d(REAL_BATCH), tf.tensor2d(FAKE_BATCH)];
    try {
      fn(r, f);
    } finally {
      tf.dispose([r, f]);
    }
  });
}

for (const backend of TEST_BACKENDS) {
  describe(`R1 / R2 on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    // Linear critic, w = (3, 4): ∇ₓC = w, so R1 = R2 = (γ/2)·‖w‖² = 5·25 = 125 and ∂/∂w = γ·w = (30, 40).
    for (const [name, p] of [
      ["R1", r1],
      ["R2", r2],
    ] as const) {
      it(`${name} on a linear critic is (γ/2)‖w‖² = 125 with ∂/∂w = γw = (30, 40)`, () => {
        withBatches((real, fake) => {
          const { critic, vars } = linearCritic([3, 4]);
          const { value, grads } = penaltyAndGrads(p, { critic, real, fake, seed: 1 }, vars);
          close(value, 125, 1e-3);
          close(grads[0]![0]!, 30, 1e-4);
          close(grads[0]![1]!, 40, 1e-4);
          expect(grads[1]).toEqual([0]);
          tf.dispose(vars);
        });
      });
    }

    // C = ½‖x‖²: ∇C(x_i) = x_i, so R1 = (γ/2)·mean_i ‖x_r,i‖² and R2 the same on fakes.
    // Real rows: 1 + 4 = 5, 0.25 + 0.09 = 0.34, 0.49 + 1.21 = 1.7, 4 + 0.16 = 4.16 → mean 11.2/4 = 2.8 → R1 = 14.
    // Fake rows: 0.01 + 0.09 = 0.1, 2.25 + 1 = 3.25, 1 + 0.04 = 1.04, 0.16 + 0.81 = 0.97 → mean 5.36/4 = 1.34 → R2 = 6.7.
    it("R1 reads the real batch and R2 the fake batch, averaging per-sample squared norms", () => {
      withBatches((real, fake) => {
        const ctx = { critic: quadraticCritic().critic, real, fake, seed: 1 };
        close(
          tf.tidy(() => r1(ctx).dataSync()[0]!),
          14,
          1e-4,
        );
        close(
          tf.tidy(() => r2(ctx).dataSync()[0]!),
          6.7,
          1e-4,
        );
      });
    });

    // Same argument as for the gradient penalty: piecewise quadratic in W1, observed error ≈ 1e-4 at h = 1e-2.
    for (const [name, p] of [
      ["R1", r1],
      ["R2", r2],
    ] as const) {
      it(`${name}: ∂/∂W1 on a leakyRelu MLP matches central finite differences (2e-3 + 1e-3·|fd|)`, () => {
        withBatches((real, fake) => {
          const { critic, vars } = smallCritic();
          const ctx = { critic, real, fake, seed: 1 };
          const { grads } = penaltyAndGrads(p, ctx, vars);
          const fd = finiteDifferences(p, ctx, vars[0]!, 1e-2);
          grads[0]!.forEach((g, i) => close(g, fd[i]!, 2e-3 + 1e-3 * Math.abs(fd[i]!)));
          expect(grads[0]!.some((g) => Math.abs(g) > 0.05)).toBe(true);
          tf.dispose(vars);
        });
      });
    }
  });
}
