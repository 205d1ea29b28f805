import * as tf from "@tensorflow/tfjs-core";
import { hashSeed, Stream } from "../util/rng.ts";
import { spectralNorm } from "./spectral-norm.ts";
import { initStream, type InitStream, makeVariable, sizeOf } from "./variables.ts";

/**
 * Layer building blocks on plain variables. Kernels are stored [in, out] (dense) and [kh, kw, in, out] (conv) so
 * the forward pass uses matMul without transpose flags, the fast path on wasm.
 *
 * Initialisation (`init`):
 * - "torch": PyTorch's nn.Linear default, kernel and bias ~ U(±1/√fan_in); batch-norm γ = 1, β = 0.
 * - "dcgan": Radford et al. 2015, kernels ~ N(0, 0.02), biases 0, batch-norm γ ~ N(1, 0.02), β = 0.

 * Each layer draws from its own stream hashSeed(seed, Stream.init, net, layerIndex), layers counted per network.
 */

export type InitScheme = "torch" | "dcgan";

export interface Layer {
  readonly trainable: tf.Variable[];
  readonly state: tf.Variable[];
  apply(x: tf.Tensor, training: boolean): tf.Tensor;
  /** The same layer in inference mode as a TF.js layers-format layer (weights export); absent where none exists. */
  readonly keras?: KerasSpec;
}

/**
 * A layer as Keras / TF.js layers-format JSON describes it: `className` and snake_case `config` as in a model.json,
 * and its weights by their Keras names in the order Keras creates them. Declared beside each building block so the
 * exported topology cannot drift from the forward pass it mirrors.
 */
export interface KerasSpec {
  className: string;
  /** The layer's name in the export (unique within a network); activations and reshapes get one at export. */
  name?: string;
  config: Record<string, unknown>;
  weights?: [string, tf.Variable][];
}

/** Per-network build state: name prefix ("g", "d", "ema/g"), init scheme, seeds, per-kind name counters. */
export class LayerBuilder {
  private layerIndex = 0;
  private readonly counts = new Map<string, number>();
  constructor(
    readonly prefix: string,
    readonly init: InitScheme,
    private readonly seed: number,
    private readonly net: number,
    readonly spectralNorm = false,
  ) {}

  /** Next layer of `kind`: its name ("g/dense0") and its own init stream. */
  next(kind: string): { name: string; stream: InitStream } {
    const k = this.counts.get(kind) ?? 0;
    this.counts.set(kind, k + 1);
    const stream = initStream(hashSeed(this.seed, Stream.init, this.net, this.layerIndex++));
    return { name: `${this.prefix}/${kind}${k}`, stream };
  }

  /** Kernel values for a layer with the given fan-in. */
  kernel(stream: InitStream, count: number, fanIn: number): Float32Array {
    return this.init === "dcgan" ? stream.normal(count, 0, 0.02) : stream.uniform(count, 1 / Math.sqrt(fanIn));
  }

  bias(stream: InitStream, count: number, fanIn: number): Float32Array {
    return this.init === "dcgan" ? new Float32Array(count) : stream.uniform(count, 1 / Math.sqrt(fanIn));
  }
}

/** Weight layer shared by dense and conv: kernel (+ optional spectral norm) and optional bias. */
function weighted(
  b: LayerBuilder,
  kind: string,
  shape: number[],
  fanIn: number,
  outDim: number,
  bias: boolean,
  op: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor,
  keras: Omit<KerasSpec, "weights" | "name">,
): Layer {
  const { name, stream } = b.next(kind);
  const kernel = makeVariable(`${name}/kernel`, shape, b.kernel(stream, sizeOf(shape), fanIn), true);
  const biasVar = bias ? makeVariable(`${name}/bias`, [outDim], b.bias(stream, outDim, fanIn), true) : null;
  const sn = b.spectralNorm ? spectralNorm(name, sizeOf(shape) / outDim, outDim, stream) : null;
  const weights: [string, tf.Variable][] = biasVar
    ? [
        ["kernel", kernel],
        ["bias", biasVar],
      ]
    : [["kernel", kernel]];
  return {
    trainable: biasVar ? [kernel, biasVar] : [kernel],
    state: sn ? [sn.u] : [],
    // Spectral norm divides by σ(W) estimated from u: Keras has no such layer (and only critics use it).
    ...(sn ? {} : { keras: { ...keras, name: name.replaceAll("/", "_"), config: { ...keras.config, use_bias: bias }, weights } }),
    apply: (x, training) =>
      tf.tidy(() => {
        const y = op(x, sn ? sn.normalize(kernel, training) : kernel);
        return biasVar ? tf.add(y, biasVar) : y;
      }),
  };
}

/** Fully connected layer, kernel [inDim, outDim]. */
export function dense(b: LayerBuilder, inDim: number, outDim: number, bias = true): Layer {
  return weighted(b, "dense", [inDim, outDim], inDim, outDim, bias, (x, w) => tf.matMul(x, w), {
    className: "Dense",
    config: { units: outDim, activation: "linear" },
  });
}

/** 4×4 convolution, stride 2, 'same' padding (halves H and W), NHWC. */
export function conv2d(b: LayerBuilder, inC: number, outC: number, bias = true): Layer {
  return weighted(b, "conv", [4, 4, inC, outC], 16 * inC, outC, bias, (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, "same"), {
    className: "Conv2D",
    config: conv(outC),
  });
}

/** 4×4 transposed convolution, stride 2, 'same' padding (doubles H and W), NHWC; kernel [4, 4, outC, inC]. */
export function conv2dTranspose(b: LayerBuilder, inC: number, outC: number, bias = true): Layer {
  return weighted(
    b,
    "convT",
    [4, 4, outC, inC],
    16 * inC,
    outC,
    bias,
    (x, w) => {
      const [n, h, wd] = x.shape as [number, number, number, number];
      return tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [n, 2 * h, 2 * wd, outC], 2, "same");
    },
    { className: "Conv2DTranspose", config: conv(outC) },
  );
}

/** Keras config of the 4×4, stride 2, 'same', NHWC convolutions above (both keep Keras's kernel layouts). */
const conv = (filters: number) => ({
  filters,
  kernel_size: [4, 4],
  strides: [2, 2],
  padding: "same",
  data_format: "channels_last",
  activation: "linear",
});

/** A layer without variables (activation, reshape). */
export function fn(f: (x: tf.Tensor) => tf.Tensor, keras?: KerasSpec): Layer {
  return { trainable: [], state: [], apply: (x) => f(x), ...(keras ? { keras } : {}) };
}

export const relu = (): Layer => fn((x) => tf.relu(x), { className: "Activation", config: { activation: "relu" } });
export const leakyRelu = (alpha = 0.2): Layer => fn((x) => tf.leakyRelu(x, alpha), { className: "LeakyReLU", config: { alpha } });
export const tanh = (): Layer => fn((x) => tf.tanh(x), { className: "Activation", config: { activation: "tanh" } });
/** Reshapes each sample to `shape` (batch dimension kept). */
export const reshape = (shape: number[]): Layer =>
  fn((x) => tf.reshape(x, [x.shape[0]!, ...shape]), { className: "Reshape", config: { target_shape: shape } });
