import * as tf from "@tensorflow/tfjs-core";
import type { ResolvedTrainingConfig } from "@gantry/core";
import { buildNetwork } from "../models/index.ts";
import type { Storage } from "../storage/index.ts";
import { CheckpointError } from "./format.ts";
import { assignWeights } from "./inference.ts";
import { type RunRef, runLabel } from "./keys.ts";
import { type CheckpointVersion, readManifest, readTensors } from "./read.ts";

/** Most grid cells of one critic field: 256 × 256 bounds the work of one request. */
export const MAX_FIELD_CELLS = 256 * 256;
const CHUNK = 4096;

/** The critic's raw output C(x) on a square grid over 2-D data space. */
export interface CriticField {
  step: number;
  /** Cells per side. */
  resolution: number;
  /** The grid spans [lo, hi] on both axes (default: the dataset's range); cell centres sit at lo + (i + 0.5)·(hi − lo)/resolution. */
  extent: [number, number];
  /** resolution² values, row-major with row 0 at the top (largest y), like an image. */
  values: Float32Array;
}

/**
 * Evaluates the discriminator of a 2-D checkpoint on a resolution × resolution grid (GAN Lab's background picture:
 * where the critic scores data as real). Only the discriminator's weights are read. Throws CheckpointError
 * (not_found / incompatible) when the checkpoint is missing or its data are not 2-D points, RangeError for a bad grid.
 */
export async function criticField(
  storage: Storage,
  run: RunRef,
  version: CheckpointVersion,
  grid: { resolution: number; extent?: [number, number] },
): Promise<CriticField> {
  const r = grid.resolution;
  if (!Number.isInteger(r) || r < 2 || r * r > MAX_FIELD_CELLS) {
    throw new RangeError(`resolution must be an integer in 2..${Math.sqrt(MAX_FIELD_CELLS)}, got ${r}`);
  }
  const check = (e: [number, number]) => {
    if (!(Number.isFinite(e[0]) && Number.isFinite(e[1]) && e[1] > e[0])) throw new RangeError(`extent must be [lo, hi] with lo < hi, got [${e}]`);
  };
  if (grid.extent) check(grid.extent);
  const what = `critic of ${runLabel(run)} (${String(version)})`;
  const { manifest, manifestKey } = await readManifest(storage, run, version);
  // Default: the dataset's own plotting box (its support plus a margin), the box the sample scatter plots use.
  const [lo, hi] = grid.extent ?? [manifest.dataset.range[0], manifest.dataset.range[1]];
  const sampleShape = [...manifest.dataset.sampleShape];
  if (sampleShape.length !== 1 || sampleShape[0] !== 2) {
    throw new CheckpointError("incompatible", `${what}: the critic field needs 2-D points, this model's samples have shape [${sampleShape}]`);
  }
  const config = manifest.config as unknown as ResolvedTrainingConfig;
  const pack = config.model.pack ?? 1;
  if (pack > 1) {
    // A PacGAN critic judges `pack` samples at once; its value at a single point of the plane is not defined.
    throw new CheckpointError("incompatible", `${what}: the critic is packed (model.pack = ${pack}) and judges ${pack} points at once, not one`);
  }
  const tensors = await readTensors(storage, manifestKey, manifest, ["discriminator"], what);
  const net = buildNetwork(config, sampleShape, "d");
  try {
    assignWeights(net, tensors, false, what);
    const cell = (hi - lo) / r;
    const points = new Float32Array(r * r * 2);
    for (let row = 0; row < r; row++) {
      for (let col = 0; col < r; col++) {
        const i = 2 * (row * r + col);
        points[i] = lo + (col + 0.5) * cell;
        points[i + 1] = hi - (row + 0.5) * cell;
      }
    }
    const values = new Float32Array(r * r);
    for (let start = 0; start < r * r; start += CHUNK) {
      const k = Math.min(CHUNK, r * r - start);
      const out = tf.tidy(() => tf.reshape(net.apply(tf.tensor2d(points.subarray(2 * start, 2 * (start + k)), [k, 2]), { training: false }), [k]));
      values.set(out.dataSync() as Float32Array, start);
      out.dispose();
    }
    return { step: manifest.step, resolution: r, extent: [lo, hi], values };
  } finally {
    net.dispose();
  }
}
