import { adam, defineLoss } from "./ops.ts";
import { ns } from "./ns.ts";

/**
 * DRAGAN: the non-saturating loss with a gradient penalty on perturbations of real data only, which discourages
 * sharp critic gradients around the data manifold (the penalty is the `gp` regulariser with sampling "dragan").
 *
 * Paper: Naveen Kodali, Jacob Abernethy, James Hays, Zsolt Kira (2017), "On Convergence and Stability of GANs",
 * arXiv:1705.07215 (λ = 10, perturbation 0.5·std(x_r)·U[0,1)).
 */
export const dragan = defineLoss({
  name: "dragan",
  title: "DRAGAN",
  paper: "Kodali et al. 2017, On Convergence and Stability of GANs, arXiv:1705.07215",
  generatorNeedsReal: false,
  preset: {
    regularizers: [{ type: "gp", lambda: 10, oneSided: false, sampling: "dragan" }],
    optimizers: { g: adam(2e-4, 0.5, 0.999), d: adam(2e-4, 0.5, 0.999) },
    nCritic: 1,
  },
  // D = mean sp(−C(x_r)) + mean sp(C(x_f));  G = mean sp(−C(x_f))  (plus the dragan gp on D)
  discriminator: ns.discriminator,
  generator: ns.generator,
});
