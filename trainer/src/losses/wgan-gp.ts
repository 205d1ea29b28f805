import { defineLoss, wganGpOptim } from "./ops.ts";
import { wassersteinPair } from "./wgan.ts";

/**
 * WGAN-GP: the Wasserstein loss with a two-sided gradient penalty λ·E(‖∇C(x̂)‖ − 1)² on random interpolates
 * between real and fake samples instead of weight clipping (the penalty is the `gp` regulariser).
 *
 * Paper: Ishaan Gulrajani, Faruk Ahmed, Martin Arjovsky, Vincent Dumoulin, Aaron Courville (2017), "Improved Training
 * of Wasserstein GANs", arXiv:1704.00028 (Algorithm 1: λ = 10, n_critic = 5, Adam α = 1e-4, β1 = 0.5, β2 = 0.9).
 */
export const wganGp = defineLoss({
  name: "wgan-gp",
  title: "WGAN with gradient penalty",
  paper: "Gulrajani et al. 2017, Improved Training of Wasserstein GANs, arXiv:1704.00028",
  generatorNeedsReal: false,
  preset: {
    regularizers: [{ type: "gp", lambda: 10, oneSided: false, sampling: "interpolate" }],
    ...wganGpOptim(),
  },
  // D = mean C(x_f) − mean C(x_r);  G = −mean C(x_f)  (plus the gp regulariser on D)
  ...wassersteinPair,
});
