/**
 * The one conformance suite every loss and regulariser must pass, written as suite factories in the style of
 * Hono's shared `runTest` adapters: a test file calls `runLossConformance(loss, …)` per registered loss and
 * `runRegularizerConformance(config, …)` per regulariser config, and gets the same checks on every backend.
 */
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { RegularizerSchema } from "@gantry/core";
import { createRegularizer } from "../regularizers/index.ts";
import { FAKE_BATCH, penaltyAndGrads, REAL_BATCH, smallCritic } from "../regularizers/test-critics.ts";
import type { RegularizerConfig } from "../regularizers/types.ts";
import { expectNoLeak, useBackend, type TestBackend } from "./test-backends.ts";
import type { GanLoss } from "./types.ts";

/** Hand-computed D and G values at one point (real / fake logits). */
export interface LossReference {
  real: number[];
  fake: number[];
  d: number;
  g: number;
}

/** Logit batches whose losses must stay finite, with finite gradients (stable softplus, no log σ). */
export const EXTREME_LOGITS: ReadonlyArray<{ label: string; real: number[]; fake: number[] }> = [
  { label: "all +1e4", real: [1e4, 1e4, 1e4], fake: [1e4, 1e4, 1e4] },
  { label: "all −1e4", real: [-1e4, -1e4, -1e4], fake: [-1e4, -1e4, -1e4] },
  { label: "real +1e4, fake −1e4", real: [1e4, 1e4, 1e4], fake: [-1e4, -1e4, -1e4] },
  { label: "real −1e4, fake +1e4", real: [-1e4, -1e4, -1e4], fake: [1e4, 1e4, 1e4] },
  { label: "mixed", real: [1e4, -1e4, 0.5], fake: [-1e4, 1e4, -0.5] },
];

/** float32 sums of a handful of O(1) terms: a few ulps of the largest term. */
const VALUE_TOL = 2e-5;

function lossValues(loss: GanLoss, real: tf.Tensor, fake: tf.Tensor): { d: tf.Scalar; g: tf.Scalar } {
  return { d: loss.discriminator({ real, fake }), g: loss.generator({ fake, real }) };
}

/** [dD/dreal, dD/dfake, dG/dreal, dG/dfake] as plain arrays (dG/dreal is zeros for non-relativistic losses). */
function lossGradients(loss: GanLoss, realV: number[], fakeV: number[]): number[][] {
  return tf.tidy(() => {
    const real = tf.tensor1d(realV);
    const fake = tf.tensor1d(fakeV);
    const dD = tf.grads((r: tf.Tensor, f: tf.Tensor) => loss.discriminator({ real: r, fake: f }))([real, fake]);
    const dGf = tf.grad((f: tf.Tensor) => loss.generator({ fake: f, real }))(fake);
    const dGr = loss.generatorNeedsReal ? tf.grad((r: tf.Tensor) => loss.generator({ fake, real: r }))(real) : tf.zerosLike(real);
    return [dD[0]!, dD[1]!, dGr, dGf].map((t) => Array.from(t.dataSync()));
  });
}

const l1 = (v: number[]): number => v.reduce((s, x) => s + Math.abs(x), 0);

/** Defines the conformance tests for one loss on each backend. */
export function runLossConformance(loss: GanLoss, ref: LossReference, backends: readonly TestBackend[]): void {
  describe(`loss ${loss.name}`, () => {
    it("preset is well-formed (regularizers parse, nCritic ≥ 1, positive learning rates)", () => {
      for (const r of loss.preset.regularizers) expect(RegularizerSchema.parse(r)).toEqual(r);
      expect(Number.isInteger(loss.preset.nCritic) && loss.preset.nCritic >= 1).toBe(true);
      for (const o of [loss.preset.optimizers.g, loss.preset.optimizers.d]) expect(o.lr).toBeGreaterThan(0);
      expect(loss.paper).toMatch(/arXiv:\d{4}\.\d{4,5}/);
    });

    for (const backend of backends) {
      describe(backend, () => {
        beforeAll(() => useBackend(backend));

        it("returns scalars equal to the hand-computed values, for [B] and [B, 1] logits", () => {
          expectNoLeak(() => {
            for (const shape of [[ref.real.length], [ref.real.length, 1]]) {
              const [d, g] = tf.tidy(() => {
                const v = lossValues(loss, tf.tensor(ref.real, shape), tf.tensor(ref.fake, shape));
                expect(v.d.rank).toBe(0);
                expect(v.g.rank).toBe(0);
                return [v.d.dataSync()[0]!, v.g.dataSync()[0]!];
              });
              expect(Math.abs(d - ref.d)).toBeLessThanOrEqual(VALUE_TOL * Math.max(1, Math.abs(ref.d)));
              expect(Math.abs(g - ref.g)).toBeLessThanOrEqual(VALUE_TOL * Math.max(1, Math.abs(ref.g)));
            }
          });
        });

        it("has non-zero gradients: D w.r.t. real and fake, G w.r.t. fake (and real if relativistic)", () => {
          expectNoLeak(() => {
            const [dDr, dDf, dGr, dGf] = lossGradients(loss, ref.real, ref.fake);
            expect(l1(dDr!)).toBeGreaterThan(1e-3);
            expect(l1(dDf!)).toBeGreaterThan(1e-3);
            expect(l1(dGf!)).toBeGreaterThan(1e-3);
            if (loss.generatorNeedsReal) expect(l1(dGr!)).toBeGreaterThan(1e-3);
          });
        });

        for (const x of EXTREME_LOGITS) {
          it(`is finite with finite gradients at logits ${x.label}`, () => {
            expectNoLeak(() => {
              const vals = tf.tidy(() => {
                const v = lossValues(loss, tf.tensor1d(x.real), tf.tensor1d(x.fake));
                return [v.d.dataSync()[0]!, v.g.dataSync()[0]!];
              });
              for (const v of [...vals, ...lossGradients(loss, x.real, x.fake).flat()]) {
                expect(Number.isFinite(v)).toBe(true);
              }
            });
          });
        }

        it("rejects logits that are not [B] or [B, 1], naming the shape", () => {
          expectNoLeak(() => {
            const bad = tf.zeros([3, 2]);
            const ok = tf.zeros([3]);
            expect(() => loss.discriminator({ real: bad, fake: ok })).toThrow(/\[3, 2\]/);
            expect(() => loss.generator({ fake: bad, real: ok })).toThrow(/\[3, 2\]/);
            tf.dispose([bad, ok]);
          });
        });

        if (loss.generatorNeedsReal) {
          it("generator without real logits throws", () => {
            expectNoLeak(() => {
              const fake = tf.zeros([3]);
              expect(() => loss.generator({ fake })).toThrow(/needs real logits/);
              fake.dispose();
            });
          });
        }
      });
    }
  });
}

/** Defines the conformance tests for one regulariser config on each backend. */
export function runRegularizerConformance(config: RegularizerConfig, backends: readonly TestBackend[]): void {
  const label = JSON.stringify(config);
  describe(`regularizer ${label}`, () => {
    const reg = createRegularizer(config);

    it("keeps its config and implements at least one hook", () => {
      expect(reg.config).toEqual(config);
      expect(reg.penalty !== undefined || reg.afterCriticStep !== undefined).toBe(true);
    });

    for (const backend of backends) {
      describe(backend, () => {
        beforeAll(() => useBackend(backend));
        const penalty = reg.penalty?.bind(reg);
        const after = reg.afterCriticStep?.bind(reg);

        if (penalty) {
          it("penalty is a finite non-negative scalar, deterministic in the seed, with finite non-zero weight gradients", () => {
            expectNoLeak(() => {
              const { critic, vars } = smallCritic();
              const real = tf.tensor2d(REAL_BATCH);
              const fake = tf.tensor2d(FAKE_BATCH);
              const run = (seed: number) => penaltyAndGrads(penalty, { critic, real, fake, seed }, vars);
              const a = run(11);
              const b = run(11);
              const rank = tf.tidy(() => penalty({ critic, real, fake, seed: 11 }).rank);
              expect(rank).toBe(0);
              expect(Number.isFinite(a.value) && a.value >= 0).toBe(true);
              expect(b.value).toBe(a.value);
              for (const g of a.grads) expect(g.every(Number.isFinite)).toBe(true);
              expect(l1(a.grads.flat())).toBeGreaterThan(1e-4);
              tf.dispose([real, fake, ...vars]);
            });
          });
        }

        if (after) {
          it("afterCriticStep keeps every critic variable finite and, for clip, inside [−c, c]", () => {
            expectNoLeak(() => {
              const { vars } = smallCritic();
              after(vars);
              const bound = config.type === "clip" ? config.c : Number.MAX_VALUE;
              const values = vars.flatMap((v) => Array.from(v.dataSync()));
              for (const x of values) expect(Math.abs(x)).toBeLessThanOrEqual(bound);
              tf.dispose(vars);
            });
          });
        }
      });
    }
  });
}
