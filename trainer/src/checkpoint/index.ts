/**
 * Checkpoints (format v1: see format.ts), resume compatibility and generator inference. Everything is keyed by a
 * training id or, for study runs, a TrainingKeys layout.
 */
export {
  CheckpointError,
  FORMAT_VERSION,
  groupOf,
  stepDirName,
  type BestMetric,
  type CheckpointManifest,
  type CheckpointMetrics,
  type CheckpointPointer,
  type CheckpointReason,
  type CheckpointState,
  type DatasetSummary,
  type FileEntry,
  type TensorMap,
  type WeightGroup,
  type WeightSpec,
} from "./format.ts";
export { runKeys, type RunRef } from "./keys.ts";
export { writeCheckpoint, type CheckpointMeta, type WrittenCheckpoint } from "./write.ts";
export {
  readCheckpoint,
  readManifest,
  readTensors,
  type CheckpointVersion,
  type LoadedCheckpoint,
  type ReadOptions,
} from "./read.ts";
export { listCheckpointDirs, pruneCheckpoints, type CheckpointDir } from "./prune.ts";
export { assertResumeCompatible } from "./compat.ts";
export { decodeWeights, encodeWeights, sha256 } from "./weights.ts";
export { drawLatents, interpolateLatents, MIN_TRUNCATION } from "./latents.ts";
export {
  loadGenerator,
  MAX_SAMPLES,
  type GeneratorExport,
  type InterpolateRequest,
  type LoadedGenerator,
  type SampleRequest,
  type SampleResult,
} from "./inference.ts";
export { criticField, MAX_FIELD_CELLS, type CriticField } from "./critic.ts";
