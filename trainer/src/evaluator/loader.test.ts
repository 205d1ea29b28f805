/**
 * The committed evaluators (trainer/evaluators/<dataset>/): they load offline, verify their checksums and still
 * classify. Nothing here trains; timeouts are generous because the datasets are parsed on first use.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { openDataset } from "../data/index.ts";
import { argmaxRows } from "./batched.ts";
import { evaluatorDir, loadEvaluator, referenceStats, type EvaluatorDataset } from "./index.ts";
import { sha256Hex } from "./weights-file.ts";

const SLOW = 120_000;

beforeAll(async () => {
  await initBackend("wasm");
});

/** Accuracy floors on the first 1 000 test images (one-sided: only a drop in accuracy is a failure). */
const CASES: Array<{ dataset: EvaluatorDataset; floor: number; trainedFloor: number }> = [
  { dataset: "mnist", floor: 0.985, trainedFloor: 0.99 },
  { dataset: "fashion-mnist", floor: 0.89, trainedFloor: 0.9 },
];

describe.each(CASES)("committed $dataset evaluator", ({ dataset, floor, trainedFloor }) => {
  it(
    "loads once per process with a verified checksum and the recorded version",
    async () => {
      const before = tf.memory().numTensors;
      const ev = await loadEvaluator(dataset);
      expect(await loadEvaluator(dataset)).toBe(ev);
      expect(ev.version).toBe(`${dataset}-lenet-v1`);
      expect(ev.featureDim).toBe(128);
      expect(ev.numClasses).toBe(10);
      expect(ev.testAccuracy).toBeGreaterThanOrEqual(trainedFloor);
      expect(ev.testAccuracy).toBeLessThanOrEqual(1);
      // The spec's checksum is that of the committed file (loadEvaluator verified the same).
      const dir = evaluatorDir(dataset);
      const spec = JSON.parse(readFileSync(join(dir, "lenet.json"), "utf8")) as { weights: { sha256: string } };
      expect(sha256Hex(new Uint8Array(readFileSync(join(dir, "weights.bin"))))).toBe(spec.weights.sha256);
      // Loading created exactly the 8 weight variables (or none if an earlier test loaded it already).
      expect([0, 8]).toContain(tf.memory().numTensors - before);
    },
    SLOW,
  );

  it(
    `classifies the first 1000 test images with accuracy ≥ ${floor}, without leaking tensors`,
    async () => {
      const ev = await loadEvaluator(dataset);
      const test = (await openDataset({ name: dataset, split: "test" })).take(1000);
      const before = tf.memory().numTensors;
      const { features, probs } = ev.featuresAndProbs(test.data, 1000);
      expect(tf.memory().numTensors).toBe(before);
      expect(features.length).toBe(1000 * 128);
      expect(probs.length).toBe(1000 * 10);
      expect(features.every((v) => v >= 0)).toBe(true); // post-ReLU
      for (let i = 0; i < 1000; i++) {
        const sum = probs.subarray(i * 10, i * 10 + 10).reduce((s, v) => s + v, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
      }
      const predicted = argmaxRows(probs);
      const accuracy = predicted.filter((p, i) => p === test.labels![i]).length / 1000;
      expect(accuracy).toBeGreaterThanOrEqual(floor);
      // The separate entry points agree with the combined pass (a different batch size may reorder float sums).
      const f3 = ev.features(test.data.subarray(0, 784 * 3), 3);
      const p3 = ev.probs(test.data.subarray(0, 784 * 3), 3);
      f3.forEach((v, i) => expect(Math.abs(v - features[i]!)).toBeLessThan(1e-4 * (1 + Math.abs(v))));
      p3.forEach((v, i) => expect(Math.abs(v - probs[i]!)).toBeLessThan(1e-6));
      expect(tf.memory().numTensors).toBe(before);
    },
    SLOW,
  );

  it(
    "ships reference stats of the full test split",
    async () => {
      const stats = await referenceStats(dataset);
      expect(stats.n).toBe(10_000);
      expect(stats.dim).toBe(128);
      expect(stats.mean.every((v) => v >= 0)).toBe(true); // means of ReLU outputs
      for (let j = 0; j < 128; j++) expect(stats.cov[j * 128 + j]).toBeGreaterThanOrEqual(0);
      expect(await referenceStats(dataset)).toBe(stats);
    },
    SLOW,
  );
});

describe("evaluator files on disk", () => {
  it(
    "rejects a tampered copy of the weights with a checksum error and loads an intact copy",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "gantry-evaluator-"));
      try {
        cpSync(evaluatorDir("mnist"), dir, { recursive: true });
        const intact = await loadEvaluator("mnist", { dir });
        expect(intact.version).toBe("mnist-lenet-v1");
        intact.dispose();
        const bytes = new Uint8Array(readFileSync(join(dir, "weights.bin")));
        bytes[4000] = bytes[4000]! ^ 0x04; // one flipped bit in one float
        writeFileSync(join(dir, "weights.bin"), bytes);
        const before = tf.memory().numTensors;
        await expect(loadEvaluator("mnist", { dir })).rejects.toThrow(
          /mnist-lenet-v1 weights\.bin: sha256 checksum mismatch \(expected [0-9a-f]{64}, got [0-9a-f]{64}\)/,
        );
        expect(tf.memory().numTensors).toBe(before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it("rejects unknown datasets and a directory holding another dataset's evaluator", async () => {
    await expect(loadEvaluator("cifar10" as EvaluatorDataset)).rejects.toThrow(/"cifar10" has no image evaluator/);
    await expect(loadEvaluator("fashion-mnist", { dir: evaluatorDir("mnist") })).rejects.toThrow(
      /evaluator mnist-lenet-v1 is for mnist, not fashion-mnist/,
    );
  });
});
