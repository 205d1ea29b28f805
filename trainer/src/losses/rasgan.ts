import * as tf from "@tensorflow/tfjs-core";
import { bceOne, bceZero, defineLoss, relativeToMeans, requireReal, scalar, standardPreset } from "./ops.ts";

/**
 * Relativistic average standard GAN: like RSGAN, but each sample is compared with the mean critic output of the
 * other batch instead of a paired sample. A change of loss only; no architecture change.
 *
 * Paper: Alexia Jolicoeur-Martineau (2018), "The relativistic discriminator: a key element missing from standard
 * GAN", arXiv:1807.00734 (RaSGAN, Section 4.3).
 */
export const rasgan = defineLoss({
  name: "rasgan",
  title: "Relativistic average standard GAN",
  paper: "Jolicoeur-Martineau 2018, The relativistic discriminator, arXiv:1807.00734",
  generatorNeedsReal: true,
  preset: standardPreset(),
  // a = C(x_r) − m_f, b = C(x_f) − m_r;  D = ½[BCE(a, 1) + BCE(b, 0)];  G = ½[BCE(a, 0) + BCE(b, 1)]
  discriminator: ({ real, fake }) =>
    scalar(() => {
      const { a, b } = relativeToMeans(real, fake);
      return tf.mul(0.5, tf.add(bceOne(a), bceZero(b)));
    }),
  generator: (logits) =>
    scalar(() => {
      const { a, b } = relativeToMeans(requireReal("rasgan", logits), logits.fake);
      return tf.mul(0.5, tf.add(bceZero(a), bceOne(b)));
    }),
});
