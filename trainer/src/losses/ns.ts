import * as tf from "@tensorflow/tfjs-core";
import { bceOne, bceZero, defineLoss, flat, scalar, standardPreset } from "./ops.ts";

/**
 * Non-saturating GAN: the minimax discriminator with the generator maximising log D(G(z)) instead of minimising
 * log(1 − D(G(z))), which keeps G's gradient alive when D confidently rejects fakes.
 *
 * Paper: Ian J. Goodfellow, Jean Pouget-Abadie, Mehdi Mirza, Bing Xu, David Warde-Farley, Sherjil Ozair, Aaron
 * Courville, Yoshua Bengio (2014), "Generative Adversarial Networks", arXiv:1406.2661 (Section 3, the heuristic G loss).
 */
export const ns = defineLoss({
  name: "ns",
  title: "Non-saturating GAN",
  paper: "Goodfellow et al. 2014, Generative Adversarial Networks, arXiv:1406.2661",
  generatorNeedsReal: false,
  preset: standardPreset(),
  // D = mean sp(−C(x_r)) + mean sp(C(x_f));  G = mean sp(−C(x_f))
  discriminator: ({ real, fake }) => scalar(() => tf.add(bceOne(flat(real, "real")), bceZero(flat(fake, "fake")))),
  generator: ({ fake }) => scalar(() => bceOne(flat(fake, "fake"))),
});
