/**
 * The fused wasm Adam against tfjs' stock AdamOptimizer: bit-identical weights and slots after several steps, on
 * sizes that exercise the SIMD body (multiples of 4) and the scalar tail, and against the cpu backend.
 */
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoLeak, seeded } from "./grad-check.ts";
import { FusedAdamOptimizer, fusedAdamActive, initBackend, setWasmPatches } from "./index.ts";

const SHAPES = [[1], [6], [4, 2], [37], [5, 9, 3]];

/** Weights and both moments after `steps` updates with seeded gradients of mixed magnitudes. */
async function train(backend: "wasm" | "cpu", fused: boolean, steps = 4): Promise<Float32Array[]> {
  await initBackend(backend);
  setWasmPatches({ adamFused: fused });
  const vars = SHAPES.map((s, i) => tf.tidy(() => tf.variable(seeded(s, 30 + i), true, `adam-${backend}-${fused}-${i}`)));
  const opt = new FusedAdamOptimizer(2e-3, 0.5, 0.999);
  for (let step = 0; step < steps; step++) {
    const grads = vars.map((v, i) => ({ name: v.name, tensor: tf.tidy(() => tf.mul(seeded(v.shape, 50 + 7 * step + i), 10 ** (i - 2))) }));
    opt.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
  const weights = await opt.getWeights();
  const out = [...vars.map((v) => v.dataSync() as Float32Array), ...weights.map((w) => w.tensor.dataSync() as Float32Array)];
  expect(weights.map((w) => w.name).slice(1)).toEqual([...vars.map((v) => `${v.name}/m`), ...vars.map((v) => `${v.name}/v`)]);
  tf.dispose(weights.map((w) => w.tensor));
  opt.dispose();
  tf.dispose(vars);
  return out.map((a) => Float32Array.from(a));
}

describe("FusedAdamOptimizer", () => {
  beforeAll(() => initBackend("wasm"));
  afterAll(() => {
    setWasmPatches({ adamFused: true });
  });

  it("runs the SIMD update on the wasm backend only", async () => {
    expect(fusedAdamActive()).toBe(true);
    setWasmPatches({ adamFused: false });
    expect(fusedAdamActive()).toBe(false);
    setWasmPatches({ adamFused: true });
    await initBackend("cpu");
    expect(fusedAdamActive()).toBe(false);
    await initBackend("wasm");
  });

  it("matches the stock wasm and cpu Adam bit for bit (weights, m, v, iterations)", async () => {
    const fused = await expectNoLeak(() => train("wasm", true));
    const stock = await expectNoLeak(() => train("wasm", false));
    const cpu = await expectNoLeak(() => train("cpu", true));
    expect(fused).toHaveLength(1 + 3 * SHAPES.length);
    expect(fused[SHAPES.length]![0]).toBe(4); // iterations
    for (let i = 0; i < fused.length; i++) {
      expect([...fused[i]!]).toEqual([...stock[i]!]);
      expect([...fused[i]!]).toEqual([...cpu[i]!]);
    }
    // The update really moved the weights: Adam steps are about lr = 2e-3 each, so after 4 the mean |Δ| per
    // variable lies between ~lr/4 (moves partly cancelling) and 4·lr·(1 + slack).
    await initBackend("wasm");
    SHAPES.forEach((s, i) => {
      const start = tf.tidy(() => seeded(s, 30 + i).dataSync());
      const meanMove = fused[i]!.reduce((acc, w, j) => acc + Math.abs(w - start[j]!), 0) / fused[i]!.length;
      expect(meanMove).toBeGreaterThan(5e-4);
      expect(meanMove).toBeLessThan(1e-2);
    });
  });
});
