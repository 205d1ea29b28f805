import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { initBackend } from "../backend/index.ts";
import { makeToy } from "../data/toys.ts";
import type { Dataset } from "../data/types.ts";
import type { TrainingSession } from "../engine/session.ts";
import { bestMetricFor, evaluateSession } from "./evaluate.ts";

// The LeNet evaluator itself is tested in evaluator/; running it here on the cpu backend would take a minute.
const { evaluateImages } = vi.hoisted(() => ({ evaluateImages: vi.fn() }));
vi.mock("../evaluator/index.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../evaluator/index.ts")>()),
  evaluateImages,
}));

beforeAll(async () => {
  await initBackend("cpu");
});

/** A session whose "generator" returns real samples (or a constant): enough for evaluateSession. */
function stubSession(dataset: Dataset, draw: (n: number) => Float32Array, classes?: number[]): TrainingSession {
  return {
    dataset,
    step: 9,
    ema: null,
    config: { seed: 2, data: { name: dataset.info.id, ...(classes ? { classes } : {}) } },
    sample: (n: number) => tf.tensor(draw(n), [n, ...dataset.info.sampleShape]),
  } as unknown as TrainingSession;
}

describe("evaluateSession", () => {
  it("scores real toy data as perfect and a collapsed generator as poor", async () => {
    const before = tf.memory().numTensors;
    const toy = makeToy("ring8");
    const good = await evaluateSession(stubSession(toy, (n) => toy.take(n, { seed: 77 }).data));
    expect(good.modesCaptured).toBe(8);
    expect(good.highQualityFraction).toBeGreaterThan(0.99);
    expect(good.reverseKL).toBeLessThan(0.01);
    expect(good.swd).toBeGreaterThan(0);
    expect(good.swd).toBeLessThan(0.05);
    // Every sample at the origin: no mode within 3σ; the projected W1 is the mean |θ·x| ≈ (2/π)·1.414.
    const bad = await evaluateSession(stubSession(toy, (n) => new Float32Array(2 * n)));
    expect(bad.modesCaptured).toBe(0);
    expect(bad.swd).toBeGreaterThan(0.8);
    expect(bad.swd).toBeLessThan(1.0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("adds LeNet image metrics for mnist-shaped runs; evaluator failures become warnings", { timeout: 60_000 }, async () => {
    const before = tf.memory().numTensors;
    const images: Dataset = {
      info: { id: "mnist", kind: "image", sampleShape: [28, 28, 1], size: 100, classes: 10, description: "", range: [-1, 1] },
      batch: () => new Float32Array(0),
      take: (count) => ({ data: new Float32Array(count * 784).fill(0.5), labels: null }),
    };
    evaluateImages.mockResolvedValueOnce({
      fd_lenet: 12.5,
      kid: 0.1,
      kid_se: 0.01,
      precision: 0.7,
      recall: 0.6,
      density: 0.9,
      coverage: 0.8,
      classes_found: 9,
      class_kl: 0.2,
      classifier_score: 7,
      n_real: 1000,
      n_fake: 1000,
    });
    const m = await evaluateSession(stubSession(images, (n) => new Float32Array(n * 784).fill(0.5)));
    expect(evaluateImages).toHaveBeenCalledTimes(1);
    const [dataset, fake, count, opts] = evaluateImages.mock.calls[0]!;
    expect([dataset, fake.length, count, opts]).toEqual(["mnist", 784_000, 1000, { nReal: 1000, seed: 2 }]);
    // Identical real and fake sets: every projection's W1 is 0.
    expect(m).toEqual({
      swd: 0,
      fd_lenet: 12.5,
      kid: 0.1,
      kid_se: 0.01,
      precision: 0.7,
      recall: 0.6,
      density: 0.9,
      coverage: 0.8,
      classes_found: 9,
      class_kl: 0.2,
      classifier_score: 7,
    });
    expect(bestMetricFor(images, undefined)).toEqual({ name: "fd_lenet", direction: "min" });
    expect(bestMetricFor(images, [3])).toEqual({ name: "swd", direction: "min" });

    evaluateImages.mockRejectedValueOnce(new Error("evaluator file lenet.json cannot be read"));
    const warnings: string[] = [];
    const partial = await evaluateSession(
      stubSession(images, (n) => new Float32Array(n * 784)),
      {
        onWarning: (w) => warnings.push(w),
      },
    );
    expect(Object.keys(partial)).toEqual(["swd"]);
    expect(warnings).toEqual(["image metrics skipped: evaluator file lenet.json cannot be read"]);
    // A class filter turns the LeNet metrics off (they compare against the full test split).
    await evaluateSession(stubSession(images, (n) => new Float32Array(n * 784), [3]));
    expect(evaluateImages).toHaveBeenCalledTimes(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
