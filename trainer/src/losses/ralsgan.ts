import * as tf from "@tensorflow/tfjs-core";
import { defineLoss, meanSquare, relativeToMeans, requireReal, scalar, standardPreset } from "./ops.ts";

/**
 * Relativistic average least-squares GAN: LSGAN targets ±1 applied to the relativistic-average differences.
 *
 * Paper: Alexia Jolicoeur-Martineau (2018), "The relativistic discriminator: a key element missing from standard
 * GAN", arXiv:1807.00734 (RaLSGAN, Appendix / Section 4.3).
 */
export const ralsgan = defineLoss({
  name: "ralsgan",
  title: "Relativistic average least-squares GAN",
  paper: "Jolicoeur-Martineau 2018, The relativistic discriminator, arXiv:1807.00734",
  generatorNeedsReal: true,
  preset: standardPreset(),
  // a = C(x_r) − m_f, b = C(x_f) − m_r;  D = ½[mean (a − 1)² + mean (b + 1)²];  G = ½[mean (a + 1)² + mean (b − 1)²]
  discriminator: ({ real, fake }) =>
    scalar(() => {
      const { a, b } = relativeToMeans(real, fake);
      return tf.mul(0.5, tf.add(meanSquare(tf.sub(a, 1)), meanSquare(tf.add(b, 1))));
    }),
  generator: (logits) =>
    scalar(() => {
      const { a, b } = relativeToMeans(requireReal("ralsgan", logits), logits.fake);
      return tf.mul(0.5, tf.add(meanSquare(tf.add(a, 1)), meanSquare(tf.sub(b, 1))));
    }),
});
