/**
 * One batch-norm layer, forward + backward, on the native backend: the single oneDNN kernels ("after") against the
 * composite ops the layer used before, run on the same native backend (`setNativeBatchNorm(false)`: tf.moments, sub,
 * mul, rsqrt, add forward, their gradients backward). Each call is one training-mode forward, the moving-statistic
 * update, and the backward pass from an upstream gradient dy to the gradients w.r.t. x, γ and β (tfjs' engine
 * gradients with dy given, so no loss op is timed). Figure: minimum over rounds of the mean process-CPU µs per call (process.cpuUsage, robust on a loaded
 * machine), one thread (GANTRY_WASM_THREADS=1 sizes oneDNN's pool too).
 *
 *   GANTRY_WASM_THREADS=1 npx tsx bench/kernels/batch-norm.ts [--calls 200] [--rounds 7]
 */
import * as tf from "@tensorflow/tfjs-core";
import { parseArgs } from "node:util";
import { initBackend, setNativeBatchNorm } from "../../trainer/src/backend/index.ts";
import { batchNorm } from "../../trainer/src/models/batch-norm.ts";
import { LayerBuilder } from "../../trainer/src/models/layers.ts";

const { values: args } = parseArgs({ options: { calls: { type: "string", default: "200" }, rounds: { type: "string", default: "7" } } });
const calls = Number(args.calls);
const rounds = Number(args.rounds);
const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const info = await initBackend("native");
if (info.name !== "native") throw new Error(`the native backend did not load (${info.name} is active: ${info.detail})`);
// An addon built before the batch-norm kernels leaves them unregistered (and both variants composite): say so.
if (tf.getKernel("GantryBatchNormTrain", "native") === undefined) {
  throw new Error("the native addon has no batch-norm kernels: rebuild it (node trainer/native/build.mjs)");
}

function layerStep(shape: number[]): () => void {
  const c = shape[shape.length - 1]!;
  const bn = batchNorm(new LayerBuilder("bench", "dcgan", 1, 0), c);
  const [gamma, beta] = bn.trainable as [tf.Variable, tf.Variable];
  const x = tf.variable(tf.randomNormal(shape, 0.3, 1.5, "float32", 1));
  const dy = tf.randomUniform(shape, -1, 1, "float32", 2);
  return () => {
    const { value, grads } = tf.engine().gradients(() => bn.apply(x, true), [x, gamma, beta], dy);
    tf.dispose([value, ...grads]);
  };
}

console.log("| shape | composite on native µs | native kernels µs | ratio |\n| --- | --- | --- | --- |");
for (const shape of [
  [64, 512],
  [64, 14, 14, 64],
]) {
  const step = layerStep(shape);
  const best: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    // Alternate the variants within each round, so load drift hits both alike.
    for (const on of r % 2 ? [true, false] : [false, true]) {
      setNativeBatchNorm(on);
      for (let i = 0; i < 5; i++) step();
      const n = shape.length > 2 ? Math.max(10, calls / 10) : calls;
      const c0 = cpuUs();
      for (let i = 0; i < n; i++) step();
      const us = (cpuUs() - c0) / n;
      best[String(on)] = Math.min(best[String(on)] ?? Infinity, us);
    }
  }
  const [before, after] = [best["false"]!, best["true"]!];
  console.log(`| [${shape.join(",")}] | ${before.toFixed(1)} | ${after.toFixed(1)} | ${(before / after).toFixed(2)}× |`);
}
setNativeBatchNorm(true);
