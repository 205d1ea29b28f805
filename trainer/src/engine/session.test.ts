import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { TrainingConfigInput } from "@gantry/core";
import type { Dataset } from "../data/types.ts";
import { makeToy } from "../data/toys.ts";
import { createSession, type TrainingSession } from "./session.ts";
import { tensorTestScope, fakeImages, resolved, stateHash } from "./testing.ts";

const ring = makeToy("ring8");
const images = fakeImages();

// cpu backend; each test's sessions are disposed after it and no tensor may outlive it.
const { track } = tensorTestScope();

async function open(input: Partial<TrainingConfigInput>, ds: Dataset = ring): Promise<TrainingSession> {
  return track(await createSession(resolved(input, ds.info), ds));
}

async function hashAfter(input: Partial<TrainingConfigInput>, steps: number, ds?: Dataset): Promise<string> {
  const s = await open(input, ds);
  for (let i = 0; i < steps; i++) s.runStep();
  return stateHash(await s.exportState());
}

const small = { model: { gHidden: [16, 16], dHidden: [16, 16] }, batchSize: 16 };
const tinyDcgan = { model: { arch: "dcgan" as const, gHidden: [8, 4], dHidden: [4, 8], spectralNorm: true }, batchSize: 4 };

describe("session", () => {
  it("same config and seed give identical weights after 5 steps; another seed does not", async () => {
    const a = await hashAfter({ ...small, seed: 7 }, 5);
    const b = await hashAfter({ ...small, seed: 7 }, 5);
    const c = await hashAfter({ ...small, seed: 8 }, 5);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("runStep reports finite numbers and counts steps; ns at init has D loss near 2·ln 2", async () => {
    const s = await open({ ...small, nCritic: 2 });
    const log = s.runStep();
    expect(log.step).toBe(1);
    expect(s.step).toBe(1);
    expect(log.dLoss).toBeGreaterThan(1.2);
    expect(log.dLoss).toBeLessThan(1.6);
    for (const k of ["gLoss", "realMean", "fakeMean", "dGradNorm", "gGradNorm", "stepsPerSecond", "elapsedMs"] as const) {
      expect(Number.isFinite(log[k])).toBe(true);
    }
    expect(log.dGradNorm).toBeGreaterThan(0);
    expect(s.optimizers.d.iterations).toBe(2);
    expect(s.optimizers.g.iterations).toBe(1);
  });

  // [name, config, dataset, steps before the export, steps after]
  const resumeCases: [string, Partial<TrainingConfigInput>, Dataset, number, number][] = [
    ["mlp2d, adam, EMA", { ...small, emaDecay: 0.9 }, ring, 3, 2],
    ["mlp2d, exported before any step", small, ring, 0, 2],
    ["mlp2d, wgan: rmsprop + clip, nCritic 5", { ...small, loss: { name: "wgan" } }, ring, 3, 2],
    [
      "mlp2d, PacGAN pack 2 (rasgan: packed relativistic means)",
      { ...small, loss: { name: "rasgan" }, model: { ...small.model, pack: 2 } },
      ring,
      3,
      2,
    ],
    [
      "mlp2d, rsgan (fresh real batch for G), sgd",
      { ...small, loss: { name: "rsgan" }, optimizers: { g: { type: "sgd", lr: 0.01 }, d: { type: "sgd", lr: 0.01 } } },
      ring,
      3,
      2,
    ],
    ["dcgan with BN + SN state, EMA", { ...tinyDcgan, emaDecay: 0.9 }, images, 1, 1],
  ];
  it.each(resumeCases)(
    "export → import into a fresh session → continue equals an uninterrupted run (%s)",
    async (_name, input, ds, first, then) => {
      const straight = await hashAfter(input, first + then, ds);
      const a = await open(input, ds);
      for (let i = 0; i < first; i++) a.runStep();
      const state = await a.exportState();
      a.runStep(); // moving on must not change the exported copy
      const resumed = await open(input, ds);
      await resumed.importState(state);
      expect(resumed.step).toBe(first);
      for (let i = 0; i < then; i++) resumed.runStep();
      expect(stateHash(await resumed.exportState())).toBe(straight);
    },
    30_000,
  );

  it("exportState is a flat map key → { shape, data } over models, EMA and optimizers", async () => {
    const s = await open({ ...small, emaDecay: 0.5 });
    s.runStep();
    const { step, tensors } = await s.exportState();
    expect(step).toBe(1);
    const keys = Object.keys(tensors);
    expect(keys).toContain("g/dense0/kernel");
    expect(keys).toContain("ema/g/dense2/bias");
    expect(keys).toContain("optim/d/d/dense1/kernel/v");
    expect(tensors["optim/g/iter"]).toEqual({ shape: [], data: Float32Array.of(1) });
    expect(tensors["optim/g/accBeta1"]!.data[0]).toBeCloseTo(0.5 ** 2, 6);
    expect(tensors["d/dense0/kernel"]!.shape).toEqual([2, 16]);
    // 3 layers × 2 vars for G, D, EMA; Adam m and v for G and D; iter + 2 powers per optimizer.
    expect(keys.length).toBe(6 * 3 + 6 * 2 * 2 + 3 * 2);
  });

  it("importState rejects a state for another model, naming the key, and changes nothing", async () => {
    const s = await open(small);
    const state = await s.exportState();
    const target = await open({ ...small, model: { gHidden: [16, 8], dHidden: [16, 16] } });
    const h = stateHash(await target.exportState());
    await expect(target.importState(state)).rejects.toThrow(/"g\/dense1\/kernel" has shape \[16, 16\]/);
    expect(stateHash(await target.exportState())).toBe(h);
    const before = stateHash(await s.exportState());
    delete state.tensors["d/dense2/bias"];
    await expect(s.importState(state)).rejects.toThrow(/missing tensor "d\/dense2\/bias"/);
    state.tensors["d/dense2/bias"] = { shape: [1], data: Float32Array.of(1) };
    state.tensors["x/extra"] = { shape: [1], data: Float32Array.of(0) };
    await expect(s.importState(state)).rejects.toThrow(/state has tensors this model does not: x\/extra/);
    expect(stateHash(await s.exportState())).toBe(before);
  });

  it("sample: deterministic per seed, G in inference mode; EMA on request", async () => {
    const s = await open({ ...tinyDcgan, emaDecay: 0.5 }, images);
    s.runStep();
    const a = s.sample(3, 42);
    const b = s.sample(3, 42);
    const c = s.sample(3, 43);
    const e = s.sample(3, 42, { ema: true });
    expect(a.shape).toEqual([3, 28, 28, 1]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(Array.from(c.dataSync())).not.toEqual(Array.from(a.dataSync()));
    expect(Array.from(e.dataSync())).not.toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b, c, e]);
    const plain = await open(small);
    expect(() => plain.sample(1, 0, { ema: true })).toThrow(/emaDecay/);
  }, 30_000);
});
