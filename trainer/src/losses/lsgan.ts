import * as tf from "@tensorflow/tfjs-core";
import { defineLoss, flat, meanSquare, scalar, standardPreset } from "./ops.ts";

/**
 * Least-squares GAN with the 0-1 coding (a = 0, b = c = 1) applied directly to the raw critic output.
 *
 * Paper: Xudong Mao, Qing Li, Haoran Xie, Raymond Y.K. Lau, Zhen Wang, Stephen Paul Smolley (2017), "Least Squares
 * Generative Adversarial Networks", arXiv:1611.04076 (Eq. 2).
 */
export const lsgan = defineLoss({
  name: "lsgan",
  title: "Least-squares GAN",
  paper: "Mao et al. 2017, Least Squares Generative Adversarial Networks, arXiv:1611.04076",
  generatorNeedsReal: false,
  preset: standardPreset(),
  // D = ½ mean (C(x_r) − 1)² + ½ mean C(x_f)²;  G = ½ mean (C(x_f) − 1)²
  discriminator: ({ real, fake }) => scalar(() => tf.mul(0.5, tf.add(meanSquare(tf.sub(flat(real, "real"), 1)), meanSquare(flat(fake, "fake"))))),
  generator: ({ fake }) => scalar(() => tf.mul(0.5, meanSquare(tf.sub(flat(fake, "fake"), 1)))),
});
