/**
 * Second-order gradients (gradient penalties): ∂/∂θ of a function of ∂D/∂x, through MLPs with
 * piecewise-linear activations and through a strided conv, checked against central finite
 * differences of the penalty itself, and cpu against wasm (and native where built).
 *
 * Tolerances (float32): finite differences with ε = 1e-2 along a fixed direction agree to
 * 3e-3 abs + 3e-3 rel (conv: ε = 2e-3, 5e-3 abs + rel, since rounding grows as 1/ε);
 * cpu vs wasm / native gradients agree to 1e-4 of the largest entry.
 * Pre-activations are asserted ≥ 0.08 from every kink (0, ±0.5, 2), more than the ±ε probe can
 * move them (|Δ(xW + b)| ≤ ε·(‖x‖₁ + 1) ≤ 0.04 here), so the penalty is smooth along the probe.
 * With piecewise-linear activations ∂D/∂x does not depend on b1, so ∂GP/∂b1 is exactly 0 there;
 * W1 and W2 carry the second-order terms and are asserted non-zero.
 */
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { close, directional, expectNoLeak, relMaxDiff, seeded } from "./grad-check.ts";
import { TEST_BACKENDS } from "../losses/test-backends.ts";
import { initBackend } from "./index.ts";

type Act = (t: tf.Tensor) => tf.Tensor;

const ACTIVATIONS: Array<[string, Act]> = [
  ["leakyRelu(0.2)", (t) => tf.leakyRelu(t, 0.2)],
  ["relu", (t) => tf.relu(t)],
  ["clipByValue + abs", (t) => tf.add(tf.clipByValue(t, -0.5, 0.5), tf.mul(tf.abs(t), 0.5))],
  ["maximum + where", (t) => tf.where(tf.greater(t, 0), tf.maximum(t, tf.mul(t, 0.5)), tf.mul(t, 0.3))],
  ["step-gated + relu6", (t) => tf.add(tf.mul(tf.step(t), t), tf.relu6(tf.mul(t, 3)))],
];

// x is [4, 3] in [-1, 1]; θ = [W1 (3x5), b1 (5), W2 (5x1)].
const X = (): tf.Tensor => seeded([4, 3], 101);
// Seeds picked so every pre-activation is ≥ 0.08 from every kink (asserted below).
const THETA = (): tf.Tensor[] => [seeded([3, 5], 31, 1.2), seeded([5], 1031, 0.5), seeded([5, 1], 404)];

/** mean over samples of (‖∂D/∂x‖₂ − 1)², the WGAN-GP penalty. */
function penalty(act: Act, x: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor): tf.Tensor {
  const d = (xx: tf.Tensor): tf.Tensor => tf.sum(tf.matMul(act(tf.add(tf.matMul(xx, w1), b1)), w2));
  const g = tf.grad(d)(x);
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(g), 1), 1e-12));
  return tf.mean(tf.square(tf.sub(norm, 1)));
}

/** The same penalty through conv2d(stride 2, k4, same) -> leakyRelu -> dense. */
function convPenalty(x: tf.Tensor, w: tf.Tensor, dense: tf.Tensor): tf.Tensor {
  const d = (xx: tf.Tensor): tf.Tensor => {
    const h = tf.leakyRelu(tf.conv2d(xx as tf.Tensor4D, w as tf.Tensor4D, 2, "same"), 0.2);
    return tf.sum(tf.matMul(tf.reshape(h, [xx.shape[0]!, -1]), dense));
  };
  const g = tf.reshape(tf.grad(d)(x), [x.shape[0]!, -1]);
  return tf.mean(tf.square(tf.sub(tf.sqrt(tf.add(tf.sum(tf.square(g), 1), 1e-12)), 1)));
}

const results: Record<string, Record<string, Float32Array[]>> = Object.fromEntries(TEST_BACKENDS.map((b) => [b, {}]));

describe.each(TEST_BACKENDS)("gradient penalty (double backprop) on %s", (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it("pre-activations stay clear of kinks (precondition for the finite-difference checks)", () => {
    const margin = tf.tidy(() => {
      const [w1, b1] = THETA();
      const pre = tf.add(tf.matMul(X(), w1!), b1!);
      const gaps = [tf.abs(pre), tf.abs(tf.sub(tf.abs(pre), 0.5)), tf.abs(tf.sub(pre, 2))];
      return Math.min(...gaps.map((g) => tf.min(g).dataSync()[0]!));
    });
    expect(margin).toBeGreaterThan(0.08);
  });

  it.each(ACTIVATIONS)("∂GP/∂θ through a 2-layer %s MLP matches finite differences", async (name, act) => {
    const x = X();
    const theta = THETA();
    await expectNoLeak(() => {
      const f = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor): tf.Tensor => penalty(act, x, w1, b1, w2);
      directional(f, theta).forEach(({ analytic, numeric }, i) => {
        expect(close(analytic, numeric, 3e-3, 3e-3), `${name} θ${i}: analytic ${analytic} vs numeric ${numeric}`).toBe(true);
        // A dropped second-order term would make W1/W2 vanish and still "match" a flat FD.
        if (i !== 1) expect(Math.abs(analytic)).toBeGreaterThan(1e-2);
      });
      results[backend]![name] = tf.tidy(() =>
        tf
          .grads(f)(theta)
          .map((g) => g.dataSync() as Float32Array),
      );
    });
    tf.dispose([x, ...theta]);
  });

  it("∂GP/∂θ through conv2d(stride 2, k4, same) matches finite differences", async () => {
    const x = seeded([2, 6, 6, 1], 505);
    const theta = [seeded([4, 4, 1, 3], 608, 0.5), seeded([27, 1], 707, 0.5)];
    // Conv outputs sit ≥ 0.06 from leakyRelu's kink; a ±2e-3 probe moves them ≤ 16·2e-3 = 0.032.
    const margin = tf.tidy(() => tf.min(tf.abs(tf.conv2d(x as tf.Tensor4D, theta[0] as tf.Tensor4D, 2, "same"))).dataSync()[0]!);
    expect(margin).toBeGreaterThan(0.05);
    await expectNoLeak(() => {
      const f = (w: tf.Tensor, dense: tf.Tensor): tf.Tensor => convPenalty(x, w, dense);
      for (const { analytic, numeric } of directional(f, theta, 2e-3)) {
        expect(close(analytic, numeric, 5e-3, 5e-3), `analytic ${analytic} vs numeric ${numeric}`).toBe(true);
        expect(Math.abs(analytic)).toBeGreaterThan(1e-2);
      }
      results[backend]!["conv"] = tf.tidy(() =>
        tf
          .grads(f)(theta)
          .map((g) => g.dataSync() as Float32Array),
      );
    });
    tf.dispose([x, ...theta]);
  });
});

describe("every backend agrees with cpu", () => {
  const names = [...ACTIVATIONS.map(([n]) => n), "conv"];
  const cases = TEST_BACKENDS.filter((b) => b !== "cpu").flatMap((b) => names.map((n) => [b, n] as const));
  it.each(cases)("%s %s: second-order gradients match cpu", (backend, name) => {
    const cpu = results["cpu"]![name];
    const wasm = results[backend]![name];
    expect(cpu).toBeDefined();
    expect(wasm).toBeDefined();
    cpu!.forEach((c, i) => {
      const diff = tf.tidy(() => relMaxDiff(tf.tensor(wasm![i]!), tf.tensor(c)));
      expect(diff).toBeLessThan(1e-4);
    });
  });
});
