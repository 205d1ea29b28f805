import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../trainer/src/backend/index.ts";
tf.env().set("PROD", true);
await initBackend("wasm");
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const W = tf.randomNormal([784, 512]);
const x = tf.randomNormal([64, 784]);
const res: Record<string, number[]> = { same: [], fresh: [], swappedFresh: [] };
for (let r = 0; r < 15; r++) {
  const fresh = Array.from({ length: 10 }, () => tf.mul(W, 1));
  let t0 = cpu();
  for (let i = 0; i < 10; i++) tf.tidy(() => { tf.matMul(x, W).dataSync(); });
  res.same!.push((cpu() - t0) / 10);
  t0 = cpu();
  for (let i = 0; i < 10; i++) tf.tidy(() => { tf.matMul(x, fresh[i]!).dataSync(); });
  res.fresh!.push((cpu() - t0) / 10);
  const fresh2 = Array.from({ length: 10 }, () => tf.mul(x, 1));
  t0 = cpu();
  // W·(fresh x)ᵀ style: big matrix as left operand, fresh small right operand
  for (let i = 0; i < 10; i++) tf.tidy(() => { tf.matMul(W, tf.transpose(tf.slice(fresh2[i]!, [0, 0], [64, 512]))).dataSync(); });
  res.swappedFresh!.push((cpu() - t0) / 10);
  tf.dispose([...fresh, ...fresh2]);
}
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k, "min", v[0]!.toFixed(2), "med", v[7]!.toFixed(2)); }
