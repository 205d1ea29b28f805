/**
 * 2×2 max pooling (stride 2) with a cheap gradient. tfjs' wasm MaxPoolGrad kernel dominated a LeNet training step
 * (≈ 60 % of the time), so the backward pass here is built from fast elementwise ops instead: the upstream gradient,
 * upsampled to the input size, flows to every input element equal to its window's maximum.
 *
 * Ties: every tied maximum receives the full gradient (tfjs' kernel picks one). After a ReLU the only realistic ties
 * are windows of zeros, whose ReLU gradient is zero anyway, so training is unaffected.
 */
import * as tf from "@tensorflow/tfjs-core";

const pool = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
  const y = tf.maxPool(x, 2, 2, "valid");
  save([x, y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
      const [input, output] = saved as [tf.Tensor4D, tf.Tensor4D];
      const size: [number, number] = [input.shape[1], input.shape[2]];
      // Nearest-neighbour resize by exactly 2 maps input pixel (i, j) to window (⌊i/2⌋, ⌊j/2⌋).
      const isMax = tf.cast(tf.equal(input, tf.image.resizeNearestNeighbor(output, size)), "float32");
      return tf.mul(tf.image.resizeNearestNeighbor(dy, size), isMax);
    },
  };
});

/** Max over non-overlapping 2×2 windows of an NHWC tensor with even height and width. */
export function maxPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  if (h % 2 !== 0 || w % 2 !== 0) throw new Error(`maxPool2x2: height and width must be even, got ${h}×${w}`);
  return pool(x) as tf.Tensor4D;
}
