import { defineLoss, wganGpOptim } from "./ops.ts";
import { wassersteinPair } from "./wgan.ts";

/**
 * WGAN-LP: the Wasserstein loss with a one-sided penalty λ·E max(0, ‖∇C(x̂)‖ − 1)², which only punishes gradient
 * norms above 1 (the Lipschitz constraint itself) rather than pulling every norm to exactly 1.
 *
 * Paper: Henning Petzka, Asja Fischer, Denis Lukovnikov (2018), "On the regularization of Wasserstein GANs",
 * arXiv:1709.08894 (ICLR 2018). Optimizers and n_critic follow WGAN-GP, as in the paper's experiments.
 */
export const wganLp = defineLoss({
  name: "wgan-lp",
  title: "WGAN with one-sided Lipschitz penalty",
  paper: "Petzka, Fischer, Lukovnikov 2018, On the regularization of Wasserstein GANs, arXiv:1709.08894",
  generatorNeedsReal: false,
  preset: {
    regularizers: [{ type: "gp", lambda: 10, oneSided: true, sampling: "interpolate" }],
    ...wganGpOptim(),
  },
  // D = mean C(x_f) − mean C(x_r);  G = −mean C(x_f)  (plus the one-sided gp regulariser on D)
  ...wassersteinPair,
});
