/**
 * The offline image evaluator: a committed LeNet per dataset (trainer/evaluators/<dataset>/) that turns 28×28×1
 * images in [−1, 1] into 128-D features and class probabilities, and the image metrics built on them (FD-LeNet,
 * KID, PRDC, class metrics). Call initBackend() before use.
 */
export {
  loadEvaluator,
  referenceFeatures,
  referenceStats,
  type ImageEvaluator,
  type LoadEvaluatorOptions,
} from "./loader.ts";
export { evaluateImages, IMAGE_METRIC_DEFAULTS, type ImageMetrics, type ImageMetricsOptions } from "./image-metrics.ts";
export { EVALUATOR_DATASETS, evaluatorDir, evaluatorVersion, type EvaluatorDataset } from "./store.ts";
export { checkImages } from "./batched.ts";
export { FEATURE_DIM, LENET_ARCHITECTURE, NUM_CLASSES, buildLeNet, lenetFromWeights, type LeNet } from "./lenet.ts";
