import { bceOne, bceZero } from "./ops.ts";
import { defineRelativisticAverage } from "./relativistic-average.ts";

/**
 * Relativistic average standard GAN: like RSGAN, but each sample is compared with the mean critic output of the
 * other batch instead of a paired sample. A change of loss only; no architecture change.
 *
 * Paper: Alexia Jolicoeur-Martineau (2018), "The relativistic discriminator: a key element missing from standard
 * GAN", arXiv:1807.00734 (RaSGAN, Section 4.3).
 */
export const rasgan = defineRelativisticAverage(
  "rasgan",
  "Relativistic average standard GAN",
  // a = C(x_r) − m_f, b = C(x_f) − m_r;  D = ½[BCE(a, 1) + BCE(b, 0)];  G = ½[BCE(a, 0) + BCE(b, 1)]
  (a, b) => [bceOne(a), bceZero(b)],
  (a, b) => [bceZero(a), bceOne(b)],
);
