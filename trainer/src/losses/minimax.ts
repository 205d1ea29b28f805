import * as tf from "@tensorflow/tfjs-core";
import { bceOne, bceZero, defineLoss, flat, scalar, standardPreset } from "./ops.ts";

/**
 * Original minimax GAN with the saturating generator: G minimises log(1 − D(G(z))) = −sp(C(x_f)). Kept for
 * comparison; its G gradient vanishes when D rejects fakes confidently, which is why `ns` exists.
 *
 * Paper: Ian J. Goodfellow, Jean Pouget-Abadie, Mehdi Mirza, Bing Xu, David Warde-Farley, Sherjil Ozair, Aaron
 * Courville, Yoshua Bengio (2014), "Generative Adversarial Networks", arXiv:1406.2661 (Eq. 1).
 */
export const minimax = defineLoss({
  name: "minimax",
  title: "Minimax GAN (saturating generator)",
  paper: "Goodfellow et al. 2014, Generative Adversarial Networks, arXiv:1406.2661",
  generatorNeedsReal: false,
  preset: standardPreset(),
  // D = mean sp(−C(x_r)) + mean sp(C(x_f));  G = −mean sp(C(x_f))
  discriminator: ({ real, fake }) => scalar(() => tf.add(bceOne(flat(real, "real")), bceZero(flat(fake, "fake")))),
  generator: ({ fake }) => scalar(() => tf.neg(bceZero(flat(fake, "fake")))),
});
