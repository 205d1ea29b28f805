/**
 * Kernel-level composition on the wasm backend: replacement kernels call other registered wasm
 * kernels directly (no engine, no tape, no Tensor objects) and free their temporaries with
 * `backend.disposeData`, exactly like tfjs' own composite kernels.
 */
import * as tf from "@tensorflow/tfjs-core";

export type Info = tf.TensorInfo;
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The slice of BackendWasm these kernels use. */
export interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
}

/** Runs the kernel currently registered for wasm (so a wrapped kernel gets its wrapper). */
export function callKernel(name: string, args: KernelArgs): Info {
  const config = tf.getKernel(name, "wasm");
  if (config === undefined) throw new Error(`wasm kernel ${name} is not registered`);
  const out = config.kernelFunc(args);
  if (Array.isArray(out)) throw new Error(`wasm kernel ${name}: expected a single output`);
  return out;
}

/** Runs kernels on `backend` and remembers every output, so a composite kernel frees them all in one `finally`. */
export function kernelScope(backend: KernelArgs["backend"]): {
  run: (name: string, inputs: Record<string, Info>, attrs: tf.NamedAttrMap) => Info;
  temps: Info[];
} {
  const temps: Info[] = [];
  const run = (name: string, inputs: Record<string, Info>, attrs: tf.NamedAttrMap): Info => {
    const out = callKernel(name, { inputs, backend, attrs });
    temps.push(out);
    return out;
  };
  return { run, temps };
}

/** Frees kernel-internal temporaries (refcounted: shared buffers survive). */
export function disposeInfos(backend: object, infos: Info[]): void {
  for (const info of infos) (backend as WasmBackendLike).disposeData(info.dataId);
}

/** Kernel names already replaced (with or without a stock kernel underneath). */
const replaced = new Set<string>();

/**
 * Replaces (or adds) a wasm kernel. `make` receives the stock kernel (undefined when tfjs has
 * none) and returns the new kernelFunc. The stock setup/dispose functions are kept, because
 * they bind the C++ entry points the stock kernelFunc calls. Idempotent per kernel name.
 */
export function replaceWasmKernel(name: string, make: (stock: tf.KernelFunc | undefined) => tf.KernelFunc): void {
  if (replaced.has(name)) return;
  replaced.add(name);
  const stock = tf.getKernel(name, "wasm");
  if (stock !== undefined) tf.unregisterKernel(name, "wasm");
  const config: tf.KernelConfig = { kernelName: name, backendName: "wasm", kernelFunc: make(stock?.kernelFunc) };
  if (stock?.setupFunc) config.setupFunc = stock.setupFunc;
  if (stock?.disposeFunc) config.disposeFunc = stock.disposeFunc;
  tf.registerKernel(config);
}

/** Product of all but the last two dims (1 for a plain matrix). */
export function batchOf(shape: readonly number[]): number {
  return shape.slice(0, -2).reduce((a, b) => a * b, 1);
}
