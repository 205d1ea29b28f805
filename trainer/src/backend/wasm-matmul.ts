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
 *
 * Which operand to transpose: a·bᵀ can also be computed as (b·aᵀ)ᵀ, which transposes a and the
 * output instead of b. For dX = dy·Wᵀ of a dense layer, W is [in, out] (e.g. 784×512) while dy
 * and dX are only batch rows, so transposing W every step cost more than the small pair (and
 * XNNPACK then also packs the small aᵀ as its weights instead of the large Wᵀ). Likewise aᵀ·b =
 * (bᵀ·a)ᵀ. The cheaper form by elements moved is taken; plain BatchMatMul only (a fused bias or
 * activation applies to the un-transposed output).
 */
import type * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { batchOf, callKernel, disposeInfos, type Info, replaceWasmKernel } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Swaps the last two dims of a wasm tensor with the Transpose kernel. */
function transposeLast2(x: Info, backend: object): Info {
  const r = x.shape.length;
  const perm = [...Array(r - 2).keys(), r - 1, r - 2];
  return callKernel("Transpose", { inputs: { x }, backend, attrs: { perm } });
}

/** Elements transposed: the flagged operand, vs the other operand plus the [m, n] output. */
function swapIsCheaper(aShape: readonly number[], bShape: readonly number[], ta: boolean): boolean {
  const r = aShape.length;
  const m = ta ? aShape[r - 1]! : aShape[r - 2]!;
  const k = ta ? aShape[r - 2]! : aShape[r - 1]!;
  const n = ta ? bShape[r - 1]! : bShape[r - 2]!;
  const direct = ta ? m * k : n * k;
  const viaOutput = (ta ? n * k : m * k) + m * n;
  return viaOutput < direct;
}

/** No fused bias, activation or prelu weights (they would apply to the swapped product). */
function isPlain(inputs: KernelArgs["inputs"], attrs: tf.NamedAttrMap): boolean {
  const act = attrs["activation"];
  return inputs["bias"] === undefined && inputs["preluActivationWeights"] === undefined && (act === undefined || act === null || act === "linear");
}

/**
 * a·bᵀ = (b·aᵀ)ᵀ and aᵀ·b = (bᵀ·a)ᵀ: transposes the unflagged operand and the product, then
 * multiplies with both flags false.
 */
function swapped(stock: tf.KernelFunc, a: Info, b: Info, ta: boolean, backend: object): Info {
  const temps: Info[] = [];
  try {
    // tb: (b·aᵀ)ᵀ, so b stays the left operand and a is transposed; ta: (bᵀ·a)ᵀ.
    const left = ta ? transposeLast2(b, backend) : b;
    if (ta) temps.push(left);
    const right = ta ? a : transposeLast2(a, backend);
    if (!ta) temps.push(right);
    const product = stock({ inputs: { a: left, b: right }, backend, attrs: { transposeA: false, transposeB: false } });
    if (Array.isArray(product)) throw new Error("BatchMatMul: expected a single output");
    temps.push(product);
    return transposeLast2(product, backend);
  } finally {
    disposeInfos(backend, temps);
  }
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
      a !== undefined &&
      b !== undefined &&
      (ta || tb) &&
      batchOf(a.shape) === 1 &&
      batchOf(b.shape) === 1 &&
      a.dtype === "float32" &&
      b.dtype === "float32";
    if (!eligible || !patchOn("matmulTranspose")) return stock(args);
    if (ta !== tb && patchOn("matmulSwap") && swapIsCheaper(a.shape, b.shape, ta) && isPlain(inputs, attrs)) {
      return swapped(stock, a, b, ta, backend);
    }
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
