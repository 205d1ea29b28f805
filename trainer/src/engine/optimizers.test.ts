import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { createOptimizer } from "./optimizers.ts";
import { tensorTestScope } from "./testing.ts";

describe("createOptimizer: rmsprop decay", () => {
  const { track } = tensorTestScope("cpu");

  /** One step on f(x) = 2x from x = 1 (gradient 2): ms = (1 − ρ)·4, x ← 1 − lr·2/√(ms + 1e-7). */
  function firstStep(decay: number | undefined): number {
    const x = track(tf.tidy(() => tf.variable(tf.scalar(1))));
    const opt = createOptimizer({ type: "rmsprop", lr: 0.01, beta1: 0.9, beta2: 0.999, ...(decay === undefined ? {} : { decay }) });
    track(opt);
    opt.minimize(() => tf.mul(2, x) as tf.Scalar, false, [x]);
    return x.dataSync()[0]!;
  }

  it("uses the resolved decay: ρ 0.99 steps √10 times further than tfjs's 0.9 on the first update", () => {
    const at = (rho: number) => 1 - (0.01 * 2) / Math.sqrt((1 - rho) * 4 + 1e-7);
    expect(firstStep(0.99)).toBeCloseTo(at(0.99), 5); // 1 − 0.1
    expect(firstStep(0.9)).toBeCloseTo(at(0.9), 5); // 1 − 0.0316
    expect(at(0.99)).toBeCloseTo(0.9, 5);
    expect(firstStep(undefined)).toBeCloseTo(at(0.99), 5); // a checkpointed config from before the field existed
  });
});
