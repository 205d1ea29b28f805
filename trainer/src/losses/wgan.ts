import * as tf from "@tensorflow/tfjs-core";
import { defineLoss, flat, scalar } from "./ops.ts";
import type { GanLoss } from "./types.ts";

/** Critic and generator of the Wasserstein GAN; shared by wgan, wgan-gp and wgan-lp, which differ only in presets. */
export const wassersteinPair: Pick<GanLoss, "discriminator" | "generator"> = {
  // D = mean C(x_f) − mean C(x_r);  G = −mean C(x_f)
  discriminator: ({ real, fake }) => scalar(() => tf.sub(tf.mean(flat(fake, "fake")), tf.mean(flat(real, "real")))),
  generator: ({ fake }) => scalar(() => tf.neg(tf.mean<tf.Scalar>(flat(fake, "fake")))),
};

/**
 * Wasserstein GAN with weight clipping: the critic estimates W1 under a crude Lipschitz constraint enforced by
 * clipping every critic weight to [−c, c] after each critic update.
 *
 * Paper: Martin Arjovsky, Soumith Chintala, Léon Bottou (2017), "Wasserstein GAN", arXiv:1701.07875 (Algorithm 1:
 * c = 0.01, RMSprop lr 5e-5, n_critic = 5). The paper does not state RMSprop's decay; the authors' reference code
 * (PyTorch, `optim.RMSprop(lr=5e-5)`) runs with PyTorch's default ρ = 0.99, which the preset states explicitly
 * because tfjs's own default is 0.9 (a shorter memory of squared gradients, hence larger, noisier steps).
 */
export const wgan = defineLoss({
  name: "wgan",
  title: "Wasserstein GAN (weight clipping)",
  paper: "Arjovsky, Chintala, Bottou 2017, Wasserstein GAN, arXiv:1701.07875",
  generatorNeedsReal: false,
  preset: {
    regularizers: [{ type: "clip", c: 0.01 }],
    optimizers: { g: { type: "rmsprop", lr: 5e-5, decay: 0.99 }, d: { type: "rmsprop", lr: 5e-5, decay: 0.99 } },
    nCritic: 5,
  },
  ...wassersteinPair,
});
