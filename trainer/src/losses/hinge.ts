import * as tf from "@tensorflow/tfjs-core";
import { defineLoss, flat, meanRelu, scalar, standardPreset } from "./ops.ts";

/**
 * Hinge GAN: a margin loss for the critic (SVM-style, margin 1) and the Wasserstein-style generator loss.
 *
 * Papers: Jae Hyun Lim, Jong Chul Ye (2017), "Geometric GAN", arXiv:1705.02894; used as the default loss by Takeru
 * Miyato, Toshiki Kataoka, Masanori Koyama, Yuichi Yoshida (2018), "Spectral Normalization for Generative
 * Adversarial Networks", arXiv:1802.05957.
 */
export const hinge = defineLoss({
  name: "hinge",
  title: "Hinge GAN",
  paper: "Lim & Ye 2017, Geometric GAN, arXiv:1705.02894; Miyato et al. 2018, arXiv:1802.05957",
  generatorNeedsReal: false,
  preset: standardPreset(),
  // D = mean relu(1 − C(x_r)) + mean relu(1 + C(x_f));  G = −mean C(x_f)
  discriminator: ({ real, fake }) => scalar(() => tf.add(meanRelu(tf.sub(1, flat(real, "real"))), meanRelu(tf.add(1, flat(fake, "fake"))))),
  generator: ({ fake }) => scalar(() => tf.neg(tf.mean<tf.Scalar>(flat(fake, "fake")))),
});
