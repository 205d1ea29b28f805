/**
 * Per-kernel before/after at batch 64 for the MLP and DCGAN shapes. "before" = the wasm
 * patch switched off (tfjs' stock kernel), "after" = on. Kernels tfjs-wasm lacks entirely
 * have no "before" (n/a).
 */
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPatches, type WasmPatch } from "../../trainer/src/backend/index.ts";
import { interleaved, op, row, type Timing, withPatches } from "./timing.ts";

type Shape4 = [number, number, number, number];

interface Case {
  label: string;
  /** The patch(es) toggled between "before" and "after"; null = no stock kernel to compare. */
  patch: WasmPatch | WasmPatch[] | null;
  make: () => tf.Tensor | tf.Tensor[];
}

const kernel = (name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor =>
  tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;
const r = (shape: number[]): tf.Tensor => tf.keep(tf.randomNormal(shape, 0, 1, "float32", 7));

function matMulCases(): Case[] {
  const cases: Case[] = [];
  for (const [i, o, where] of [
    [784, 512, "D1"],
    [512, 256, "D2"],
    [512, 784, "G3"],
  ] as const) {
    const x = r([64, i]);
    const w = r([i, o]);
    const dy = r([64, o]);
    cases.push(
      { label: `matMul dx=dy·Wᵀ ${where} [64,${o}]·[${i},${o}]ᵀ`, patch: "matmulTranspose", make: () => tf.matMul(dy, w, false, true) },
      { label: `matMul dW=xᵀ·dy ${where} [64,${i}]ᵀ·[64,${o}]`, patch: "matmulTranspose", make: () => tf.matMul(x, dy, true, false) },
    );
  }
  return cases;
}

function convCases(): Case[] {
  const convT = (x: Shape4, f: Shape4, out: Shape4) => {
    const [xs, fs] = [r(x), r(f)];
    return () => tf.conv2dTranspose(xs as tf.Tensor4D, fs as tf.Tensor4D, out, 2, "same");
  };
  const filterGrad = (x: Shape4, dy: Shape4, filterShape: Shape4) => {
    const [xs, dys] = [r(x), r(dy)];
    return () => kernel("Conv2DBackpropFilter", { x: xs, dy: dys }, { strides: 2, pad: "same", dataFormat: "NHWC", filterShape });
  };
  // "before" must switch off every replacement path of Conv2DBackpropInput, or another one would run.
  const convInput: WasmPatch[] = ["convInputGemm", "convInputPhases"];
  const bnStat = r([1, 1, 1, 64]);
  const bnStat2 = r([1, 1, 1, 128]);
  const d2s = r([64, 8, 8, 256]);
  const act = r([64, 14, 14, 64]);
  const act7 = r([64, 7, 7, 128]);
  // The gradient of a stack is one Slice per part (Unpack); into 5 dims the stock wasm Slice loops per element.
  const parts = [0, 1, 2, 3].map(() => r([64, 7, 7, 64]));
  const stackWeight = r([64, 7, 7, 4, 64]);
  const stackGrad = () => tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(tf.stack(xs, 3), stackWeight)))(parts);
  return [
    { label: "conv2dTranspose G1 7x7x128 -> 14x14x64", patch: convInput, make: convT([64, 7, 7, 128], [4, 4, 64, 128], [64, 14, 14, 64]) },
    { label: "conv2dTranspose G2 14x14x64 -> 28x28x1", patch: convInput, make: convT([64, 14, 14, 64], [4, 4, 1, 64], [64, 28, 28, 1]) },
    {
      label: "Conv2DBackpropFilter D2/G1 (x 14x14x64, dy 7x7x128)",
      patch: null,
      make: filterGrad([64, 14, 14, 64], [64, 7, 7, 128], [4, 4, 64, 128]),
    },
    { label: "Conv2DBackpropFilter D1/G2 (x 28x28x1, dy 14x14x64)", patch: null, make: filterGrad([64, 28, 28, 1], [64, 14, 14, 64], [4, 4, 1, 64]) },
    { label: "Tile (Sum/Mean grad) [1,1,1,64] -> [64,14,14,64]", patch: "tileBroadcast", make: () => tf.tile(bnStat, [64, 14, 14, 1]) },
    { label: "Tile (Sum/Mean grad) [1,1,1,128] -> [64,7,7,128]", patch: "tileBroadcast", make: () => tf.tile(bnStat2, [64, 7, 7, 1]) },
    { label: "depthToSpace [64,8,8,256] -> [64,16,16,64]", patch: "depthToSpace", make: () => tf.depthToSpace(d2s as tf.Tensor4D, 2) },
    { label: "tf.stack 4×[64,7,7,64] -> 5-d, value + gradient", patch: "sliceHighRank", make: stackGrad },
    { label: "Identity (tf.clone / saved input) [64,14,14,64]", patch: "identityShare", make: () => tf.clone(act) },
    { label: "Sum over N,H,W [64,14,14,64] -> [64]", patch: "reduceLeading", make: () => tf.sum(act, [0, 1, 2]) },
    { label: "Mean over N,H,W [64,7,7,128] -> [128]", patch: "reduceLeading", make: () => tf.mean(act7, [0, 1, 2]) },
  ];
}

/**
 * Batch-norm backward [64,14,14,64] (batch statistics; grads w.r.t. x, γ, β), and the
 * rsqrt(var)-broadcast that upstream tfjs' FusedBatchNorm gradient builds with tile vs the
 * broadcasting product used here.
 */
function batchNormCases(): Case[] {
  const x = r([64, 14, 14, 64]);
  const dy = r([64, 14, 14, 64]);
  const gamma = r([64]);
  const beta = r([64]);
  const v = tf.keep(tf.add(tf.abs(r([64])), 0.5));
  const bn = (t: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
    const { mean, variance } = tf.moments(t, [0, 1, 2]);
    return tf.add(tf.mul(tf.mul(tf.sub(t, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
  };
  return [
    {
      label: "BN backward (moments BN, d x/γ/β) [64,14,14,64]",
      patch: ["tileBroadcast", "reduceLeading"],
      make: () => tf.grads((t: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(bn(t, g, b), dy)))([x, gamma, beta]),
    },
    {
      label: "BN dx upstream-style: dy·tile(rsqrt(v))·γ",
      patch: "tileBroadcast",
      make: () => tf.mul(tf.mul(dy, tf.tile(tf.reshape(tf.rsqrt(tf.add(v, 1e-3)), [1, 1, 1, 64]), [64, 14, 14, 1])), gamma),
    },
    { label: "BN dx here: dy·(γ·rsqrt(v)) broadcast", patch: null, make: () => tf.mul(dy, tf.mul(gamma, tf.rsqrt(tf.add(v, 1e-3)))) },
  ];
}

/** Runs every case on wasm, stock vs patched, interleaved; returns printable rows. */
export function kernelTable(rounds: number): string[] {
  const cases = [...matMulCases(), ...convCases(), ...batchNormCases()];
  const lines = [row("kernel (wasm, batch 64)", ["before", "after", "speed-up (cpu min)"])];
  for (const c of cases) {
    const names = c.patch === null ? [] : Array.isArray(c.patch) ? c.patch : [c.patch];
    const set = (on: boolean) => setWasmPatches(Object.fromEntries(names.map((p) => [p, on])));
    const body = op(c.make);
    const t: Record<string, Timing> =
      c.patch === null
        ? interleaved({ after: body }, rounds)
        : interleaved({ before: withPatches(set, false, body), after: withPatches(set, true, body) }, rounds);
    set(true);
    const before = t["before"];
    const speedup = before ? `${(before.min / t["after"]!.min).toFixed(1)}x` : "";
    lines.push(row(c.label, [before ?? "n/a", t["after"]!, speedup]));
  }
  return lines;
}
