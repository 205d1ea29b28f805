/** Offline evaluation metrics: pure TypeScript over feature matrices (no tfjs). */
export { assertMatrix, fromRows, matrix, type Matrix } from "./matrix.ts";
export { DEFAULT_2D_SAMPLES, modeMetrics, type ModeMetrics } from "./mode-metrics.ts";
export { energyDistance, type EnergyDistanceResult } from "./energy-distance.ts";
export {
  slicedWasserstein1,
  wasserstein1Sorted,
  type SlicedWassersteinOptions,
  type SlicedWassersteinResult,
} from "./sliced-wasserstein.ts";
export { symmetricEigen, symmetricSqrt, type SymmetricEigen } from "./jacobi-eigen.ts";
export {
  FD_DISPLAY_NAME,
  fdFromFeatureStats,
  fdFromStats,
  featureStats,
  frechetDistance,
  type FeatureStats,
} from "./frechet.ts";
export { kid, type KidOptions, type KidResult } from "./kid.ts";
export { prdc, type PrdcResult } from "./prdc.ts";
export { classMetrics, type ClassMetrics, type ClassMetricsOptions } from "./class-metrics.ts";
export {
  COLLAPSE_FRACTION,
  TAIL_FRACTION,
  summariseRun,
  type CoverageTrend,
  type RunLogEntry,
  type RunSummary,
} from "./run-summary.ts";
export { bootstrapCI, ciOverlap, type BootstrapOptions, type ConfidenceInterval } from "./bootstrap.ts";
