/**
 * Fast transposed matmul on wasm.
 *
 * tfjs-backend-wasm's C++ batchMatMul calls XNNPACK (fully-connected operator) only when
 * transposeA and transposeB are both false and both operands are plain matrices; anything
 * else runs a scalar blocked triple loop. The MatMul gradient always sets one of the flags
 * (dA = dy·Bᵀ, dB = Aᵀ·dy), so backprop hit the slow loop on every dense layer. Transposing
 * the flagged operand with the (vectorised) Transpose kernel and then calling the stock kernel
 * with both flags false lands on XNNPACK. Results are the same sums, so they agree with cpu to
 * float32 rounding.
 */
import * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { batchOf, callKernel, disposeInfos, type Info, replaceWasmKernel } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Swaps the last two dims of a wasm tensor with the Transpose kernel. */
function transposeLast2(x: Info, backend: object): Info {
  const r = x.shape.length;
  const perm = [...Array(r - 2).keys(), r - 1, r - 2];
  return callKernel("Transpose", { inputs: { x }, backend, attrs: { perm } });
}

/** Wraps a stock matmul kernel (BatchMatMul or _FusedMatMul; both take a, b, transposeA/B). */
function explicitTranspose(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend, attrs = {} } = args;
    const a = inputs["a"];
    const b = inputs["b"];
    const ta = attrs["transposeA"] === true;
    const tb = attrs["transposeB"] === true;
    // Batched (rank-3+) products never reach XNNPACK, transposed or not: leave them alone.
    const eligible =
      a !== undefined && b !== undefined && (ta || tb) && batchOf(a.shape) === 1 && batchOf(b.shape) === 1 &&
      a.dtype === "float32" && b.dtype === "float32";
    if (!eligible || !patchOn("matmulTranspose")) return stock(args);
    const temps: Info[] = [];
    const at = ta ? transposeLast2(a, backend) : a;
    const bt = tb ? transposeLast2(b, backend) : b;
    if (ta) temps.push(at);
    if (tb) temps.push(bt);
    try {
      return stock({ inputs: { ...inputs, a: at, b: bt }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      disposeInfos(backend, temps);
    }
  };
}

/** Installs the wrapper on BatchMatMul and _FusedMatMul for the wasm backend. */
export function installWasmMatMul(): void {
  for (const name of ["BatchMatMul", "_FusedMatMul"]) {
    replaceWasmKernel(name, (stock) => {
      if (stock === undefined) throw new Error(`tfjs-backend-wasm has no ${name} kernel`);
      return explicitTranspose(stock);
    });
  }
}
