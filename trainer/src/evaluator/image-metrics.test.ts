/**
 * Image metrics on the committed MNIST evaluator (and one Fashion-MNIST check). Bounds were measured on these
 * weights (see comments) and leave room for other seeds; nothing here trains.
 */
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { openDataset, type Dataset } from "../data/index.ts";
import { featureStats, fdFromFeatureStats, matrix } from "../metrics/index.ts";
import { gaussian, mulberry32 } from "../util/rng.ts";
import { evaluateImages, loadEvaluator, referenceStats, type ImageEvaluator } from "./index.ts";

const SLOW = 180_000;
/**
 * Bounds measured on the committed weights (mnist-lenet-v1, fashion-mnist-lenet-v1). FD of 1000 real images is
 * not 0 even for test images: the finite-sample bias of a 128-D covariance estimate is ≈ 1.5–2 here.
 */
const FD_REAL_BOUND = 3; // measured 1.94, 2.19, 1.98 (train, seeds 1–3); 1.83, 1.80, 1.50 (held-out test, seeds 0–2)
const FD_REAL_FLOOR = 0.5;
const FASHION_FD_BOUND = 3.5; // measured 1.79, 1.71, 2.25 (500 held-out test images, seeds 1–3)
const FD_COPIES_FLOOR = 100; // measured 644 for 200 copies of one "3"
const SCORE_FLOOR = 9.2; // measured 9.59, 9.66, 9.60 (a 99 % accurate classifier on balanced real digits)
let mnist: ImageEvaluator;
let test: Dataset;
let train: Dataset;

beforeAll(async () => {
  await initBackend("wasm");
  mnist = await loadEvaluator("mnist");
  test = await openDataset({ name: "mnist", split: "test" });
  train = await openDataset({ name: "mnist", split: "train" });
}, SLOW);

/** FD-LeNet of `count` images against the cached stats of the whole MNIST test split. */
async function fdToTest(images: Float32Array, count: number): Promise<number> {
  const fake = featureStats(matrix(mnist.features(images, count), count, 128));
  return fdFromFeatureStats(await referenceStats("mnist"), fake).value;
}

/** `n` test images that are disjoint from evaluateImages' real set for (nReal, seed): the next ones in its shuffle. */
function heldOutTest(ds: Dataset, nReal: number, n: number, seed: number): Float32Array {
  return ds.take(nReal + n, { split: "test", seed }).data.subarray(nReal * 784);
}

describe("FD-LeNet on MNIST", () => {
  it(
    "is small between 1000 train images and the test split",
    async () => {
      const before = tf.memory().numTensors;
      const fd = await fdToTest(train.take(1000, { seed: 1 }).data, 1000);
      // Measured 1.98; 200 copies of a single digit give 644 (see the collapse test).
      expect(fd).toBeGreaterThan(FD_REAL_FLOOR);
      expect(fd).toBeLessThan(FD_REAL_BOUND);
      expect(tf.memory().numTensors).toBe(before);
    },
    SLOW,
  );

  it(
    "grows monotonically with the strength of added Gaussian noise",
    async () => {
      const base = train.take(1000, { seed: 4 }).data;
      const fds: number[] = [];
      for (const sigma of [0, 0.1, 0.3, 0.6]) {
        const draw = gaussian(mulberry32(99));
        fds.push(
          await fdToTest(
            Float32Array.from(base, (v) => v + sigma * draw()),
            1000,
          ),
        );
      }
      // Measured 2.24, 8.08, 82.4, 420.7 (Fashion-MNIST, same protocol: 1.09, 12.9, 123.6, 587.9).
      for (let i = 1; i < fds.length; i++) expect(fds[i]!).toBeGreaterThan(fds[i - 1]! * 2);
      expect(fds[3]!).toBeGreaterThan(100 * fds[0]!);
    },
    SLOW,
  );
});

describe("evaluateImages", () => {
  it(
    "scores held-out real test images as matching the test split",
    async () => {
      const before = tf.memory().numTensors;
      const nReal = 1000;
      const fake = heldOutTest(test, nReal, 1000, 0);
      const m = await evaluateImages("mnist", fake, 1000, { nReal, seed: 0 });
      expect(tf.memory().numTensors).toBe(before);
      // Measured: fd 1.83, kid −0.49 ± 0.28, precision 0.963, recall 0.944, density 1.002, coverage 0.974,
      // class_kl 0.0096, classifier_score 9.59.
      expect(m.n_real).toBe(1000);
      expect(m.n_fake).toBe(1000);
      expect(m.kid_se).toBeGreaterThan(0);
      expect(Math.abs(m.kid)).toBeLessThan(3 * m.kid_se);
      expect(m.classes_found).toBe(10);
      expect(m.class_kl).toBeGreaterThanOrEqual(0);
      expect(m.class_kl).toBeLessThan(0.02);
      expect(m.classifier_score).toBeGreaterThan(SCORE_FLOOR);
      expect(m.classifier_score).toBeLessThanOrEqual(10);
      expect(m.fd_lenet).toBeGreaterThan(FD_REAL_FLOOR);
      expect(m.fd_lenet).toBeLessThan(FD_REAL_BOUND);
      for (const v of [m.precision, m.recall, m.coverage]) {
        expect(v).toBeGreaterThan(0.9);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(m.density).toBeGreaterThan(0.85);
      expect(m.density).toBeLessThan(1.15);
    },
    SLOW,
  );

  it(
    "finds one class, maximal imbalance and no diversity in copies of a single digit",
    async () => {
      const first = test.take(50, { split: "test" });
      const at = [...first.labels!].indexOf(3);
      const copies = new Float32Array(200 * 784);
      for (let i = 0; i < 200; i++) copies.set(first.data.subarray(at * 784, (at + 1) * 784), i * 784);
      const m = await evaluateImages("mnist", copies, 200);
      expect(m.classes_found).toBe(1);
      // One class holds all the mass: KL(h ‖ uniform) = 1·ln(1·10) = ln 10; identical predictions give score exp(0).
      expect(m.class_kl).toBeCloseTo(Math.log(10), 9);
      expect(m.classifier_score).toBeCloseTo(1, 6);
      // Identical fakes have zero-radius balls: no real image is recalled and almost none is covered.
      expect(m.recall).toBe(0);
      expect(m.coverage).toBeLessThan(0.01);
      expect(m.fd_lenet).toBeGreaterThan(FD_COPIES_FLOOR);
      expect(m.kid).toBeGreaterThan(10 * m.kid_se);
      expect(m.n_fake).toBe(200);
    },
    SLOW,
  );

  it(
    "rejects NaN or infinite pixels, wrong lengths, too few images and bad options",
    async () => {
      const images = heldOutTest(test, 1000, 20, 0).slice();
      images[3 * 784 + 5] = Number.NaN;
      await expect(evaluateImages("mnist", images, 20)).rejects.toThrow(/fakeImages: non-finite value NaN at element 2357 \(image 3\)/);
      images[3 * 784 + 5] = Number.POSITIVE_INFINITY;
      await expect(evaluateImages("mnist", images, 20)).rejects.toThrow(/non-finite value Infinity/);
      images[3 * 784 + 5] = 0;
      await expect(evaluateImages("mnist", images, 19)).rejects.toThrow(/length 15680 is not count × 784 = 14896/);
      await expect(evaluateImages("mnist", images.subarray(0, 5 * 784), 5)).rejects.toThrow(/at least 6 images/);
      await expect(evaluateImages("mnist", images, 20, { nReal: 10_001 })).rejects.toThrow(/nReal: must be/);
      await expect(evaluateImages("mnist", images, 20, { k: 0 })).rejects.toThrow(/k: must be a positive integer/);
    },
    SLOW,
  );

  it(
    "matches real Fashion-MNIST test images too",
    async () => {
      const fashion = await openDataset({ name: "fashion-mnist", split: "test" });
      const m = await evaluateImages("fashion-mnist", heldOutTest(fashion, 500, 500, 1), 500, { nReal: 500, seed: 1 });
      // Measured: fd 1.79, kid −0.09 ± 0.12, precision 0.966, recall 0.952.
      expect(m.classes_found).toBe(10);
      expect(Math.abs(m.kid)).toBeLessThan(3 * m.kid_se);
      expect(m.precision).toBeGreaterThan(0.85);
      expect(m.recall).toBeGreaterThan(0.85);
      expect(m.fd_lenet).toBeLessThan(FASHION_FD_BOUND);
    },
    SLOW,
  );
});
