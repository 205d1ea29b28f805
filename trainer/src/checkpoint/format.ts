/**
 * Checkpoint format, version 1.
 *
 * A checkpoint is a directory `trainings/<id>/checkpoints/<step, 9 digits>/` holding one `<group>.weights.bin` per
 * tensor group (concatenated little-endian float32 values, in the order of the group's weight specs) and a
 * `manifest.json` that describes and checksums them. Groups (see `groupOf`): generator, discriminator, ema,
 * optimizer_g, optimizer_d. The weight specs follow TensorFlow.js's `weightsManifest` layout,
 * `[{ group, paths: [file], weights: [{ name, shape, dtype }] }]`, with full tensor names, inside the manifest;
 * there is no separate model.json.
 *
 * Publishing order makes a checkpoint atomic for readers: weight files, then manifest, then the `latest.json`
 * pointer (which carries the manifest's sha256). A reader that starts from a pointer therefore never sees a torn
 * checkpoint, and every file is verified against its sha256 on read.
 */

export const FORMAT_VERSION = 1;

/** Tensors of a training session, keyed by stable names ("<group>/<...>"). */
export interface TensorMap {
  [name: string]: { shape: number[]; data: Float32Array };
}

/** Everything a checkpoint stores about weights and optimizer state: what `TrainingSession.exportState` returns. */
export interface CheckpointState {
  step: number;
  tensors: TensorMap;
}

/** One tensor's entry in a weights group (TensorFlow.js weightsManifest entry). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: "float32";
}

/** One tensor group, stored as one file (TensorFlow.js weightsManifest group, single shard). */
export interface WeightGroup {
  group: string;
  paths: [string];
  weights: WeightSpec[];
}

/** A checksummed file of the checkpoint; `path` is relative to the checkpoint directory. */
export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** Metrics recorded with a checkpoint: the latest evaluation and the step it was computed at. */
export interface CheckpointMetrics {
  step: number;
  values: Record<string, number>;
}

export type CheckpointReason = "periodic" | "final" | "interrupted";

export interface CheckpointManifest {
  formatVersion: typeof FORMAT_VERSION;
  trainingId: string;
  step: number;
  createdAt: string;
  reason: CheckpointReason;
  /** The full resolved training config: enough to rebuild every network without the dataset. */
  config: Record<string, unknown>;
  /** The dataset's shape facts, so a generator can be rebuilt and its samples drawn without loading the data. */
  dataset: DatasetSummary;
  /** Backend that produced the weights (e.g. "cpu", "wasm", "tensorflow"). */
  backend: string;
  /** Randomness is a pure function of (seed, step) (see util/rng.ts), so this is the whole RNG state. */
  rng: { seed: number; step: number };
  metrics: CheckpointMetrics | null;
  weightsManifest: WeightGroup[];
  files: FileEntry[];
}

/** What a checkpoint records about its dataset (a subset of DatasetInfo). */
export interface DatasetSummary {
  id: string;
  kind: "toy2d" | "image" | "tabular";
  sampleShape: number[];
  range: [number, number];
  classes: number | null;
}

/** Contents of `latest.json` and `best.json`. */
export interface CheckpointPointer {
  formatVersion: typeof FORMAT_VERSION;
  step: number;
  /** Manifest key relative to the training's root, e.g. "checkpoints/000000500/manifest.json". */
  manifest: string;
  manifestSha256: string;
  updatedAt: string;
  /** best.json only: the metric that made this checkpoint the best. */
  metric?: { name: string; direction: "min" | "max"; value: number };
}

/** Which metric selects `best.json`, and whether lower or higher is better. */
export interface BestMetric {
  name: string;
  direction: "min" | "max";
}

/** Raised for missing, corrupt or incompatible checkpoints; `code` is stable for programs. */
export class CheckpointError extends Error {
  constructor(
    readonly code: "not_found" | "corrupt" | "unsupported_version" | "incompatible",
    message: string,
  ) {
    super(message);
    this.name = "CheckpointError";
  }
}

/** The step's directory name: 9 zero-padded digits so keys sort by step. */
export function stepDirName(step: number): string {
  if (!Number.isInteger(step) || step < 0 || step > 999_999_999) throw new Error(`invalid checkpoint step ${step}`);
  return String(step).padStart(9, "0");
}

// Variable keys start with the network's short prefix ("g/dense0/kernel", "ema/g/…", "optim/d/iter"); files get
// readable group names.
const GROUP_ALIASES: Record<string, string> = { g: "generator", d: "discriminator" };

/**
 * The group (file) a tensor belongs to: g → generator, d → discriminator, ema → ema, optim/g → optimizer_g,
 * optim/d → optimizer_d; any other key goes to the group named by its first segment.
 */
export function groupOf(name: string): string {
  const parts = name.split("/");
  const first = parts.length > 1 ? parts[0]! : "state";
  const group = first === "optim" && parts.length > 2 ? `optimizer_${parts[1]}` : (GROUP_ALIASES[first] ?? first);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(group)) {
    throw new Error(`tensor name ${JSON.stringify(name)} has no usable group`);
  }
  return group;
}
