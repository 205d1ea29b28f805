import * as tf from "@tensorflow/tfjs-core";
import { batchNormInfer, batchNormTrain, nativeBatchNormActive } from "../backend/native-batch-norm.ts";
import { dense, type Layer, type LayerBuilder } from "./layers.ts";
import { makeVariable } from "./variables.ts";

/** PyTorch defaults: running ← (1 − 0.1)·running + 0.1·batch, ε = 1e-5, running variance unbiased. */
const MOMENTUM = 0.1;
const EPSILON = 1e-5;

/** Moving statistics from a batch's mean and biased variance over n samples per channel (variance made unbiased). */
function updateMoving(movingMean: tf.Variable, movingVar: tf.Variable, mean: tf.Tensor, variance: tf.Tensor, n: number): void {
  const unbiased = n > 1 ? tf.mul(variance, n / (n - 1)) : variance;
  movingMean.assign(tf.add(tf.mul(movingMean, 1 - MOMENTUM), tf.mul(mean, MOMENTUM)));
  movingVar.assign(tf.add(tf.mul(movingVar, 1 - MOMENTUM), tf.mul(unbiased, MOMENTUM)));
}

/**
 * Batch normalisation over every axis but the last (features / NHWC channels). Training mode normalises with the
 * batch statistics and updates the moving statistics (checkpointed state); inference mode uses the moving ones.
 */
export function batchNorm(b: LayerBuilder, channels: number): Layer {
  const { name, stream } = b.next("bn");
  const gammaInit = b.init === "dcgan" ? stream.normal(channels, 1, 0.02) : new Float32Array(channels).fill(1);
  const gamma = makeVariable(`${name}/gamma`, [channels], gammaInit, true);
  const beta = makeVariable(`${name}/beta`, [channels], new Float32Array(channels), true);
  const movingMean = makeVariable(`${name}/movingMean`, [channels], new Float32Array(channels), false);
  const movingVar = makeVariable(`${name}/movingVariance`, [channels], new Float32Array(channels).fill(1), false);
  return {
    trainable: [gamma, beta],
    state: [movingMean, movingVar],
    // Keras's momentum is the weight of the old statistic (PyTorch's 0.1 is 0.9 there); inference ignores it.
    keras: {
      className: "BatchNormalization",
      name: name.replaceAll("/", "_"),
      config: { axis: -1, epsilon: EPSILON, momentum: 1 - MOMENTUM, center: true, scale: true },
      weights: [
        ["gamma", gamma],
        ["beta", beta],
        ["moving_mean", movingMean],
        ["moving_variance", movingVar],
      ],
    },
    apply: (x, training) =>
      tf.tidy(() => {
        // One kernel each way on "native" (backend/native-batch-norm.ts); elsewhere the composite ops, unchanged.
        if (nativeBatchNormActive()) {
          if (!training) return batchNormInfer(x, movingMean, movingVar, gamma, beta, EPSILON);
          const { y, mean, variance } = batchNormTrain(x, gamma, beta, EPSILON);
          updateMoving(movingMean, movingVar, mean, variance, x.size / channels);
          return y;
        }
        let mean: tf.Tensor = movingMean;
        let variance: tf.Tensor = movingVar;
        if (training) {
          const axes = x.shape.slice(0, -1).map((_, i) => i);
          ({ mean, variance } = tf.moments(x, axes));
          updateMoving(movingMean, movingVar, mean, variance, x.size / channels);
        }
        const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPSILON)));
        return tf.add(tf.mul(normed, gamma), beta);
      }),
  };
}

/**
 * A fully connected hidden layer, followed by batch norm when `norm` (then without bias: BN's β replaces it), as the
 * hidden layers of G are built for mlp / mlp2d with `model.gNorm: "batch"`.
 */
export function denseMaybeNormed(b: LayerBuilder, inDim: number, outDim: number, norm: boolean): Layer[] {
  return norm ? [dense(b, inDim, outDim, false), batchNorm(b, outDim)] : [dense(b, inDim, outDim)];
}
