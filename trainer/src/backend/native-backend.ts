/**
 * The "native" backend: TF.js' wasm backend with its hot kernels run by oneDNN.
 *
 * Design: "native" is not a second tensor store but the very BackendWasm instance "wasm" uses,
 * registered under a second name. Tensors live in the wasm heap as before, so every kernel wasm
 * has (and every Gantry wasm patch) keeps working on them unchanged, and the oneDNN kernels read
 * and write the same heap in place through the addon: no copy on the hot path, no second
 * allocator, and switching between "wasm" and "native" moves no data. (A backend whose tensors
 * lived in native memory would have to re-implement or copy around all ~170 kernels wasm already
 * has; the heap's only cost is the 4 GiB wasm address limit, far above a GAN batch.)
 *
 * Kernels: every wasm kernel config is copied to the name "native", then the GEMM and convolution
 * kernels (native-kernels.ts) and the hot element-wise ops and reductions (native-eltwise.ts) are
 * replaced; each falls back to its wasm kernel for cases it does not cover. Batch norm gets kernels of its own
 * (native-batch-norm.ts), which the batch-norm layer calls when "native" is active. Threads: one pool, oneDNN's OpenMP pool, sized like wasm's (GANTRY_WASM_THREADS:
 * cores, or cores / workers in pools); the wasm module under it is the single-threaded one, so
 * XNNPACK runs no pool of its own beside OpenMP.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { NativeAddon } from "./native-addon.ts";
import { registerNativeBatchNorm } from "./native-batch-norm.ts";
import { nativeEltwiseKernels } from "./native-eltwise.ts";
import { nativeKernels } from "./native-kernels.ts";
import { configureWasmThreads, wasmThreadsConfigured } from "./wasm-threads.ts";

export const NATIVE = "native";
let registered = false;

/** Copies wasm's kernels to "native", overriding the ones oneDNN runs. Idempotent. */
function registerKernels(addon: NativeAddon): void {
  const wasmKernel = (name: string): tf.KernelFunc => {
    const k = tf.getKernel(name, "wasm");
    if (k === undefined) throw new Error(`tfjs-backend-wasm has no ${name} kernel`);
    return k.kernelFunc;
  };
  const own = { ...nativeKernels(addon, wasmKernel), ...nativeEltwiseKernels(addon, wasmKernel) };
  for (const config of tf.getKernelsForBackend("wasm")) {
    const kernelFunc = own[config.kernelName] ?? config.kernelFunc;
    tf.registerKernel({ ...config, backendName: NATIVE, kernelFunc });
  }
  registerNativeBatchNorm(addon, NATIVE);
}

/**
 * Starts the wasm module (single-threaded unless this process already started a threaded one),
 * registers "native" on the same backend instance, sizes oneDNN's pool and activates "native".
 */
export async function activateNative(addon: NativeAddon, threads: number): Promise<void> {
  if (!registered) {
    if (wasmThreadsConfigured() === undefined) configureWasmThreads({ ...process.env, GANTRY_WASM_THREADS: "1" });
    const previous = tf.getBackend();
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs failed to initialise the wasm backend under native");
    const wasm = tf.findBackend("wasm");
    if (previous !== undefined && previous !== "wasm") await tf.setBackend(previous);
    registerKernels(addon);
    tf.registerBackend(NATIVE, () => wasm, 0);
    registered = true;
  }
  addon.setThreads(threads);
  if (!(await tf.setBackend(NATIVE))) throw new Error("tfjs failed to initialise the native backend");
}

/** Whether the active backend keeps its tensors in the wasm heap ("wasm" or "native"). */
export function onWasmHeap(): boolean {
  const name = tf.getBackend();
  return name === "wasm" || name === NATIVE;
}
