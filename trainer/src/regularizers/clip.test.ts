import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectNoLeak, TEST_BACKENDS, useBackend } from "../losses/test-backends.ts";
import { createClip } from "./clip.ts";

for (const backend of TEST_BACKENDS) {
  describe(`weight clipping on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    it("clamps every variable to [−c, c] in place, leaving values inside untouched", () => {
      expectNoLeak(() => {
        const vars = tf.tidy(() => [
          tf.variable(
            tf.tensor2d([
              [0.5, -0.02],
              [0.005, -0.3],
            ]),
          ),
          tf.variable(tf.tensor1d([-0.01, 1e-3])),
        ]);
        const before = vars.map((v) => v.name);
        createClip({ type: "clip", c: 0.01 }).afterCriticStep!(vars);
        expect(vars.map((v) => v.name)).toEqual(before);
        const [a, b] = vars.map((v) => Array.from(v.dataSync()));
        // float32(0.01) is not exactly 0.01, hence the 1e-9 tolerance.
        [0.01, -0.01, 0.005, -0.01].forEach((e, i) => expect(Math.abs(a![i]! - e)).toBeLessThanOrEqual(1e-9));
        [-0.01, 1e-3].forEach((e, i) => expect(Math.abs(b![i]! - e)).toBeLessThanOrEqual(1e-9));
        tf.dispose(vars);
      });
    });
  });
}
