/**
 * Batched inference over plain Float32Array images, so callers never hold more than one batch of tensors and
 * nothing leaks: each batch runs inside tf.tidy and only its results are copied out.
 */
import * as tf from "@tensorflow/tfjs-core";
import { FEATURE_DIM, IMAGE_SIZE, NUM_CLASSES, type LeNet } from "./lenet.ts";

/** Images per forward pass: large enough to amortise per-op overhead, small enough to keep memory modest. */
export const INFER_BATCH = 500;

export interface BatchedOutput {
  /** count × FEATURE_DIM. */
  features?: Float32Array;
  /** count × NUM_CLASSES softmax probabilities. */
  probs?: Float32Array;
}

/**
 * Checks that `images` holds exactly `count` 28×28×1 images of finite values; errors name the argument and the
 * first bad element (a NaN would otherwise surface much later as a NaN metric).
 */
export function checkImages(images: Float32Array, count: number, name = "images"): void {
  if (!(images instanceof Float32Array)) throw new Error(`${name}: expected a Float32Array`);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`${name}: count must be a positive integer, got ${count}`);
  if (images.length !== count * IMAGE_SIZE) {
    throw new Error(`${name}: length ${images.length} is not count × 784 = ${count * IMAGE_SIZE}`);
  }
  for (let i = 0; i < images.length; i++) {
    const v = images[i]!;
    if (!Number.isFinite(v)) {
      throw new Error(`${name}: non-finite value ${v} at element ${i} (image ${Math.floor(i / IMAGE_SIZE)})`);
    }
  }
}

/** Runs `net` over `count` images in batches, returning the requested outputs as flat row-major arrays. */
export function runBatched(
  net: LeNet,
  images: Float32Array,
  count: number,
  want: { features?: boolean; probs?: boolean },
  batch = INFER_BATCH,
): BatchedOutput {
  checkImages(images, count);
  const features = want.features ? new Float32Array(count * FEATURE_DIM) : undefined;
  const probs = want.probs ? new Float32Array(count * NUM_CLASSES) : undefined;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * IMAGE_SIZE, (start + n) * IMAGE_SIZE), [n, 28, 28, 1]);
      const out = net.forward(x);
      if (features) features.set(out.features.dataSync() as Float32Array, start * FEATURE_DIM);
      if (probs) probs.set(tf.softmax(out.logits).dataSync() as Float32Array, start * NUM_CLASSES);
    });
  }
  return { features, probs };
}

/** Index of the largest probability in each row of a count × classes matrix. */
export function argmaxRows(probs: Float32Array, classes = NUM_CLASSES): Int32Array {
  const count = probs.length / classes;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (probs[i * classes + j]! > probs[i * classes + best]!) best = j;
    out[i] = best;
  }
  return out;
}

/** Fraction of images whose predicted class equals the label. */
export function accuracyOf(net: LeNet, images: Float32Array, labels: ArrayLike<number>, count: number): number {
  const { probs } = runBatched(net, images, count, { probs: true });
  const predicted = argmaxRows(probs!);
  let correct = 0;
  for (let i = 0; i < count; i++) if (predicted[i] === labels[i]) correct++;
  return correct / count;
}
