/**
 * Gradients of element-wise unary kernels: dx = dy * f'(x), with f' written in ops.
 *
 * Derivatives are recomputed from the saved input rather than the saved output (see
 * grad-util.ts), which keeps them exact under `tf.grad(tf.grad(...))`. Masks use `tf.step`
 * (whose own gradient is the registered zero) instead of `tf.where`: `where` broadcasts and
 * clones all three operands, `step` is one kernel.
 */
import * as tf from "@tensorflow/tfjs-core";
import { fresh, registerSingle, savedAt } from "./grad-util.ts";

type Derivative = (x: tf.Tensor, attrs: tf.NamedAttrMap) => tf.Tensor;

// Constants of the SELU activation (Klambauer et al. 2017), as tfjs uses them.
const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473766;

const inv = (t: tf.Tensor): tf.Tensor => tf.reciprocal(t);
const oneMinusSq = (x: tf.Tensor): tf.Tensor => tf.sub(1, tf.square(x));

/** f'(x) for every unary kernel whose gradient depends on x. */
export const UNARY_DERIVATIVES: Record<string, Derivative> = {
  Abs: (x) => tf.sign(x),
  Square: (x) => tf.mul(x, 2),
  Sqrt: (x) => tf.div(0.5, tf.sqrt(x)),
  Rsqrt: (x) => tf.mul(tf.div(tf.rsqrt(x), x), -0.5),
  Exp: (x) => tf.exp(x),
  Expm1: (x) => tf.exp(x),
  Log: (x) => inv(x),
  Log1p: (x) => inv(tf.add(x, 1)),
  Reciprocal: (x) => tf.neg(inv(tf.square(x))),
  Sigmoid: (x) => {
    const s = tf.sigmoid(x);
    return tf.mul(s, tf.sub(1, s));
  },
  Tanh: (x) => oneMinusSq(tf.tanh(x)),
  Softplus: (x) => tf.sigmoid(x),
  Relu: (x) => tf.step(x),
  Relu6: (x) => tf.mul(tf.step(x), tf.step(tf.sub(6, x))),
  LeakyRelu: (x, attrs) => tf.step(x, attrs["alpha"] as number),
  // elu'(x) = 1 for x > 0, exp(x) otherwise == exp(min(x, 0)).
  Elu: (x) => tf.exp(tf.minimum(x, 0)),
  Selu: (x) => {
    const pos = tf.step(x);
    const neg = tf.mul(tf.exp(tf.minimum(x, 0)), SELU_SCALE_ALPHA);
    return tf.add(tf.mul(pos, SELU_SCALE), tf.mul(tf.sub(1, pos), neg));
  },
  ClipByValue: (x, attrs) => {
    const lo = tf.greaterEqual(x, attrs["clipValueMin"] as number);
    const hi = tf.lessEqual(x, attrs["clipValueMax"] as number);
    return tf.cast(tf.logicalAnd(lo, hi), "float32");
  },
  Sin: (x) => tf.cos(x),
  Cos: (x) => tf.neg(tf.sin(x)),
  Tan: (x) => inv(tf.square(tf.cos(x))),
  Sinh: (x) => tf.cosh(x),
  Cosh: (x) => tf.sinh(x),
  Atan: (x) => inv(tf.add(tf.square(x), 1)),
  Asin: (x) => tf.rsqrt(oneMinusSq(x)),
  Acos: (x) => tf.neg(tf.rsqrt(oneMinusSq(x))),
  Asinh: (x) => tf.rsqrt(tf.add(tf.square(x), 1)),
  Acosh: (x) => tf.rsqrt(tf.sub(tf.square(x), 1)),
  Atanh: (x) => inv(oneMinusSq(x)),
  Erf: (x) => tf.mul(tf.exp(tf.neg(tf.square(x))), 2 / Math.sqrt(Math.PI)),
};

/** Registers the unary gradients plus the input-independent Neg/Cast/Identity. */
export function registerUnaryGradients(): void {
  for (const [kernelName, derivative] of Object.entries(UNARY_DERIVATIVES)) {
    registerSingle(kernelName, (dy, saved, attrs) => ({ x: () => tf.mul(dy, derivative(savedAt(saved, 0, kernelName), attrs)) }), ["x"]);
  }
  registerSingle("Neg", (dy) => ({ x: () => tf.neg(dy) }));
  // Cast back to float is the identity on the gradient; integer/bool inputs still need a
  // float32 gradient of their shape, which dy already is.
  registerSingle("Cast", (dy) => ({ x: () => fresh(dy) }));
  registerSingle("Identity", (dy) => ({ x: () => fresh(dy) }));
}
