/**
 * Per-op cost of the element-wise ops, reductions and layout ops an MLP and a DCGAN GAN step run on wasm (shapes
 * from `bench/train-throughput/profile.ts`), before and after Gantry's wasm kernels, in one process:
 *   stock  — every wasm patch off (tfjs-backend-wasm's own kernels),
 *   gantry — every patch on (the default),
 *   native — the native backend (with --native, where trainer/native was built).
 * The variants alternate op by op and round by round, so machine load hits them alike. Each figure is the minimum
 * over rounds of the mean CPU µs per call (process.cpuUsage, robust on a loaded machine) of `op().dispose()`, i.e.
 * kernel + engine overhead + free. Each round runs ≈ 20 ms of CPU per op and variant (at least 10 calls).
 * The last rows split the fixed cost of an op: the Add kernel called directly (kernel + malloc/free, no engine)
 * against the same Add through tfjs-core's engine.
 *
 *   GANTRY_WASM_THREADS=1 npx tsx bench/kernels/eltwise.ts [--rounds 7] [--native] [--only leakyRelu,tanh]
 */
import * as tf from "@tensorflow/tfjs-core";
import { parseArgs } from "node:util";
import { initBackend, setWasmPatches, WASM_PATCHES } from "../../trainer/src/backend/index.ts";

const { values: args } = parseArgs({
  options: { rounds: { type: "string", default: "7" }, native: { type: "boolean", default: false }, only: { type: "string" } },
});
const rounds = Number(args.rounds);
const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

type Variant = "stock" | "gantry" | "native";
const variants: Variant[] = args.native ? ["stock", "gantry", "native"] : ["stock", "gantry"];
const allPatches = (on: boolean) => Object.fromEntries(WASM_PATCHES.map((p) => [p, on]));

async function use(v: Variant): Promise<void> {
  if (v === "native") {
    if (tf.getBackend() !== "native") await initBackend("native");
    setWasmPatches(allPatches(true));
    return;
  }
  if (tf.getBackend() !== "wasm") await initBackend("wasm");
  setWasmPatches(allPatches(v === "gantry"));
}

/** [label, the Gantry patch that handles it ("" = none), op]. Inputs are created once, outside the timing. */
function ops(): Array<[string, string, () => tf.TensorInfo | tf.Tensor]> {
  const u = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, "float32", seed);
  const [x, y, row, col] = [u([64, 512], 1), u([64, 512], 2), u([512], 3), u([64, 1], 4)];
  const [x4, y4, c4] = [u([64, 14, 14, 64], 5), u([64, 14, 14, 64], 6), u([64], 7)];
  const [z4, b4] = [u([64, 7, 7, 128], 8), u([1, 1, 1, 128], 9)];
  const [img, t512] = [u([64, 784], 10), u([512, 64], 11)];
  const bool4 = tf.greater(z4, 0);
  const s = tf.scalar(2);
  const one = tf.ones([1]);
  const backend = () => tf.backend() as unknown as { disposeData(id: object): void };
  const addKernel = () => tf.getKernel("Add", tf.getBackend())!.kernelFunc;
  return [
    ["add [64,512]", "eltwiseSimd", () => tf.add(x, y)],
    ["sub [64,512]", "eltwiseSimd", () => tf.sub(x, y)],
    ["mul [64,512]", "eltwiseSimd", () => tf.mul(x, y)],
    ["div [64,512]", "eltwiseSimd", () => tf.div(x, y)],
    ["add row [64,512]+[512]", "eltwiseSimd", () => tf.add(x, row)],
    ["mul row [64,512]·[512]", "eltwiseSimd", () => tf.mul(x, row)],
    ["mul column [64,512]·[64,1]", "", () => tf.mul(x, col)],
    ["mul scalar [64,512]·[]", "", () => tf.mul(x, s)],
    ["relu [64,512]", "", () => tf.relu(x)],
    ["leakyRelu [64,512]", "eltwiseSimd", () => tf.leakyRelu(x, 0.2)],
    ["tanh [64,784]", "", () => tf.tanh(img)],
    ["sigmoid [64,512]", "", () => tf.sigmoid(x)],
    ["neg [64,512]", "", () => tf.neg(x)],
    ["square [64,512]", "", () => tf.square(x)],
    ["step [64,512]", "", () => tf.step(x, 0.2)],
    ["sum over batch [64,512] → [512]", "reduceLeading", () => tf.sum(x, 0)],
    ["mean over batch [64,1] → [1]", "reduceLeading", () => tf.mean(col, 0)],
    ["sum all [64,512] → []", "", () => tf.sum(x)],
    ["tile [1] → [64]", "tileBroadcast", () => tf.tile(one, [64])],
    ["transpose [512,64]", "transposeTiled", () => tf.transpose(t512)],
    ["transpose [64,14,14,64] by [3,1,2,0]", "", () => tf.transpose(x4, [3, 1, 2, 0])],
    ["leakyRelu [64,14,14,64]", "eltwiseSimd", () => tf.leakyRelu(x4, 0.2)],
    ["add [64,14,14,64]", "eltwiseSimd", () => tf.add(x4, y4)],
    ["mul row [64,14,14,64]·[64]", "eltwiseSimd", () => tf.mul(x4, c4)],
    ["sub row [64,7,7,128]−[1,1,1,128]", "eltwiseSimd", () => tf.sub(z4, b4)],
    ["step [64,7,7,128]", "", () => tf.step(z4, 0.2)],
    ["cast bool→float [64,7,7,128]", "", () => tf.cast(bool4, "float32")],
    ["sum over N,H,W [64,7,7,128] → [128]", "reduceLeading", () => tf.sum(z4, [0, 1, 2])],
    ["fixed cost: add [] + [] through the engine", "", () => tf.add(s, s)],
    [
      "fixed cost: Add kernel called directly (no engine)",
      "",
      () => {
        const out = addKernel()({ inputs: { a: s, b: s }, backend: tf.backend(), attrs: {} }) as tf.TensorInfo;
        backend().disposeData(out.dataId);
        return { dataId: {}, shape: [], dtype: "float32" };
      },
    ],
    ["fixed cost: reshape [] → [1] (engine only, shares data)", "", () => tf.reshape(s, [1])],
  ];
}

const dispose = (t: tf.TensorInfo | tf.Tensor): void => {
  if (t instanceof tf.Tensor) t.dispose();
};
const only = args.only?.split(",");
await use("stock");
const list = ops().filter(([label]) => !only || only.some((o) => label.startsWith(o)));
const best: Record<string, Record<string, number>> = {};
const calls: Record<string, number> = {};
for (let r = 0; r < rounds; r++) {
  for (const [label, , op] of list) {
    const order = r % 2 ? [...variants].reverse() : variants;
    for (const v of order) {
      await use(v);
      for (let i = 0; i < 3; i++) dispose(op());
      if (calls[label] === undefined) {
        const c0 = cpuUs();
        for (let i = 0; i < 10; i++) dispose(op());
        calls[label] = Math.max(10, Math.min(2000, Math.ceil(20000 / Math.max(1, (cpuUs() - c0) / 10))));
      }
      const n = calls[label]!;
      const c0 = cpuUs();
      for (let i = 0; i < n; i++) dispose(op());
      const us = (cpuUs() - c0) / n;
      const row = (best[label] ??= {});
      row[v] = Math.min(row[v] ?? Infinity, us);
    }
  }
}
const patchOf = Object.fromEntries(list.map(([label, patch]) => [label, patch]));
const head = ["op", ...variants.map((v) => `${v} µs`), "stock / gantry", "Gantry patch"];
console.log(`| ${head.join(" | ")} |\n|${head.map(() => " --- |").join("")}`);
for (const [label, r] of Object.entries(best)) {
  const cells = variants.map((v) => r[v]!.toFixed(1));
  console.log(`| ${label} | ${cells.join(" | ")} | ${(r["stock"]! / r["gantry"]!).toFixed(2)}× | ${patchOf[label] || "—"} |`);
}
