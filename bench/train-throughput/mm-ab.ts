import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../trainer/src/backend/index.ts";
tf.env().set("PROD", true);
await initBackend("wasm");
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const dy = tf.randomNormal([64, 512]);
const W = tf.randomNormal([784, 512]);
const x = tf.randomNormal([64, 784]);
const variants: Record<string, () => tf.Tensor> = {
  fwd: () => tf.matMul(x, W),
  transposeW: () => tf.matMul(dy, tf.transpose(W)),
  swapped: () => tf.transpose(tf.matMul(W, tf.transpose(dy))),
  transW_only: () => tf.transpose(W),
};
const tot: Record<string, number[]> = {};
for (let r = 0; r < 15; r++) for (const [k, f] of Object.entries(variants)) {
  const t0 = cpu();
  for (let i = 0; i < 10; i++) tf.tidy(() => { f().dataSync(); });
  (tot[k] ??= []).push((cpu() - t0) / 10);
}
for (const [k, v] of Object.entries(tot)) { v.sort((a, b) => a - b); console.log(k, "min", v[0]!.toFixed(2), "med", v[7]!.toFixed(2)); }
