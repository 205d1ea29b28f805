/**
 * Child-process fixture for native-signals.test.ts: runs the native backend's oneDNN kernels (sgemm, a convolution
 * and its two gradients, batch norm forward and backward) a few hundred times while the parent's flags make V8
 * interrupt this thread with SIGPROF every 100 µs, then prints "ok" and the summed outputs.
 */
import * as tf from "@tensorflow/tfjs-core";
import { batchNorm } from "../models/batch-norm.ts";
import { LayerBuilder } from "../models/layers.ts";
import { seeded } from "./grad-check.ts";
import { initBackend } from "./index.ts";

const info = await initBackend("native");
const a = seeded([64, 784], 1);
const w = seeded([784, 512], 2);
const x = seeded([8, 14, 14, 16], 3) as tf.Tensor4D;
const f = seeded([4, 4, 16, 8], 4) as tf.Tensor4D;
const rows = seeded([64, 512], 5);
const norm = batchNorm(new LayerBuilder("t", "torch", 0, 0), 512);
let total = 0;
for (let i = 0; i < 300; i++) {
  total += tf.tidy(() => {
    const mm = tf.matMul(a, w);
    const conv = tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.conv2d(t as tf.Tensor4D, f, 2, "same"))))(x);
    const bn = tf.grad((t: tf.Tensor) => tf.sum(tf.square(norm.apply(t, true))))(rows);
    return tf.sum(mm).dataSync()[0]! + tf.sum(conv).dataSync()[0]! + tf.sum(bn).dataSync()[0]!;
  });
}
console.log(JSON.stringify({ backend: info.name, ok: Number.isFinite(total) }));
