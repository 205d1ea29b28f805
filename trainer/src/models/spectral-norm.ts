import * as tf from "@tensorflow/tfjs-core";
import { type InitStream, makeVariable } from "./variables.ts";

/**
 * Spectral normalisation (Miyato et al. 2018, arXiv:1802.05957): the layer uses W / σ(W), σ estimated by power
 * iteration with a persistent vector u (checkpointed state). One iteration per training forward pass; inference
 * passes read u without changing it. u and v are treated as constants for the gradient, as in the paper.
 */

/** Identity forward, zero gradient: the power-iteration vectors must not feed gradient back into W. */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...inputs) => ({
  value: tf.clone(inputs[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

function l2normalize(x: tf.Tensor): tf.Tensor {
  return tf.div(x, tf.add(tf.norm(x), 1e-12));
}

export interface SpectralNorm {
  /** The power-iteration vector u, shape [cols, 1]. */
  readonly u: tf.Variable;
  /** W / σ(W); in training mode also advances u by one power iteration. */
  normalize(w: tf.Tensor, training: boolean): tf.Tensor;
}

/**
 * Spectral norm for a kernel viewed as a [rows, cols] matrix (dense: [in, out]; conv: [kh·kw·in, out]). Uses only
 * matMul without transpose flags: v = W·u, then uᵀ ← vᵀ·W, both as plain row/column products.
 */
export function spectralNorm(name: string, rows: number, cols: number, stream: InitStream): SpectralNorm {
  const init = stream.normal(cols, 0, 1);
  const len = Math.hypot(...init) || 1;
  const u = makeVariable(
    `${name}/u`,
    [cols, 1],
    init.map((x) => x / len),
    false,
  );
  return {
    u,
    normalize(w, training) {
      return tf.tidy(() => {
        const mat = tf.reshape(w, [rows, cols]);
        const v = stopGradient(l2normalize(tf.matMul(mat, u))); // [rows, 1]
        const vt = tf.reshape(v, [1, rows]);
        const vtW = tf.matMul(vt, mat); // [1, cols], carries the gradient to W
        const uNew = stopGradient(l2normalize(vtW));
        if (training) u.assign(tf.reshape(uNew, [cols, 1]));
        const sigma = tf.sum(tf.mul(vtW, uNew)); // vᵀ W u ≈ top singular value
        return tf.div(w, sigma);
      });
    },
  };
}
