/**
 * Per-op cost of the element-wise ops and the smallest GEMM of the MLP GAN, on wasm and on native (one process,
 * GANTRY_WASM_THREADS=1 so both run one thread and share one wasm module). Each figure is the minimum over rounds
 * of the mean CPU µs per call (process.cpuUsage, robust on a loaded machine) of `op().dispose()`, i.e.
 * kernel + engine overhead + free.
 *
 *   GANTRY_WASM_THREADS=1 npx tsx bench/kernels/eltwise.ts [--calls 400] [--rounds 7]
 */
import * as tf from "@tensorflow/tfjs-core";
import { parseArgs } from "node:util";
import { initBackend } from "../../trainer/src/backend/index.ts";

const { values: args } = parseArgs({ options: { calls: { type: "string", default: "400" }, rounds: { type: "string", default: "7" } } });
const calls = Number(args.calls);
const rounds = Number(args.rounds);
const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function ops(): Array<[string, () => tf.Tensor]> {
  const x = tf.randomUniform([64, 512], -1, 1, "float32", 1);
  const y = tf.randomUniform([64, 512], -1, 1, "float32", 2);
  const row = tf.randomUniform([512], -1, 1, "float32", 3);
  const a = tf.randomUniform([64, 784], -1, 1, "float32", 4);
  const w = tf.randomUniform([784, 512], -1, 1, "float32", 5);
  const s = tf.scalar(2);
  return [
    ["add [64,512]", () => tf.add(x, y)],
    ["mul [64,512]", () => tf.mul(x, y)],
    ["relu [64,512]", () => tf.relu(x)],
    ["leakyRelu [64,512]", () => tf.leakyRelu(x, 0.2)],
    ["add row-broadcast [64,512]+[512]", () => tf.add(x, row)],
    ["sum over batch [64,512] → [512]", () => tf.sum(x, 0)],
    ["add scalar [] + [] (fixed cost)", () => tf.add(s, s)],
    ["matMul 64×784×512", () => tf.matMul(a, w)],
  ];
}

const results: Record<string, Record<string, number>> = {};
for (const backend of ["wasm", "native"] as const) {
  await initBackend(backend);
  for (const [name, op] of ops()) {
    for (let i = 0; i < 20; i++) op().dispose();
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const c0 = cpuUs();
      for (let i = 0; i < calls; i++) op().dispose();
      best = Math.min(best, (cpuUs() - c0) / calls);
    }
    (results[name] ??= {})[backend] = best;
  }
}
console.log("| op | wasm µs | native µs |\n| --- | --- | --- |");
for (const [name, r] of Object.entries(results)) console.log(`| ${name} | ${r["wasm"]!.toFixed(1)} | ${r["native"]!.toFixed(1)} |`);
