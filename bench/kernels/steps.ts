/**
 * Whole-step probes: one MLP GAN step and one DCGAN step (D update then G update, Adam,
 * non-saturating loss, batch 64), with every wasm patch off vs on, and on cpu.
 */
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, setWasmPatches, WASM_PATCHES } from "../../trainer/src/backend/index.ts";
import { dcgan, type Gan, ganStep, mlpGan } from "./models.ts";
import { interleaved, row, type Timing, withPatches } from "./timing.ts";

const allPatches = (on: boolean) => setWasmPatches(Object.fromEntries(WASM_PATCHES.map((p) => [p, on])));

function stepper(make: () => Gan, gp: number): { step: () => void; dispose: () => void } {
  const gan = make();
  const real = tf.randomNormal([64, ...gan.sampleShape], 0, 1, "float32", 3);
  const [optD, optG] = [tf.train.adam(2e-4, 0.5), tf.train.adam(2e-4, 0.5)];
  return {
    step: () => void ganStep(gan, real, optD, optG, gp),
    dispose: () => {
      tf.dispose([real, ...gan.gVars, ...gan.dVars]);
      optD.dispose();
      optG.dispose();
    },
  };
}

/** Times `make`'s step on wasm (patches off / on) and optionally on cpu. */
async function probe(label: string, make: () => Gan, gp: number, rounds: number, cpu: boolean): Promise<string> {
  await initBackend("wasm");
  const s = stepper(make, gp);
  s.step(); // Adam creates its moment variables on the first step: count tensors after it.
  const leakBefore = tf.memory().numTensors;
  const step = () => s.step();
  const t = interleaved({ before: withPatches(allPatches, false, step), after: withPatches(allPatches, true, step) }, rounds);
  allPatches(true);
  const leaked = tf.memory().numTensors - leakBefore;
  s.dispose();
  let cpuTime: Timing | string = "skipped";
  if (cpu) {
    await initBackend("cpu");
    const c = stepper(make, gp);
    cpuTime = interleaved({ cpu: c.step }, Math.max(1, Math.floor(rounds / 2)))["cpu"]!;
    c.dispose();
    await initBackend("wasm");
  }
  const speedup = `${(t["before"]!.min / t["after"]!.min).toFixed(1)}x`;
  return row(`${label}${leaked !== 0 ? ` (LEAKED ${leaked})` : ""}`, [t["before"]!, t["after"]!, speedup, cpuTime]);
}

/** Step probes as printable rows. */
export async function stepTable(rounds: number, opts: { cpuDcgan: boolean }): Promise<string[]> {
  return [
    row("GAN step (D+G, Adam, batch 64)", ["wasm before", "wasm after", "speed-up (cpu min)", "cpu backend"]),
    await probe("MLP GAN 100-256-512-784 / 784-512-256-1", mlpGan, 0, rounds, true),
    await probe("MLP GAN + R1 penalty (double backprop)", mlpGan, 10, rounds, true),
    await probe("DCGAN 28x28 (G 7->14->28, D 28->14->7)", dcgan, 0, Math.max(2, Math.floor(rounds / 2)), opts.cpuDcgan),
  ];
}
