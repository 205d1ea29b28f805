import { describe, expect, it } from "vitest";
import { LOSS_NAMES, type LossName } from "@gantry/core";
import { createRegularizer } from "../regularizers/index.ts";
import type { RegularizerConfig } from "../regularizers/types.ts";
import { runLossConformance, runRegularizerConformance, type LossReference } from "./conformance.ts";
import { getLoss, LOSSES } from "./index.ts";
import { TEST_BACKENDS } from "./test-backends.ts";

/*
 * Hand-computed references at real = [1, −0.5, 2], fake = [0.3, −1, 0] (so m_r = 2.5/3 = 0.833333,
 * m_f = −0.7/3 = −0.233333). Softplus values used, sp(x) = ln(1 + eˣ), sp(−x) = sp(x) − x:
 *   sp(−1) = 0.313262  sp(0.5) = 0.974077  sp(−2) = 0.126928  sp(0.3) = 0.854355  sp(0) = 0.693147
 *   sp(1) = 1.313262   sp(−0.3) = 0.554355  sp(0.7) = 1.103186  sp(2) = 2.126928
 *
 * minimax/ns/dragan D = mean sp(−r) + mean sp(f) = (0.313262 + 0.974077 + 0.126928)/3 + (0.854355 + 0.313262
 *   + 0.693147)/3 = 0.471422 + 0.620255 = 1.091677
 * minimax G = −mean sp(f) = −0.620255
 * ns/dragan G = mean sp(−f) = (0.554355 + 1.313262 + 0.693147)/3 = 0.853588
 * lsgan D = ½·(0 + 2.25 + 1)/3 + ½·(0.09 + 1 + 0)/3 = 0.541667 + 0.181667 = 0.723333
 * lsgan G = ½·((−0.7)² + (−2)² + (−1)²)/3 = ½·5.49/3 = 0.915
 * wgan* D = m_f − m_r = −0.233333 − 0.833333 = −1.066667;  G = −m_f = 0.233333
 * hinge D = (0 + 1.5 + 0)/3 + (1.3 + 0 + 1)/3 = 0.5 + 0.766667 = 1.266667;  G = 0.233333
 * rsgan: d = r − f = [0.7, 0.5, 2]. D = mean sp(−d) = (0.403186 + 0.474077 + 0.126928)/3 = 0.334730
 *   G = mean sp(d) = (1.103186 + 0.974077 + 2.126928)/3 = 1.401397
 * relativistic average: a = r − m_f = [1.233333, −0.266667, 2.233333], b = f − m_r = [−0.533333, −1.833333,
 *   −0.833333].
 * rasgan D = ½[mean sp(−a) + mean sp(b)] = ½[(0.255665 + 0.835343 + 0.101808)/3 + (0.461622 + 0.148316
 *   + 0.360885)/3] = ½[0.397605 + 0.323608] = 0.360607
 *   G = ½[mean sp(a) + mean sp(−b)] = ½[(1.488998 + 0.568677 + 2.335141)/3 + (0.994956 + 1.981650 + 1.194218)/3]
 *   = ½[1.464272 + 1.390275] = 1.427273
 * ralsgan D = ½[mean (a−1)² + mean (b+1)²] = ½[(0.054444 + 1.604444 + 1.521111)/3 + (0.217778 + 0.694444
 *   + 0.027778)/3] = ½[1.06 + 0.313333] = 0.686667
 *   G = ½[mean (a+1)² + mean (b−1)²] = ½[(4.987778 + 0.537778 + 10.454444)/3 + (2.351111 + 8.027778 + 3.361111)/3]
 *   = ½[5.326667 + 4.58] = 4.953333
 * rahinge D = ½[mean relu(1−a) + mean relu(1+b)] = ½[(0 + 1.266667 + 0)/3 + (0.466667 + 0 + 0.166667)/3]
 *   = ½[0.422222 + 0.211111] = 0.316667
 *   G = ½[mean relu(1+a) + mean relu(1−b)] = ½[(2.233333 + 0.733333 + 3.233333)/3 + (1.533333 + 2.833333
 *   + 1.833333)/3] = ½[2.066667 + 2.066667] = 2.066667
 */
const REAL = [1, -0.5, 2];
const FAKE = [0.3, -1, 0];
const EXPECTED: Record<LossName, { d: number; g: number }> = {
  minimax: { d: 1.091677, g: -0.620255 },
  ns: { d: 1.091677, g: 0.853588 },
  lsgan: { d: 0.723333, g: 0.915 },
  wgan: { d: -1.066667, g: 0.233333 },
  "wgan-gp": { d: -1.066667, g: 0.233333 },
  "wgan-lp": { d: -1.066667, g: 0.233333 },
  dragan: { d: 1.091677, g: 0.853588 },
  hinge: { d: 1.266667, g: 0.233333 },
  rsgan: { d: 0.33473, g: 1.401397 },
  rasgan: { d: 0.360607, g: 1.427273 },
  ralsgan: { d: 0.686667, g: 4.953333 },
  rahinge: { d: 0.316667, g: 2.066667 },
};

describe("loss registry", () => {
  it("has exactly the config's loss names, each loss named by its key", () => {
    expect(Object.keys(LOSSES).sort()).toEqual([...LOSS_NAMES].sort());
    for (const name of LOSS_NAMES) expect(getLoss(name).name).toBe(name);
  });
  it("getLoss rejects an unknown name, listing the valid ones", () => {
    expect(() => getLoss("wgan-xx")).toThrow(/unknown loss "wgan-xx".*minimax, ns, lsgan/);
    expect(() => getLoss("toString")).toThrow(/unknown loss/);
  });
  it("relativistic losses, and only they, need real logits for G", () => {
    const rel = LOSS_NAMES.filter((n) => LOSSES[n].generatorNeedsReal);
    expect(rel).toEqual(["rsgan", "rasgan", "ralsgan", "rahinge"]);
  });
});

for (const name of LOSS_NAMES) {
  const ref: LossReference = { real: REAL, fake: FAKE, ...EXPECTED[name] };
  runLossConformance(getLoss(name), ref, TEST_BACKENDS);
}

/** Every regulariser type and every gp variant the presets use. */
const REGULARIZERS: RegularizerConfig[] = [
  { type: "gp", lambda: 10, oneSided: false, sampling: "interpolate" },
  { type: "gp", lambda: 10, oneSided: true, sampling: "interpolate" },
  { type: "gp", lambda: 10, oneSided: false, sampling: "dragan" },
  { type: "r1", gamma: 10 },
  { type: "r2", gamma: 10 },
  { type: "clip", c: 0.01 },
];

describe("regularizer registry", () => {
  it("covers every type and rejects unknown ones, listing the valid types", () => {
    expect(new Set(REGULARIZERS.map((r) => r.type))).toEqual(new Set(["gp", "r1", "r2", "clip"]));
    const bogus = { type: "l2", lambda: 1 } as unknown as RegularizerConfig;
    expect(() => createRegularizer(bogus)).toThrow(/unknown regularizer type "l2".*gp, r1, r2, clip/);
  });
  it("rejects bad parameters, naming the field", () => {
    expect(() => createRegularizer({ type: "clip", c: 0 })).toThrow(/clip.*c must be/);
    expect(() => createRegularizer({ type: "r1", gamma: -1 })).toThrow(/r1.*gamma must be/);
    expect(() => createRegularizer({ type: "gp", lambda: NaN, oneSided: false, sampling: "dragan" })).toThrow(/lambda/);
  });
});

for (const config of REGULARIZERS) runRegularizerConformance(config, TEST_BACKENDS);
