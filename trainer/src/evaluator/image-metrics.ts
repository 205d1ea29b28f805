/**
 * Image metrics of generated samples against the dataset's TEST split, on the committed LeNet's features:
 *
 * - fd_lenet: Fréchet distance between fake features (all `count`) and the cached stats of all 10 000 test images.
 * - kid / kid_se: KID (cubic kernel MMD²) mean and standard error over random subsets, real = `nReal` seeded test
 *   images, fake = the first min(count, nReal) samples (generator samples are i.i.d., so the first ones suffice).
 *   kid_se is the standard error of the subset estimates, as in the reference implementation.
 * - precision / recall / density / coverage: PRDC (k-NN) on the same real and fake sets as KID. PRDC depends on
 *   the set sizes, so compare values computed with the same nReal and count.
 * - classes_found / class_kl / classifier_score: the classifier's argmax histogram over all fakes.
 */
import { classMetrics, fdFromFeatureStats, featureStats, kid, matrix, prdc } from "../metrics/index.ts";
import { checkImages } from "./batched.ts";
import { FEATURE_DIM, NUM_CLASSES } from "./lenet.ts";
import { loadEvaluator, referenceFeatures, referenceStats } from "./loader.ts";
import type { EvaluatorDataset } from "./store.ts";

export interface ImageMetricsOptions {
  /** Test images on the real side of KID and PRDC (default 1000; at most 10 000). Cost grows as nReal². */
  nReal?: number;
  /** Seeds the choice of real images and of KID subsets (default 0). */
  seed?: number;
  /** KID subsets (default 100). */
  kidSubsets?: number;
  /**
   * Rows per KID subset (default ⌊min(nReal, fakes used) / 10⌋, at most 1000 and at least 2). Subsets much smaller
   * than their pools are nearly independent, so kid_se tracks the estimate's real sampling error; with subsets
   * close to the pool size kid_se shrinks towards 0 while the estimate does not get that much more precise.
   */
  kidSubsetSize?: number;
  /** PRDC neighbourhood size (default 5). */
  k?: number;
}

export interface ImageMetrics {
  fd_lenet: number;
  kid: number;
  kid_se: number;
  precision: number;
  recall: number;
  density: number;
  coverage: number;
  classes_found: number;
  class_kl: number;
  classifier_score: number;
  /** Real images used for KID and PRDC (FD uses the whole test split). */
  n_real: number;
  /** Generated images evaluated. */
  n_fake: number;
}

/**
 * Defaults sized so that 2 000–5 000 fakes evaluate in a few seconds of CPU time: KID and PRDC are quadratic in
 * their set sizes (2000 + 2000 rows cost ≈ 6 s of CPU, 1000 + 1000 a quarter of that), FD and the class metrics
 * are linear in `count` and use every fake.
 */
export const IMAGE_METRIC_DEFAULTS = { nReal: 1000, seed: 0, kidSubsets: 100, k: 5 } as const;

/**
 * Evaluates `count` generated 28×28×1 images in [−1, 1] (row-major, count × 784) against `dataset`'s test split.
 * @throws naming the argument on a wrong length, a non-finite pixel, too few samples or a bad option.
 */
export async function evaluateImages(
  dataset: EvaluatorDataset,
  fakeImages: Float32Array,
  count: number,
  opts: ImageMetricsOptions = {},
): Promise<ImageMetrics> {
  const nReal = opts.nReal ?? IMAGE_METRIC_DEFAULTS.nReal;
  const seed = opts.seed ?? IMAGE_METRIC_DEFAULTS.seed;
  const k = opts.k ?? IMAGE_METRIC_DEFAULTS.k;
  const subsets = opts.kidSubsets ?? IMAGE_METRIC_DEFAULTS.kidSubsets;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k: must be a positive integer, got ${k}`);
  if (!Number.isInteger(nReal) || nReal < k + 1 || nReal > 10_000) {
    throw new Error(`nReal: must be an integer in [${k + 1}, 10000], got ${nReal}`);
  }
  checkImages(fakeImages, count, "fakeImages");
  if (count < k + 1) throw new Error(`fakeImages: need at least ${k + 1} images (k = ${k}), got ${count}`);

  const evaluator = await loadEvaluator(dataset);
  const { features, probs } = evaluator.featuresAndProbs(fakeImages, count);
  const [reference, realFeatures] = await Promise.all([referenceStats(dataset), referenceFeatures(dataset, nReal, seed)]);

  const fd = fdFromFeatureStats(reference, featureStats(matrix(features, count, FEATURE_DIM), "fake features"));
  const m = Math.min(count, nReal);
  const real = matrix(realFeatures, nReal, FEATURE_DIM);
  const fake = matrix(features.subarray(0, m * FEATURE_DIM), m, FEATURE_DIM);
  const kidResult = kid(real, fake, {
    subsets,
    seed,
    subsetSize: opts.kidSubsetSize ?? Math.max(2, Math.min(1000, Math.floor(m / 10))),
  });
  const pr = prdc(real, fake, k);
  const classes = classMetrics(matrix(probs, count, NUM_CLASSES));
  return {
    fd_lenet: fd.value,
    kid: kidResult.mean,
    kid_se: kidResult.stderr,
    precision: pr.precision,
    recall: pr.recall,
    density: pr.density,
    coverage: pr.coverage,
    classes_found: classes.classesFound,
    class_kl: classes.klToUniform,
    classifier_score: classes.score,
    n_real: nReal,
    n_fake: count,
  };
}
