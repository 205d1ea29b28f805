import * as tf from "@tensorflow/tfjs-core";
import { meanRelu } from "./ops.ts";
import { defineRelativisticAverage } from "./relativistic-average.ts";

/**
 * Relativistic average hinge GAN: the hinge margins applied to the relativistic-average differences, symmetric in
 * D and G.
 *
 * Paper: Alexia Jolicoeur-Martineau (2018), "The relativistic discriminator: a key element missing from standard
 * GAN", arXiv:1807.00734 (RaHingeGAN, Appendix).
 */
export const rahinge = defineRelativisticAverage(
  "rahinge",
  "Relativistic average hinge GAN",
  // a = C(x_r) − m_f, b = C(x_f) − m_r;  D = ½[mean relu(1 − a) + mean relu(1 + b)];  G = ½[mean relu(1 + a) + mean relu(1 − b)]
  (a, b) => [meanRelu(tf.sub(1, a)), meanRelu(tf.add(1, b))],
  (a, b) => [meanRelu(tf.add(1, a)), meanRelu(tf.sub(1, b))],
);
