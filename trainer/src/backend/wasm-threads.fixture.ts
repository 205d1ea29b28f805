/**
 * Child-process fixture for wasm-threads.test.ts (threads are fixed when the wasm module
 * starts, so they are tested in a fresh process): initialises wasm with the environment's
 * GANTRY_WASM_THREADS and prints the backend detail and a few results as JSON.
 */
import * as tf from "@tensorflow/tfjs-core";
import { seeded } from "./grad-check.ts";
import { FusedAdamOptimizer, fusedAdamActive, initBackend } from "./index.ts";

/** A conv forward, a conv2dTranspose (per-phase convs), a matmul gradient and two (fused on wasm) Adam steps. */
export function probeValues(): number[] {
  const values = tf.tidy(() => {
    const y = tf.conv2d(seeded([2, 8, 8, 3], 1) as tf.Tensor4D, seeded([4, 4, 3, 5], 2) as tf.Tensor4D, 2, "same");
    const w = seeded([6, 4], 3);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, w))))(seeded([5, 6], 4));
    const t = tf.conv2dTranspose(seeded([2, 4, 4, 6], 7) as tf.Tensor4D, seeded([4, 4, 8, 6], 8) as tf.Tensor4D, [2, 8, 8, 8], 2, "same");
    return [...y.dataSync(), ...g.dataSync(), ...t.dataSync()];
  });
  const v = tf.tidy(() => tf.variable(seeded([7], 5), true));
  const opt = new FusedAdamOptimizer(1e-2, 0.5, 0.999);
  for (let i = 0; i < 2; i++) tf.tidy(() => opt.applyGradients([{ name: v.name, tensor: seeded([7], 6 + i) }]));
  values.push(...v.dataSync());
  opt.dispose();
  v.dispose();
  return values;
}

if (process.argv[1]?.endsWith("wasm-threads.fixture.ts")) {
  const info = await initBackend("wasm");
  console.log(JSON.stringify({ detail: info.detail, fusedAdam: fusedAdamActive(), values: probeValues() }));
}
