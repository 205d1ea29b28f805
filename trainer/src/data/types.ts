/** Shared dataset types. Data code never imports tfjs: batches are plain row-major, sample-major Float32Arrays. */

export interface DatasetInfo {
  id: string;
  kind: "toy2d" | "image" | "tabular";
  /** [2] for toys, [H, W, C] for images, [D] for tabular data. */
  sampleShape: number[];
  /** Number of samples in the selected split (after any class filter); null for infinite toys. */
  size: number | null;
  /** Number of label values (labels keep their original ids even under a class filter); null if unlabelled. */
  classes: number | null;
  description: string;
  /** Value range of samples: [-1, 1] for images/uploads; for toys a symmetric box (support + 6σ, rounded up). */
  range: [number, number];
}

export interface TakeOptions {
  /** Defaults to the split the dataset was opened with. Toys: "test" draws from a separate evaluation stream. */
  split?: "train" | "test";
  /** Without a seed: the split's first samples in stored order. With a seed: the first of a seeded shuffle. */
  seed?: number;
}

export interface Dataset {
  info: DatasetInfo;
  /**
   * Batch number k (0, 1, 2, …) of size n: a pure function of (seed, k, n), so a run resumed at step N reproduces
   * the stream. Finite datasets walk a seeded permutation per epoch, epochs concatenated.
   */
  batch(k: number, n: number, seed: number): Float32Array;
  /** Labels of finite labelled datasets for the same indices as batch(k, n, seed), else null. */
  batchLabels?(k: number, n: number, seed: number): Int32Array | null;
  /**
   * Up to `count` samples of a split for evaluation (clamped to the split's size, class filter applied):
   * min(count, size) × prod(sampleShape) values. Throws if the dataset has no such split (uploads: train only).
   */
  take(count: number, opts?: TakeOptions): { data: Float32Array; labels: Int32Array | null };
}

export interface Toy2D extends Dataset {
  /** k × 2 mode centres, already scaled (empty for the swiss roll). */
  modes: Float32Array;
  /** Per-coordinate standard deviation of each mode, already scaled. */
  sigma: number;
}

/** Product of a shape's dimensions. */
export function shapeSize(shape: readonly number[]): number {
  let s = 1;
  for (const d of shape) s *= d;
  return s;
}
