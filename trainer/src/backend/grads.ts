/**
 * Gradient registration for tfjs-core.
 *
 * The tfjs-core Node bundle (dist/tf-core.node.js) ships no kernel gradients at all: upstream
 * registers them from `@tensorflow/tfjs`, and tfjs-core's own `dist/register_all_gradients.js`
 * is untranspiled ESM with extensionless imports that Node cannot load. Without this module
 * `tf.grad` fails with "gradient function not found for Sum". The gradients here are written
 * for this project: backend-agnostic ops only, exact under nested `tf.grad`, and with zero
 * gradients for comparison ops so second-order paths through masks work.
 */
import { registerBinaryGradients } from "./grads-binary.ts";
import { registerNnGradients } from "./grads-nn.ts";
import { registerNormGradients } from "./grads-norm.ts";
import { registerReduceGradients } from "./grads-reduce.ts";
import { registerShapeGradients } from "./grads-shape.ts";
import { registerUnaryGradients } from "./grads-unary.ts";
import { registerZeroGradients } from "./grads-zero.ts";

/** Registers every gradient in this package (idempotent: later registrations replace earlier ones). */
export function registerAllGradients(): void {
  registerZeroGradients();
  registerUnaryGradients();
  registerBinaryGradients();
  registerReduceGradients();
  registerShapeGradients();
  registerNnGradients();
  registerNormGradients();
}
