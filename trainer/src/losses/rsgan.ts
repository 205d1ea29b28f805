import * as tf from "@tensorflow/tfjs-core";
import { bceOne, defineLoss, flat, requireReal, sameSize, scalar, standardPreset } from "./ops.ts";

/**
 * Relativistic standard GAN: D estimates the probability that a real sample is more realistic than a paired fake
 * one, and G the reverse, so G's loss also pushes C(x_r) down.
 *
 * Paper: Alexia Jolicoeur-Martineau (2018), "The relativistic discriminator: a key element missing from standard
 * GAN", arXiv:1807.00734 (RSGAN, Eq. 4–5).
 * Preset: the author's own (code/stable.sh of her RelativisticGAN repository, "DCGAN setup": Adam 2e-4,
 * (0.5, 0.999), one D step per G step), which is standardPreset().
 */
export const rsgan = defineLoss({
  name: "rsgan",
  title: "Relativistic standard GAN",
  paper: "Jolicoeur-Martineau 2018, The relativistic discriminator, arXiv:1807.00734",
  generatorNeedsReal: true,
  preset: standardPreset(),
  // D = BCE(C(x_r) − C(x_f), 1);  G = BCE(C(x_f) − C(x_r), 1)  (paired elementwise)
  discriminator: ({ real, fake }) =>
    scalar(() => {
      const [r, f] = [flat(real, "real"), flat(fake, "fake")];
      sameSize("rsgan", r, f);
      return bceOne(tf.sub(r, f));
    }),
  generator: (logits) =>
    scalar(() => {
      const [r, f] = [flat(requireReal("rsgan", logits), "real"), flat(logits.fake, "fake")];
      sameSize("rsgan", r, f);
      return bceOne(tf.sub(f, r));
    }),
});
