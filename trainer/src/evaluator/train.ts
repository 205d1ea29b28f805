/**
 * Supervised training of the evaluator LeNet (used by scripts/train-evaluator.ts; never by tests, which load the
 * committed weights). Seeded end to end: initial weights, batch order and augmentation are pure functions of
 * `seed`, so a rerun on the same backend reproduces the weights.
 */
import * as tf from "@tensorflow/tfjs-core";
import { openDataset } from "../data/index.ts";
import { hashSeed, mulberry32 } from "../util/rng.ts";
import { accuracyOf } from "./batched.ts";
import { IMAGE_SIZE, NUM_CLASSES, buildLeNet, type LeNet } from "./lenet.ts";

export interface TrainEvaluatorOptions {
  dataset: "mnist" | "fashion-mnist";
  epochs: number;
  batchSize?: number;
  /** Peak Adam learning rate; it follows a cosine decay to 5 % of this over the run. */
  learningRate?: number;
  seed?: number;
  /** Random translation of up to ±shift pixels per training image (0 = no augmentation). */
  shift?: number;
  /** Train on only the first `limit` stream samples per epoch (smoke runs). */
  limit?: number;
  /** Evaluate test accuracy after every epoch (costs one pass over the test split each). */
  evalEachEpoch?: boolean;
  log?: (line: string) => void;
}

export interface EpochRecord {
  epoch: number;
  meanLoss: number;
  seconds: number;
  testAccuracy?: number;
}

export interface TrainEvaluatorResult {
  net: LeNet;
  testAccuracy: number;
  testCount: number;
  trainSeconds: number;
  testSeconds: number;
  epochs: EpochRecord[];
}

/** Adam whose learning rate can change between steps (tfjs keeps it in a protected field). */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}

/** Shifts each 28×28 image by a random (dx, dy) in [−shift, shift]², filling with the background value −1. */
export function shiftImages(images: Float32Array, count: number, shift: number, seed: number): Float32Array {
  if (shift === 0) return images;
  const rand = mulberry32(seed);
  const out = new Float32Array(images.length).fill(-1);
  for (let n = 0; n < count; n++) {
    const dx = Math.floor(rand() * (2 * shift + 1)) - shift;
    const dy = Math.floor(rand() * (2 * shift + 1)) - shift;
    const base = n * IMAGE_SIZE;
    for (let y = Math.max(0, dy); y < Math.min(28, 28 + dy); y++) {
      const src = base + (y - dy) * 28;
      const x0 = Math.max(0, dx);
      const x1 = Math.min(28, 28 + dx);
      out.set(images.subarray(src + x0 - dx, src + x1 - dx), base + y * 28 + x0);
    }
  }
  return out;
}

/** Trains a LeNet on the dataset's train split and measures accuracy on the full test split. */
export async function trainEvaluator(opts: TrainEvaluatorOptions): Promise<TrainEvaluatorResult> {
  const { dataset, epochs, batchSize = 128, learningRate = 2e-3, seed = 1, shift = 0, log = () => {} } = opts;
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`epochs must be a positive integer, got ${epochs}`);
  const train = await openDataset({ name: dataset, split: "train" });
  const test = train.take(10_000, { split: "test" });
  const testCount = test.labels!.length;
  const perEpoch = Math.min(opts.limit ?? Infinity, train.info.size!);
  const steps = Math.floor(perEpoch / batchSize);
  const totalSteps = steps * epochs;
  const net = buildLeNet(seed);
  const vars = [...net.params.values()];
  const opt = new ScheduledAdam(learningRate, 0.9, 0.999, 1e-7);
  const history: EpochRecord[] = [];
  const t0 = performance.now();
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const te = performance.now();
      let lossSum = 0;
      for (let s = 0; s < steps; s++) {
        const k = epoch * steps + s;
        opt.setLearningRate(learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * k) / totalSteps))));
        const images = shiftImages(train.batch(k, batchSize, seed), batchSize, shift, hashSeed(seed, 0xa06, k));
        const labels = train.batchLabels!(k, batchSize, seed)!;
        const loss = tf.tidy(() => {
          const x = tf.tensor4d(images, [batchSize, 28, 28, 1]);
          const y = tf.oneHot(tf.tensor1d(labels, "int32"), NUM_CLASSES);
          return opt.minimize(() => tf.losses.softmaxCrossEntropy(y, net.forward(x).logits) as tf.Scalar, true, vars)!;
        });
        lossSum += (await loss.data())[0]!;
        loss.dispose();
        if ((s + 1) % 100 === 0) log(`epoch ${epoch + 1} step ${s + 1}/${steps} loss ${(lossSum / (s + 1)).toFixed(4)}`);
      }
      const record: EpochRecord = { epoch: epoch + 1, meanLoss: lossSum / steps, seconds: (performance.now() - te) / 1000 };
      if (opts.evalEachEpoch && epoch < epochs - 1) record.testAccuracy = accuracyOf(net, test.data, test.labels!, testCount);
      history.push(record);
      log(
        `epoch ${record.epoch}: loss ${record.meanLoss.toFixed(4)}, ${record.seconds.toFixed(1)} s` +
          (record.testAccuracy === undefined ? "" : `, test accuracy ${(record.testAccuracy * 100).toFixed(2)} %`),
      );
    }
  } catch (e) {
    net.dispose();
    throw e;
  } finally {
    opt.dispose();
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  const tt = performance.now();
  const testAccuracy = accuracyOf(net, test.data, test.labels!, testCount);
  const last = history[history.length - 1]!;
  last.testAccuracy = testAccuracy;
  return { net, testAccuracy, testCount, trainSeconds, testSeconds: (performance.now() - tt) / 1000, epochs: history };
}
