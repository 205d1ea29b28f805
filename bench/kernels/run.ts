/**
 * Kernel and step benchmarks for the trainer's backend layer.
 *
 *   npx tsx bench/kernels/run.ts            # everything (DCGAN step on cpu skipped: minutes)
 *   npx tsx bench/kernels/run.ts --quick    # fewer rounds
 *   npx tsx bench/kernels/run.ts --only=kernels|steps --cpu-dcgan --rounds=N
 *
 * Prints, per call, "CPU-ms min / CPU-ms median (wall-ms median)"; "before" runs tfjs' stock wasm
 * kernels (patches off), "after" this repo's replacements. Gradients and the wasm Conv2DBackpropFilter kernel are always
 * installed: without them no backward pass runs at all.
 */
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../trainer/src/backend/index.ts";
import { kernelTable } from "./kernels.ts";
import { stepTable } from "./steps.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"] as const;
  }),
);
const rounds = Number(args.get("rounds") ?? (args.has("quick") ? 3 : 7));
const only = args.get("only");

tf.env().set("PROD", true); // silence tfjs' "install tfjs-node" banner
const info = await initBackend("wasm");
console.log(`backend: ${info.detail}; node ${process.version}; ${rounds} rounds per variant`);
if (only !== "steps") {
  console.log();
  for (const line of kernelTable(rounds)) console.log(line);
}
if (only !== "kernels") {
  console.log();
  for (const line of await stepTable(rounds, { cpuDcgan: args.has("cpu-dcgan") })) console.log(line);
}
