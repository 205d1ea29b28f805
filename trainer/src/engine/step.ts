import * as tf from "@tensorflow/tfjs-core";
import type { GanLoss } from "../losses/types.ts";
import type { GanModels } from "../models/types.ts";
import type { Regularizer } from "../regularizers/types.ts";

/**
 * One critic update and one generator update, each over its own explicit variable list. Results are scalars left on
 * the backend (the caller reads them all at once and disposes them), so a step costs one device read at most.
 */

export interface StepContext {
  models: GanModels;
  loss: GanLoss;
  regularizers: readonly Regularizer[];
  optimizer: tf.Optimizer;
}

export interface CriticStepInput extends StepContext {
  /** Real batch [B, ...sampleShape]. */
  real: tf.Tensor;
  /** Latents [B, zDim] for the fake batch. */
  z: tf.Tensor;
  /** Seed for the penalties' random draws: hashSeed(seed, Stream.penalty, step, i). */
  penaltySeed: number;
}

export interface CriticStepResult {
  /** Critic objective actually minimised: loss.discriminator + Σ penalties. */
  loss: tf.Scalar;
  realMean: tf.Scalar;
  fakeMean: tf.Scalar;
  /** ‖∇‖ over all of D's trainable variables, before the update. */
  gradNorm: tf.Scalar;
}

export interface GeneratorStepInput extends StepContext {
  z: tf.Tensor;
  /** A fresh real batch, given only for losses with generatorNeedsReal. */
  real?: tf.Tensor;
}

export interface GeneratorStepResult {
  loss: tf.Scalar;
  gradNorm: tf.Scalar;
}

/** Global L2 norm of a gradient map. */
function globalNorm(grads: tf.NamedTensorMap): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}

/** Applies grads in `vars` order (optimizer slots are indexed by position, so the order must never shift). */
function apply(optimizer: tf.Optimizer, vars: readonly tf.Variable[], grads: tf.NamedTensorMap): tf.Scalar {
  const missing = vars.find((v) => !grads[v.name]);
  if (missing) throw new Error(`no gradient reaches variable ${missing.name}`);
  const norm = globalNorm(grads);
  optimizer.applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name]! })));
  tf.dispose(grads);
  return norm;
}

/**
 * One update of D: fakes G(z) (G in training mode, outside the tape, so a constant for D), D in training mode on
 * real and fake, loss.discriminator plus every regulariser's penalty; then each regulariser's afterCriticStep.
 */
export function criticStep(ctx: CriticStepInput): CriticStepResult {
  const { models, loss, regularizers, real, penaltySeed } = ctx;
  const d = models.discriminator;
  const fake = models.generator.apply(ctx.z, { training: true });
  const critic = (x: tf.Tensor) => d.apply(x, { training: true });
  let realMean: tf.Scalar | undefined;
  let fakeMean: tf.Scalar | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const cr = critic(real);
    const cf = critic(fake);
    realMean = tf.keep(tf.mean(cr) as tf.Scalar);
    fakeMean = tf.keep(tf.mean(cf) as tf.Scalar);
    let total = loss.discriminator({ real: cr, fake: cf });
    for (const r of regularizers) {
      if (r.penalty) total = tf.add(total, r.penalty({ critic, real, fake, seed: penaltySeed }));
    }
    return total;
  }, d.trainable);
  const gradNorm = apply(ctx.optimizer, d.trainable, grads);
  fake.dispose();
  for (const r of regularizers) r.afterCriticStep?.(d.trainable);
  return { loss: value, realMean: realMean!, fakeMean: fakeMean!, gradNorm };
}

/**
 * One update of G: G and D both in training mode (batch statistics, as in the critic step), loss.generator on
 * C(G(z)) and, for relativistic losses, C(x_r) of the fresh real batch.
 */
export function generatorStep(ctx: GeneratorStepInput): GeneratorStepResult {
  const { models, loss, real } = ctx;
  if (loss.generatorNeedsReal && !real) throw new Error(`loss "${loss.name}" needs a real batch for the G step`);
  const g = models.generator;
  const { value, grads } = tf.variableGrads(() => {
    const cf = models.discriminator.apply(g.apply(ctx.z, { training: true }), { training: true });
    const cr = loss.generatorNeedsReal && real ? models.discriminator.apply(real, { training: true }) : undefined;
    return loss.generator(cr ? { fake: cf, real: cr } : { fake: cf });
  }, g.trainable);
  const gradNorm = apply(ctx.optimizer, g.trainable, grads);
  return { loss: value, gradNorm };
}
