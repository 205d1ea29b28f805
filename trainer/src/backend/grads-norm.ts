/**
 * Gradients of FusedBatchNorm and Softmax.
 *
 * batchNorm: y = (x - mean) * k + offset with k = scale * rsqrt(variance + eps), params of
 * shape P (usually [C]). Upstream tfjs tiles rsqrt(variance) to the full [N,H,W,C] shape and
 * multiplies full-size tensors for every parameter; here every full-size product is reduced
 * to P first and parameter math happens on P-sized tensors, with broadcasting instead of tile:
 *   dx = dy * k                       dmean  = -A * k
 *   A  = sum(dy)    over non-P axes   doffset = A
 *   B  = sum(dy * (x - mean))         dscale = B * rsqrt(variance + eps)
 *                                     dvar   = -0.5 * B * k / (variance + eps)
 */
import * as tf from "@tensorflow/tfjs-core";
import { reduceTo, registerSingle, savedAt } from "./grad-util.ts";

/** Registers the FusedBatchNorm and Softmax gradients. */
export function registerNormGradients(): void {
  registerSingle(
    "FusedBatchNorm",
    (dy, saved, attrs) => {
      const name = "FusedBatchNorm";
      const [x, mean, variance, scale] = [0, 1, 2, 3].map((i) => savedAt(saved, i, name)) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const eps = attrs["varianceEpsilon"] as number;
      const p = tf.broadcast_util.assertAndGetBroadcastShape(tf.broadcast_util.assertAndGetBroadcastShape(mean.shape, variance.shape), scale.shape);
      const inv = (): tf.Tensor => tf.rsqrt(tf.add(variance, eps));
      const k = (): tf.Tensor => tf.mul(scale, inv());
      const sumDy = (): tf.Tensor => reduceTo(dy, p);
      const sumDyXc = (): tf.Tensor => reduceTo(tf.mul(dy, tf.sub(x, mean)), p);
      return {
        x: () => tf.mul(dy, k()),
        mean: () => reduceTo(tf.neg(tf.mul(sumDy(), k())), mean.shape),
        variance: () => reduceTo(tf.mul(tf.mul(sumDyXc(), k()), tf.div(-0.5, tf.add(variance, eps))), variance.shape),
        scale: () => reduceTo(tf.mul(sumDyXc(), inv()), scale.shape),
        // Offset is not saved (it may be absent, and tfjs cannot save a missing input); its
        // shape is P whenever it is present, which the tape re-checks against the input.
        offset: () => sumDy(),
      };
    },
    // tfjs-core crashes when asked to save an input that was not passed, so a batchNorm under
    // tf.grad needs a scale, exactly as with upstream tfjs (pass tf.ones([C]) if there is none).
    ["x", "mean", "variance", "scale"],
  );

  registerSingle(
    "Softmax",
    (dy, saved, attrs) => {
      const logits = savedAt(saved, 0, "Softmax");
      const dim = attrs["dim"] as number;
      return {
        logits: () => {
          const y = tf.softmax(logits, dim);
          return tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), dim, true)));
        },
      };
    },
    ["logits"],
  );
}
