import * as tf from "@tensorflow/tfjs-core";
import type { GanLoss } from "./types.ts";
import { defineLoss, relativeToMeans, requireReal, scalar, standardPreset } from "./ops.ts";

/** Per-batch terms of a relativistic-average loss on a = C(x_r) − m_f and b = C(x_f) − m_r (each a mean over samples). */
type Terms = (a: tf.Tensor1D, b: tf.Tensor1D) => [tf.Tensor, tf.Tensor];

/**
 * The shape shared by RaSGAN, RaLSGAN and RaHingeGAN (Jolicoeur-Martineau 2018, arXiv:1807.00734): D and G are each
 * ½·(term on a + term on b); only the terms differ. The generator needs a real batch.
 * Preset: the author's own (code/stable.sh of her RelativisticGAN repository, "DCGAN setup": Adam 2e-4,
 * (0.5, 0.999), one D step per G step), which is standardPreset().
 */
export function defineRelativisticAverage(name: string, title: string, d: Terms, g: Terms): GanLoss {
  const half = (terms: Terms, real: tf.Tensor, fake: tf.Tensor) =>
    scalar(() => {
      const { a, b } = relativeToMeans(real, fake);
      const [ta, tb] = terms(a, b);
      return tf.mul(0.5, tf.add(ta, tb));
    });
  return defineLoss({
    name,
    title,
    paper: "Jolicoeur-Martineau 2018, The relativistic discriminator, arXiv:1807.00734",
    generatorNeedsReal: true,
    preset: standardPreset(),
    discriminator: ({ real, fake }) => half(d, real, fake),
    generator: (logits) => half(g, requireReal(name, logits), logits.fake),
  });
}
