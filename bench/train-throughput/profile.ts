/**
 * Per-kernel CPU profile of training steps on one backend (CPU time via process.cpuUsage, so it is usable on a
 * loaded machine). Nested kernel calls (composite kernels calling other kernels) are charged exclusively.
 *
 *   npx tsx bench/train-throughput/profile.ts [--cell mlp/ns] [--backend wasm] [--steps 30] [--top 25] [--clock wall]
 *     [--native-bn off] [--gnorm batch] [--ab eltwiseSimd,transposeTiled]
 *
 * `--clock wall` charges wall milliseconds instead: with GANTRY_WASM_THREADS > 1 process CPU time adds up every
 * pool thread, which hides what the step actually waits for.
 */
import { peerSession } from "./peer-session.ts";
import * as tf from "@tensorflow/tfjs-core";
import { parseArgs } from "node:util";
import { setNativeBatchNorm, setWasmPatches, type WasmPatch } from "../../trainer/src/backend/index.ts";

const { values: args } = parseArgs({
  options: {
    cell: { type: "string", default: "mlp/ns" },
    backend: { type: "string", default: "wasm" },
    steps: { type: "string", default: "30" },
    top: { type: "string", default: "25" },
    clock: { type: "string", default: "cpu" },
    /** "off": batch norm as composite ops on native too (the figures before the native batch-norm kernels). */
    "native-bn": { type: "string", default: "on" },
    /** "batch": G's hidden layers batch-normed (mlp / mlp2d), as the MNIST presets train the MLP. */
    gnorm: { type: "string" },
    /** A/B wasm patches (comma-separated): alternate blocks of steps with them off and on, report CPU-ms/step for each. */
    ab: { type: "string" },
  },
});
const [arch, loss] = args.cell!.split("/") as [string, string];
const steps = Number(args.steps);
const cpuTime = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuNow = args.clock === "wall" ? (): number => performance.now() : cpuTime;

tf.env().set("PROD", true);
const session = await peerSession(args.backend!, arch, loss, args.gnorm === "batch" ? { gNorm: "batch" } : {});
if (args["native-bn"] === "off") setNativeBatchNorm(false);

if (args.ab) {
  const patch = args.ab;
  const patches = patch.split(",") as WasmPatch[];
  const ms: Record<string, number[]> = { off: [], on: [] };
  for (let r = 0; r < steps; r++) {
    for (const on of r % 2 ? [true, false] : [false, true]) {
      setWasmPatches(Object.fromEntries(patches.map((p) => [p, on])));
      const c0 = cpuNow();
      for (let i = 0; i < 3; i++) session.runStep();
      ms[on ? "on" : "off"]!.push((cpuNow() - c0) / 3);
    }
  }
  setWasmPatches(Object.fromEntries(patches.map((p) => [p, true])));
  for (const [k, v] of Object.entries(ms)) {
    v.sort((a, b) => a - b);
    console.log(`${patch} ${k}: CPU-ms/step min ${v[0]!.toFixed(1)} median ${v[v.length >> 1]!.toFixed(1)}`);
  }
  session.dispose();
  process.exit(0);
}

// Wrap every kernel of the backend: exclusive CPU ms and call counts per kernel name (+ a shape key).
const stats = new Map<string, { ms: number; calls: number }>();
const childMs: number[] = [];
for (const config of tf.getKernelsForBackend(args.backend!)) {
  const inner = config.kernelFunc;
  (config as { kernelFunc: tf.KernelFunc }).kernelFunc = (a) => {
    const t0 = cpuNow();
    childMs.push(0);
    try {
      return inner(a);
    } finally {
      const total = cpuNow() - t0;
      const kids = childMs.pop()!;
      if (childMs.length > 0) childMs[childMs.length - 1]! += total;
      const shapes = Object.values(a.inputs)
        .map((t) => (t ? `[${t.shape.join(",")}]` : "-"))
        .join(" ");
      const attrs =
        a.attrs && ("transposeA" in a.attrs || "perm" in a.attrs)
          ? ` ${JSON.stringify({ tA: a.attrs["transposeA"], tB: a.attrs["transposeB"], perm: a.attrs["perm"] })}`
          : "";
      const key = `${config.kernelName} ${shapes}${attrs}`;
      const s = stats.get(key) ?? { ms: 0, calls: 0 };
      s.ms += total - kids;
      s.calls++;
      stats.set(key, s);
    }
  };
}

const c0 = cpuNow();
const w0 = performance.now();
for (let i = 0; i < steps; i++) session.runStep();
const cpu = (cpuNow() - c0) / steps;
const wall = (performance.now() - w0) / steps;
session.dispose();

const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
const kernelMs = rows.reduce((s, [, v]) => s + v.ms, 0) / steps;
const byName = new Map<string, number>();
for (const [k, v] of rows) byName.set(k.split(" ")[0]!, (byName.get(k.split(" ")[0]!) ?? 0) + v.ms / steps);
console.log(
  `${args.cell} on ${args.backend}: ${cpu.toFixed(1)} CPU-ms/step (wall ${wall.toFixed(1)}), kernels ${kernelMs.toFixed(1)}, other ${(cpu - kernelMs).toFixed(1)}`,
);
console.log("\nby kernel name (CPU-ms/step):");
for (const [k, v] of [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${v.toFixed(2).padStart(8)}  ${k}`);
console.log("\nby kernel + shapes (CPU-ms/step, calls/step):");
for (const [k, v] of rows.slice(0, Number(args.top))) {
  console.log(`  ${(v.ms / steps).toFixed(2).padStart(8)} ${(v.calls / steps).toFixed(0).padStart(4)}  ${k}`);
}
