import * as tf from "@tensorflow/tfjs-core";
import { meanSquare } from "./ops.ts";
import { defineRelativisticAverage } from "./relativistic-average.ts";

/**
 * Relativistic average least-squares GAN: LSGAN targets ±1 applied to the relativistic-average differences.
 *
 * Paper: Alexia Jolicoeur-Martineau (2018), "The relativistic discriminator: a key element missing from standard
 * GAN", arXiv:1807.00734 (RaLSGAN, Appendix / Section 4.3).
 */
export const ralsgan = defineRelativisticAverage(
  "ralsgan",
  "Relativistic average least-squares GAN",
  // a = C(x_r) − m_f, b = C(x_f) − m_r;  D = ½[mean (a − 1)² + mean (b + 1)²];  G = ½[mean (a + 1)² + mean (b − 1)²]
  (a, b) => [meanSquare(tf.sub(a, 1)), meanSquare(tf.add(b, 1))],
  (a, b) => [meanSquare(tf.add(a, 1)), meanSquare(tf.sub(b, 1))],
);
