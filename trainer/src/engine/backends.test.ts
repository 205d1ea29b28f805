import { afterEach, describe, expect, it } from "vitest";
import type { TrainingConfigInput } from "@gantry/core";
import type { Dataset } from "../data/types.ts";
import { makeToy } from "../data/toys.ts";
import { createSession, type StepLog } from "./session.ts";
import type { SessionState } from "./session-state.ts";
import { TEST_BACKENDS, type TestBackend } from "../losses/test-backends.ts";
import { fakeImages, liveTensors, resolved, useBackend } from "./testing.ts";

/**
 * cpu, wasm and native (oneDNN GEMMs/convs, where built) run the same float32 math with different summation orders,
 * so one step must agree closely with cpu's. SGD keeps the comparison smooth (Adam's first step is ±lr·sign(g), which
 * flips for gradients near zero). Tolerance: every logged scalar within 1e-4 relative; every tensor element within
 * 1e-5 + 1e-4·|x|.
 */
const sgd = { g: { type: "sgd" as const, lr: 0.05 }, d: { type: "sgd" as const, lr: 0.05 } };
const cases: [string, Partial<TrainingConfigInput>, Dataset][] = [
  ["mlp2d", { model: { gHidden: [16, 16], dHidden: [16, 16], spectralNorm: true } }, makeToy("ring8")],
  ["mlp", { model: { arch: "mlp", gHidden: [16], dHidden: [16] } }, fakeImages()],
  ["mlp gNorm", { model: { arch: "mlp", gHidden: [16], dHidden: [16], gNorm: "batch" } }, fakeImages()],
  ["dcgan", { model: { arch: "dcgan", gHidden: [8, 4], dHidden: [4, 8] } }, fakeImages()],
];

async function oneStep(backend: TestBackend, input: Partial<TrainingConfigInput>, ds: Dataset): Promise<{ log: StepLog; state: SessionState }> {
  await useBackend(backend);
  const before = liveTensors();
  const s = await createSession(resolved({ ...input, optimizers: sgd, batchSize: 4 }, ds.info), ds);
  const log = s.runStep();
  const state = await s.exportState();
  s.dispose();
  expect(liveTensors()).toBe(before);
  return { log, state };
}

const others = TEST_BACKENDS.filter((b) => b !== "cpu");
const pairs = others.flatMap((b) => cases.map(([name, input, ds]) => [b, name, input, ds] as const));

describe("every backend agrees with cpu on one training step", () => {
  afterEach(() => useBackend("cpu"));

  it.each(pairs)(
    "%s %s",
    async (backend, _name, input, ds) => {
      const cpu = await oneStep("cpu", input, ds);
      const wasm = await oneStep(backend, input, ds);
      for (const k of ["dLoss", "gLoss", "realMean", "fakeMean", "dGradNorm", "gGradNorm"] as const) {
        expect(Math.abs(wasm.log[k] - cpu.log[k]), k).toBeLessThanOrEqual(1e-4 * Math.max(1e-3, Math.abs(cpu.log[k])));
      }
      expect(Object.keys(wasm.state.tensors).sort()).toEqual(Object.keys(cpu.state.tensors).sort());
      for (const [key, c] of Object.entries(cpu.state.tensors)) {
        const w = wasm.state.tensors[key]!.data;
        const worst = c.data.reduce((m, x, i) => Math.max(m, Math.abs(w[i]! - x) - 1e-4 * Math.abs(x)), 0);
        expect(worst, key).toBeLessThanOrEqual(1e-5);
      }
    },
    30_000,
  );
});
