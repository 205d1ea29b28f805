/**
 * The evaluator network: a small LeNet-style CNN for 28×28×1 images in [−1, 1].
 *
 *   conv 3×3, 1→16, same + ReLU → max-pool 2×2   (14×14×16)
 *   conv 3×3, 16→32, same + ReLU → max-pool 2×2  (7×7×32)
 *   dense 1568→128 + ReLU                          ← the 128-D feature layer (FD, KID, PRDC)
 *   dense 128→10                                    ← logits (softmax for class metrics)
 *
 * 206 922 parameters (≈ 809 KiB as float32). Plain tfjs-core ops; weights are named so the file format can check them.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Stream, gaussian, hashSeed, mulberry32 } from "../util/rng.ts";
import { maxPool2x2 } from "./max-pool.ts";

/** A named weight array, the unit of (de)serialisation. */
export interface NamedWeights {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Weight names and shapes in file order. */
export const LENET_WEIGHTS: ReadonlyArray<{ name: string; shape: readonly number[] }> = [
  { name: "conv1/kernel", shape: [3, 3, 1, 16] },
  { name: "conv1/bias", shape: [16] },
  { name: "conv2/kernel", shape: [3, 3, 16, 32] },
  { name: "conv2/bias", shape: [32] },
  { name: "fc1/kernel", shape: [1568, 128] },
  { name: "fc1/bias", shape: [128] },
  { name: "fc2/kernel", shape: [128, 10] },
  { name: "fc2/bias", shape: [10] },
];

export const LENET_ARCHITECTURE = "lenet-c16-c32-f128";
export const FEATURE_DIM = 128;
export const NUM_CLASSES = 10;
export const IMAGE_SHAPE: readonly [number, number, number] = [28, 28, 1];
export const IMAGE_SIZE = 784;

export interface LeNetOutput {
  /** N×10 pre-softmax scores. */
  logits: tf.Tensor2D;
  /** N×128 post-ReLU penultimate activations. */
  features: tf.Tensor2D;
}

export interface LeNet {
  /** Variables by weight name (trainable only for networks from buildLeNet). */
  readonly params: ReadonlyMap<string, tf.Variable>;
  /** Runs the network on N×28×28×1 images in [−1, 1]; the caller disposes the outputs. */
  forward(x: tf.Tensor4D): LeNetOutput;
  /** Copies of the current weights in LENET_WEIGHTS order. */
  exportWeights(): NamedWeights[];
  dispose(): void;
}

/** A freshly initialised, trainable network: He-normal kernels from (seed, layer), zero biases. */
export function buildLeNet(seed: number): LeNet {
  const weights = LENET_WEIGHTS.map(({ name, shape }, layer): NamedWeights => {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name.endsWith("/kernel")) {
      // fan-in is every dimension but the last (kh·kw·cin for convs, rows for dense layers).
      const std = Math.sqrt(2 / (size / shape[shape.length - 1]!));
      const draw = gaussian(mulberry32(hashSeed(seed, Stream.init, layer)));
      for (let i = 0; i < size; i++) values[i] = draw() * std;
    }
    return { name, shape: [...shape], values };
  });
  return lenetFromWeights(weights, true);
}

/** A network holding the given weights; names, order and shapes must match LENET_WEIGHTS exactly. */
export function lenetFromWeights(weights: readonly NamedWeights[], trainable = false): LeNet {
  if (weights.length !== LENET_WEIGHTS.length) {
    throw new Error(`LeNet weights: expected ${LENET_WEIGHTS.length} tensors, got ${weights.length}`);
  }
  weights.forEach((w, i) => {
    const want = LENET_WEIGHTS[i]!;
    if (w.name !== want.name || w.shape.join("x") !== want.shape.join("x")) {
      throw new Error(`LeNet weights[${i}]: expected ${want.name} [${want.shape}], got ${w.name} [${w.shape}]`);
    }
    const size = want.shape.reduce((a, b) => a * b, 1);
    if (w.values.length !== size) throw new Error(`LeNet weights ${w.name}: ${w.values.length} values, expected ${size}`);
  });
  const params = new Map<string, tf.Variable>();
  // tidy disposes the temporary initial-value tensors; variables survive it.
  tf.tidy(() => {
    for (const w of weights) params.set(w.name, tf.variable(tf.tensor(w.values, w.shape, "float32"), trainable));
  });
  return makeNet(params);
}

function makeNet(params: Map<string, tf.Variable>): LeNet {
  const p = (name: string) => params.get(name)!;
  let disposed = false;
  return {
    params,
    forward(x) {
      if (disposed) throw new Error("LeNet: used after dispose()");
      if (x.rank !== 4 || x.shape[1] !== 28 || x.shape[2] !== 28 || x.shape[3] !== 1) {
        throw new Error(`LeNet input: expected N×28×28×1, got [${x.shape}]`);
      }
      return tf.tidy(() => {
        // Map [−1, 1] to [0, 1] so the zero padding of "same" convolutions matches the black background.
        const x01 = tf.mul(tf.add(x, 1), 0.5) as tf.Tensor4D;
        const conv = (h: tf.Tensor4D, layer: string) =>
          tf.relu(tf.add(tf.conv2d(h, p(`${layer}/kernel`) as tf.Tensor4D, 1, "same"), p(`${layer}/bias`)));
        const h1 = maxPool2x2(conv(x01, "conv1") as tf.Tensor4D);
        const h2 = maxPool2x2(conv(h1, "conv2") as tf.Tensor4D);
        const flat = tf.reshape(h2, [x.shape[0], 7 * 7 * 32]);
        const features = tf.relu(tf.add(tf.matMul(flat, p("fc1/kernel")), p("fc1/bias"))) as tf.Tensor2D;
        const logits = tf.add(tf.matMul(features, p("fc2/kernel")), p("fc2/bias")) as tf.Tensor2D;
        return { logits, features };
      });
    },
    exportWeights() {
      return LENET_WEIGHTS.map(({ name, shape }) => ({
        name,
        shape: [...shape],
        values: Float32Array.from(p(name).dataSync() as Float32Array),
      }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const v of params.values()) v.dispose();
    },
  };
}
