/**
 * Loading the committed evaluators and caching them, with their reference statistics, per process. Everything is
 * read from the repository (no network) and checksum-verified. Uses the active tfjs backend: call initBackend() first.
 */
import * as tf from "@tensorflow/tfjs-core";
import { openDataset } from "../data/index.ts";
import { featureStats, matrix, type FeatureStats } from "../metrics/index.ts";
import { runBatched } from "./batched.ts";
import { FEATURE_DIM, NUM_CLASSES, lenetFromWeights } from "./lenet.ts";
import { EVALUATOR_DATASETS, evaluatorDir, readEvaluatorFiles, type EvaluatorDataset } from "./store.ts";

export interface ImageEvaluator {
  /** e.g. "mnist-lenet-v1"; record it beside every metric so values are only compared within one version. */
  readonly version: string;
  readonly dataset: EvaluatorDataset;
  /** Width of `features` rows (128). */
  readonly featureDim: number;
  /** Width of `probs` rows (10). */
  readonly numClasses: number;
  /** Full test-split accuracy measured when the weights were trained. */
  readonly testAccuracy: number;
  /** count × featureDim penultimate-layer activations of count 28×28×1 images in [−1, 1]. */
  features(images: Float32Array, count: number): Float32Array;
  /** count × numClasses softmax probabilities. */
  probs(images: Float32Array, count: number): Float32Array;
  /** Both outputs from one pass. */
  featuresAndProbs(images: Float32Array, count: number): { features: Float32Array; probs: Float32Array };
  /** Frees the weights; the next loadEvaluator call loads them again. */
  dispose(): void;
}

export interface LoadEvaluatorOptions {
  /** Read from this directory instead of the committed one (not cached; for tests and experiments). */
  dir?: string;
}

const evaluators = new Map<EvaluatorDataset, Promise<ImageEvaluator>>();
const statsCache = new Map<EvaluatorDataset, Promise<FeatureStats>>();
const realFeatureCache = new Map<string, Promise<Float32Array>>();

function checkDataset(dataset: string): asserts dataset is EvaluatorDataset {
  if (!(EVALUATOR_DATASETS as readonly string[]).includes(dataset)) {
    throw new Error(`dataset "${dataset}" has no image evaluator; valid: ${EVALUATOR_DATASETS.join(", ")}`);
  }
}

/**
 * Loads (once per process) the committed evaluator of `dataset`, verifying the sha256 of its files.
 * @throws naming the file when a file is missing, malformed or fails its checksum.
 */
export async function loadEvaluator(dataset: EvaluatorDataset, opts: LoadEvaluatorOptions = {}): Promise<ImageEvaluator> {
  checkDataset(dataset);
  if (opts.dir !== undefined) return build(dataset, opts.dir, false);
  let p = evaluators.get(dataset);
  if (!p) {
    p = build(dataset, evaluatorDir(dataset), true);
    evaluators.set(dataset, p);
    p.catch(() => evaluators.delete(dataset));
  }
  return p;
}

async function build(dataset: EvaluatorDataset, dir: string, cached: boolean): Promise<ImageEvaluator> {
  await tf.ready();
  const files = readEvaluatorFiles(dir);
  if (files.spec.dataset !== dataset) {
    throw new Error(`${dir}: evaluator ${files.spec.version} is for ${files.spec.dataset}, not ${dataset}`);
  }
  const net = lenetFromWeights(files.weights);
  const accuracy = files.spec.training["testAccuracy"];
  const both = (images: Float32Array, count: number) => {
    const out = runBatched(net, images, count, { features: true, probs: true });
    return { features: out.features!, probs: out.probs! };
  };
  return {
    version: files.spec.version,
    dataset,
    featureDim: FEATURE_DIM,
    numClasses: NUM_CLASSES,
    testAccuracy: typeof accuracy === "number" ? accuracy : Number.NaN,
    features: (images, count) => runBatched(net, images, count, { features: true }).features!,
    probs: (images, count) => runBatched(net, images, count, { probs: true }).probs!,
    featuresAndProbs: both,
    dispose() {
      net.dispose();
      if (cached) {
        evaluators.delete(dataset);
        for (const key of [...realFeatureCache.keys()]) if (key.startsWith(`${dataset}:`)) realFeatureCache.delete(key);
      }
    },
  };
}

/**
 * Mean and covariance of the evaluator's features over the whole test split (10 000 images), the real side of
 * FD-LeNet. Read from the committed reference.bin when present (checksum-verified), else computed once per process.
 */
export async function referenceStats(dataset: EvaluatorDataset): Promise<FeatureStats> {
  checkDataset(dataset);
  let p = statsCache.get(dataset);
  if (!p) {
    p = (async () => {
      const stored = readEvaluatorFiles(evaluatorDir(dataset)).reference;
      if (stored) return stored;
      const test = (await openDataset({ name: dataset, split: "test" })).take(10_000);
      const count = test.labels!.length;
      const features = (await loadEvaluator(dataset)).features(test.data, count);
      return featureStats(matrix(features, count, FEATURE_DIM), "test features");
    })();
    statsCache.set(dataset, p);
    p.catch(() => statsCache.delete(dataset));
  }
  return p;
}

/**
 * Features of `n` test images drawn by a seeded shuffle (the real side of KID and PRDC), cached per process by
 * (dataset, n, seed) so repeated evaluations during a training run pay for them once.
 */
export async function referenceFeatures(dataset: EvaluatorDataset, n: number, seed: number): Promise<Float32Array> {
  checkDataset(dataset);
  if (!Number.isInteger(n) || n < 2 || n > 10_000) throw new Error(`nReal: must be an integer in [2, 10000], got ${n}`);
  const key = `${dataset}:${n}:${seed}`;
  let p = realFeatureCache.get(key);
  if (!p) {
    p = (async () => {
      const real = (await openDataset({ name: dataset, split: "test" })).take(n, { seed });
      return (await loadEvaluator(dataset)).features(real.data, n);
    })();
    realFeatureCache.set(key, p);
    p.catch(() => realFeatureCache.delete(key));
  }
  return p;
}
