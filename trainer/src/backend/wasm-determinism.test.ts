/**
 * Whole training steps on wasm: same config + seed → identical weights, and Gantry's SIMD element-wise kernels
 * change no bit of them (eltwiseSimd on vs off, with the leading-axis reductions on tfjs' stock kernels in both, since
 * the SIMD column sum rounds differently from the pooled path it replaces — it matches the stock Sum instead).
 */
import { describe, expect, it } from "vitest";
import type { TrainingConfigInput } from "@gantry/core";
import { makeToy } from "../data/toys.ts";
import type { Dataset } from "../data/types.ts";
import { createSession } from "../engine/session.ts";
import { fakeImages, resolved, stateHash, tensorTestScope } from "../engine/testing.ts";
import { setWasmPatches } from "./patches.ts";

const ring = makeToy("ring8");
const images = fakeImages();
const mlp = { model: { gHidden: [16, 16], dHidden: [16, 16] }, batchSize: 16, seed: 3 };
const dcgan = { model: { arch: "dcgan" as const, gHidden: [8, 4], dHidden: [4, 8] }, batchSize: 4, seed: 3 };

describe("wasm training determinism", () => {
  const { track } = tensorTestScope("wasm");

  async function hashAfter(input: Partial<TrainingConfigInput>, ds: Dataset, steps = 3): Promise<string> {
    const s = track(await createSession(resolved(input, ds.info), ds));
    for (let i = 0; i < steps; i++) s.runStep();
    return stateHash(await s.exportState());
  }

  for (const [name, config, ds] of [
    ["mlp2d ns", mlp, ring],
    ["dcgan ns (batch norm, leakyRelu)", dcgan, images],
    ["mlp2d wgan-gp", { ...mlp, loss: { name: "wgan-gp" as const } }, ring],
  ] as const) {
    it(`${name}: same seed → same weights; the SIMD kernels change no bit`, async () => {
      const a = await hashAfter(config, ds);
      expect(await hashAfter(config, ds)).toBe(a);
      expect(await hashAfter({ ...config, seed: 4 }, ds)).not.toBe(a);
      try {
        setWasmPatches({ reduceLeading: false, eltwiseSimd: true });
        const on = await hashAfter(config, ds);
        setWasmPatches({ eltwiseSimd: false });
        expect(await hashAfter(config, ds)).toBe(on);
      } finally {
        setWasmPatches({ reduceLeading: true, eltwiseSimd: true });
      }
    });
  }
});
