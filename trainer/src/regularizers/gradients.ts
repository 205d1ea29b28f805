import * as tf from "@tensorflow/tfjs-core";

/**
 * Input-gradient helpers shared by the penalties. They rely on the critic treating samples independently (no batch
 * norm across the batch — the models turn it off when a penalty is on): then ∂ΣC(x_j)/∂x_i = ∂C(x_i)/∂x_i, so ONE
 * backward pass of the summed output gives every per-sample gradient.
 */

/**
 * ∇_x C(x) per sample. Built with `tf.grad`, whose backward ops are themselves recorded on any enclosing tape, so a
 * penalty of these gradients is differentiable w.r.t. the critic's weights (double backprop).
 */
export function inputGradients(critic: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.grad((xi: tf.Tensor) => tf.sum(critic(xi)))(x);
}

/** ‖g_i‖² per sample, summing every non-batch dimension: [B, ...] → [B]. */
export function perSampleSquaredNorm(g: tf.Tensor): tf.Tensor1D {
  const b = g.shape[0] ?? 1;
  return tf.sum(tf.square(tf.reshape(g, [b, -1])), 1);
}

/**
 * Added under the square root of the gradient norm: d√s/ds = 1/(2√s) is infinite at s = 0 (e.g. a critic whose
 * units are all dead at x̂), which would turn the whole update into NaN. 1e-12 moves a norm of 1 by 5e-13, far
 * below float32 resolution, and a zero norm to 1e-6.
 */
export const NORM_EPS = 1e-12;

/** ‖g_i‖ per sample, with NORM_EPS for a finite derivative at zero. */
export function perSampleNorm(g: tf.Tensor): tf.Tensor1D {
  return tf.sqrt(tf.add<tf.Tensor1D>(perSampleSquaredNorm(g), NORM_EPS));
}

/**
 * Identity whose gradient is zero: penalty points x̂ are inputs, not functions of G, so no gradient may flow back
 * into the generator through them even when the fake batch was produced on the same tape.
 */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc) => {
  const t = x as tf.Tensor;
  return { value: tf.clone(t), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/** U[0, 1) of shape [B, 1, …, 1] matching x's rank: one draw per sample, broadcast over the sample's features. */
export function perSampleUniform(x: tf.Tensor, seed: number): tf.Tensor {
  const shape = x.shape.map((d, i) => (i === 0 ? d : 1));
  return tf.randomUniform(shape, 0, 1, "float32", seed);
}
