/**
 * Benchmark models: the MLP GAN and DCGAN from the brief, written directly with tfjs ops and
 * plain variables so the bench depends only on the backend layer. Batch-norm uses batch
 * statistics via tf.moments, as the trainer's models do.
 */
import * as tf from "@tensorflow/tfjs-core";

export type Net = (x: tf.Tensor) => tf.Tensor;

/** Deterministic N(0, std) variable (seeded tfjs RNG: identical on every backend). */
function weight(shape: number[], std: number, seed: number): tf.Variable {
  return tf.variable(tf.randomNormal(shape, 0, std, "float32", seed));
}

export interface Gan {
  g: Net;
  d: Net;
  gVars: tf.Variable[];
  dVars: tf.Variable[];
  zDim: number;
  sampleShape: number[];
}

/** G 100-256-512-784 relu/tanh, D 784-512-256-1 leakyRelu 0.2. */
export function mlpGan(): Gan {
  let seed = 1;
  const layer = (i: number, o: number) => [weight([i, o], Math.sqrt(2 / i), seed++), tf.variable(tf.zeros([o]))] as const;
  const g = [layer(100, 256), layer(256, 512), layer(512, 784)];
  const d = [layer(784, 512), layer(512, 256), layer(256, 1)];
  const dense = (x: tf.Tensor, [w, b]: readonly [tf.Variable, tf.Variable]) => tf.add(tf.matMul(x, w), b);
  return {
    g: (z) => tf.tanh(dense(tf.relu(dense(tf.relu(dense(z, g[0]!)), g[1]!)), g[2]!)),
    d: (x) => dense(tf.leakyRelu(dense(tf.leakyRelu(dense(x, d[0]!), 0.2), d[1]!), 0.2), d[2]!),
    gVars: g.flat(),
    dVars: d.flat(),
    zDim: 100,
    sampleShape: [784],
  };
}

function bn(x: tf.Tensor, gamma: tf.Variable, beta: tf.Variable): tf.Tensor {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
}

/**
 * DCGAN for 28x28x1: G z100 -> dense 7·7·128 -> BN -> relu -> convT 64 (k4 s2) -> BN -> relu
 * -> convT 1 -> tanh; D conv 64 (k4 s2) -> leaky -> conv 128 -> BN -> leaky -> dense 1.
 */
export function dcgan(): Gan {
  let seed = 100;
  const w = (shape: number[]) => weight(shape, 0.02, seed++);
  const ones = (n: number) => tf.variable(tf.ones([n]));
  const zeros = (n: number) => tf.variable(tf.zeros([n]));
  const gv = {
    fc: w([100, 7 * 7 * 128]),
    g1: ones(128),
    b1: zeros(128),
    t1: w([4, 4, 64, 128]),
    g2: ones(64),
    b2: zeros(64),
    t2: w([4, 4, 1, 64]),
    bias: zeros(1),
  };
  const dv = { c1: w([4, 4, 1, 64]), c2: w([4, 4, 64, 128]), g: ones(128), b: zeros(128), fc: w([7 * 7 * 128, 1]) };
  const g: Net = (z) => {
    const n = z.shape[0]!;
    let h: tf.Tensor = tf.relu(bn(tf.reshape(tf.matMul(z, gv.fc), [n, 7, 7, 128]), gv.g1, gv.b1));
    h = tf.relu(bn(tf.conv2dTranspose(h as tf.Tensor4D, gv.t1 as tf.Tensor4D, [n, 14, 14, 64], 2, "same"), gv.g2, gv.b2));
    return tf.tanh(tf.add(tf.conv2dTranspose(h as tf.Tensor4D, gv.t2 as tf.Tensor4D, [n, 28, 28, 1], 2, "same"), gv.bias));
  };
  const d: Net = (x) => {
    const n = x.shape[0]!;
    let h: tf.Tensor = tf.leakyRelu(tf.conv2d(x as tf.Tensor4D, dv.c1 as tf.Tensor4D, 2, "same"), 0.2);
    h = tf.leakyRelu(bn(tf.conv2d(h as tf.Tensor4D, dv.c2 as tf.Tensor4D, 2, "same"), dv.g, dv.b), 0.2);
    return tf.matMul(tf.reshape(h, [n, 7 * 7 * 128]), dv.fc);
  };
  return { g, d, gVars: Object.values(gv), dVars: Object.values(dv), zDim: 100, sampleShape: [28, 28, 1] };
}

/** One non-saturating GAN step (D then G) with Adam; returns the two losses. */
export function ganStep(gan: Gan, real: tf.Tensor, optD: tf.Optimizer, optG: tf.Optimizer, gp = 0): [number, number] {
  const n = real.shape[0]!;
  const z = tf.randomNormal([n, gan.zDim]);
  const dLoss = optD.minimize(
    () => {
      const fake = gan.g(z);
      let loss = tf.add(tf.mean(tf.softplus(tf.neg(gan.d(real)))), tf.mean(tf.softplus(gan.d(fake))));
      if (gp > 0) {
        const grad = tf.grad((x: tf.Tensor) => tf.sum(gan.d(x)))(real);
        loss = tf.add(loss, tf.mul(tf.mean(tf.sum(tf.square(tf.reshape(grad, [n, -1])), 1)), gp / 2));
      }
      return loss as tf.Scalar;
    },
    true,
    gan.dVars,
  )!;
  const gLoss = optG.minimize(() => tf.mean(tf.softplus(tf.neg(gan.d(gan.g(z))))) as tf.Scalar, true, gan.gVars)!;
  const out: [number, number] = [dLoss.dataSync()[0]!, gLoss.dataSync()[0]!];
  tf.dispose([z, dLoss, gLoss]);
  return out;
}
