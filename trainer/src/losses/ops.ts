import * as tf from "@tensorflow/tfjs-core";
import type { GanLoss, GeneratorLogits, LossPreset, OptimizerPreset } from "./types.ts";

/**
 * Shared building blocks for the losses. Notation used in every loss file: C raw critic output, sp softplus,
 * m_r / m_f batch means of C(x_r) / C(x_f), BCE(l, 1) = mean sp(−l), BCE(l, 0) = mean sp(l).
 */

/** Flattens logits shaped [B] or [B, 1] to [B]; anything else is a caller bug, so it throws naming the shape. */
export function flat(logits: tf.Tensor, which: string): tf.Tensor1D {
  const s = logits.shape;
  const ok = s.length === 1 || (s.length === 2 && s[1] === 1);
  if (!ok) throw new Error(`${which} logits must have shape [B] or [B, 1], got [${s.join(", ")}]`);
  return tf.reshape(logits, [-1]);
}

/** Sigmoid cross-entropy with target 1, stable for any logit: −log σ(l) = sp(−l). */
export function bceOne(l: tf.Tensor): tf.Scalar {
  return tf.mean(tf.softplus(tf.neg(l)));
}

/** Sigmoid cross-entropy with target 0, stable for any logit: −log(1 − σ(l)) = sp(l). */
export function bceZero(l: tf.Tensor): tf.Scalar {
  return tf.mean(tf.softplus(l));
}

/** mean relu(x). */
export function meanRelu(x: tf.Tensor): tf.Scalar {
  return tf.mean(tf.relu(x));
}

/** mean x². */
export function meanSquare(x: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(x));
}

/** Runs `f` in `tf.tidy` and types the result as the scalar it is. */
export function scalar(f: () => tf.Scalar): tf.Scalar {
  return tf.tidy(f);
}

/** Relativistic generators need C(x_r); a step that forgot to pass it is a wiring bug. */
export function requireReal(loss: string, logits: GeneratorLogits): tf.Tensor {
  if (!logits.real) throw new Error(`loss "${loss}": generator needs real logits (generatorNeedsReal is true)`);
  return logits.real;
}

/** Relativistic pairs compare sample i with sample i, so both batches must be the same size. */
export function sameSize(loss: string, real: tf.Tensor1D, fake: tf.Tensor1D): void {
  if (real.size !== fake.size) {
    throw new Error(`loss "${loss}": real and fake batches must be the same size, got ${real.size} and ${fake.size}`);
  }
}

/** Adam with the given hyper-parameters. */
export function adam(lr: number, beta1: number, beta2: number): OptimizerPreset {
  return { type: "adam", lr, beta1, beta2 };
}

/**
 * DCGAN's defaults (Radford, Metz, Chintala 2015, arXiv:1511.06434, Section 4: Adam, learning rate 0.0002, β1 0.5;
 * β2 is not stated, so Adam's default 0.999), one critic step, no penalty. The relativistic losses use the same
 * values from their author's code: the "DCGAN setup" of Jolicoeur-Martineau's CIFAR-10 runs (RelativisticGAN
 * repository, code/stable.sh: lr 0.0002 for D and G, betas (0.5, 0.999), Diters 1).
 */
export function standardPreset(): LossPreset {
  return { regularizers: [], optimizers: { g: adam(2e-4, 0.5, 0.999), d: adam(2e-4, 0.5, 0.999) }, nCritic: 1 };
}

/**
 * WGAN-GP's defaults as the paper states them (Gulrajani et al. 2017, Algorithm 1: "α = 0.0001, β1 = 0, β2 = 0.9",
 * n_critic = 5). The authors' released scripts use β1 = 0.5 instead; the paper's stated value is the preset, and a
 * config or study can set beta1: 0.5 to follow the code.
 */
export function wganGpOptim(): Pick<LossPreset, "optimizers" | "nCritic"> {
  return { optimizers: { g: adam(1e-4, 0, 0.9), d: adam(1e-4, 0, 0.9) }, nCritic: 5 };
}

/** Keeps GanLoss objects immutable once registered. */
export function defineLoss(loss: GanLoss): GanLoss {
  return Object.freeze(loss);
}

/**
 * Relativistic-average differences: a = C(x_r) − m_f and b = C(x_f) − m_r, each sample against the other batch's
 * mean critic output (Jolicoeur-Martineau 2018, Section 4.3). Batch sizes may differ.
 */
export function relativeToMeans(real: tf.Tensor, fake: tf.Tensor): { a: tf.Tensor1D; b: tf.Tensor1D } {
  const r = flat(real, "real");
  const f = flat(fake, "fake");
  return { a: tf.sub(r, tf.mean(f)), b: tf.sub(f, tf.mean(r)) };
}
