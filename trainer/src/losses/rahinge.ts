import * as tf from "@tensorflow/tfjs-core";
import { defineLoss, meanRelu, relativeToMeans, requireReal, scalar, standardPreset } from "./ops.ts";

/**
 * Relativistic average hinge GAN: the hinge margins applied to the relativistic-average differences, symmetric in
 * D and G.
 *
 * Paper: Alexia Jolicoeur-Martineau (2018), "The relativistic discriminator: a key element missing from standard
 * GAN", arXiv:1807.00734 (RaHingeGAN, Appendix).
 */
export const rahinge = defineLoss({
  name: "rahinge",
  title: "Relativistic average hinge GAN",
  paper: "Jolicoeur-Martineau 2018, The relativistic discriminator, arXiv:1807.00734",
  generatorNeedsReal: true,
  preset: standardPreset(),
  // a = C(x_r) − m_f, b = C(x_f) − m_r;  D = ½[mean relu(1 − a) + mean relu(1 + b)];  G = ½[mean relu(1 + a) + mean relu(1 − b)]
  discriminator: ({ real, fake }) =>
    scalar(() => {
      const { a, b } = relativeToMeans(real, fake);
      return tf.mul(0.5, tf.add(meanRelu(tf.sub(1, a)), meanRelu(tf.add(1, b))));
    }),
  generator: (logits) =>
    scalar(() => {
      const { a, b } = relativeToMeans(requireReal("rahinge", logits), logits.fake);
      return tf.mul(0.5, tf.add(meanRelu(tf.add(1, a)), meanRelu(tf.sub(1, b))));
    }),
});
