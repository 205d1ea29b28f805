/**
 * The trainer's TensorFlow.js backend layer: picks and initialises a backend, and installs
 * what tfjs-core + tfjs-backend-wasm lack for GAN training:
 * - every kernel gradient (tfjs-core's Node bundle registers none), exact under nested
 *   tf.grad, with zero gradients for comparison/rounding ops (grads.ts);
 * - wasm Conv2DBackpropFilter (missing) and a float32 OneHot fix;
 * - fast wasm paths: transposed matmul, conv2dTranspose, Tile, DepthToSpace, leading-axes
 *   Sum/Mean, zero-copy Identity, rank ≥ 5 Slice, a fused Adam update, SIMD LeakyRelu and
 *   broadcast Add/Sub/Mul/Div, tiled matrix Transpose (each switchable via setWasmPatches);
 * - wasm threads, one per core by default (GANTRY_WASM_THREADS, wasm-threads.ts);
 * - the "native" backend: wasm with oneDNN GEMMs and convolutions in place on its heap
 *   (native-backend.ts), when trainer/native was built at install.
 * Call `initBackend()` before building models or taking gradients.
 */
import * as tf from "@tensorflow/tfjs-core";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { registerAllGradients } from "./grads.ts";
import { installBackendExtensions } from "./install.ts";
import { type BackendName, type BackendRequest, NATIVE_INSTALL_HINT, NATIVE_PACKAGES, probeNative, resolveRequest } from "./select.ts";
import { loadNativeAddon } from "./native-addon.ts";
import { activateNative } from "./native-backend.ts";
import { requestedWasmThreads } from "./threads-env.ts";
import { configureWasmThreads, wasmThreadsNote } from "./wasm-threads.ts";

export type { BackendName, BackendRequest } from "./select.ts";
export { BACKEND_REQUESTS } from "./select.ts";
export { setWasmPatches, wasmPatches, WASM_PATCHES, type WasmPatch } from "./patches.ts";
export { setNativeBatchNorm } from "./native-batch-norm.ts";
export { installBackendExtensions } from "./install.ts";
export { FusedAdamOptimizer, fusedAdamActive } from "./wasm-adam.ts";
export { requestedWasmThreads, wasmThreadsPerWorker } from "./threads-env.ts";

/** Number of live tensors: leak assertions, and the API's inference workers report it for memory benchmarks. */
export const liveTensors = (): number => tf.memory().numTensors;

/** What `initBackend` set up. */
export interface BackendInfo {
  /** The backend now active in tfjs. */
  name: BackendName;
  /** What was asked for (after applying the GANTRY_BACKEND default). */
  requested: BackendRequest;
  /** Human-readable specifics, e.g. "wasm simd, 1 thread". */
  detail: string;
}

/** Availability of one backend, as reported by `listBackends`. */
export interface BackendAvailability {
  name: BackendName;
  available: boolean;
  detail: string;
}

/**
 * Selects, initialises and activates a tfjs backend. `requested` defaults to env GANTRY_BACKEND,
 * else "auto": TensorFlow when @tensorflow/tfjs-node-gpu or -node is installed, else "native"
 * (oneDNN kernels) when they were built, else wasm — whose detail then says why native did not
 * load, so the one start-up log line carries it. Installs the gradients and wasm kernels on first call. Idempotent; may be called again
 * to switch backends (existing tensors move to the new backend on first use).
 * @throws if the request is invalid (names GANTRY_BACKEND and the valid values), if
 *   "tensorflow" is requested without the native package installed (says how to install it),
 *   or if tfjs fails to initialise the backend.
 */
export async function initBackend(requested?: BackendRequest): Promise<BackendInfo> {
  const request = resolveRequest(requested);
  installBackendExtensions();
  const native = request === "auto" || request === "tensorflow" ? await probeNative() : null;
  // Importing tfjs-node pulls in @tensorflow/tfjs, which registers upstream gradients over
  // ours (no zero gradients for comparisons, tile-based batch-norm): register ours again.
  if (native?.pkg) registerAllGradients();
  const addon = request === "auto" || request === "native" ? loadNativeAddon() : null;
  let name: BackendName;
  if (request === "auto") name = native?.pkg ? "tensorflow" : addon?.addon ? "native" : "wasm";
  else name = request;
  if (name === "native") {
    if (!addon?.addon) {
      throw new Error(`Backend "native" is unavailable: ${addon?.reason}. Use GANTRY_BACKEND=wasm or auto.`);
    }
    await activateNative(addon.addon, requestedWasmThreads());
    await tf.ready();
    return { name, requested: request, detail: `native (oneDNN ${addon.addon.version()}, ${addon.addon.threads()} threads; other kernels wasm)` };
  }
  if (name === "tensorflow" && !native?.pkg) {
    throw new Error(
      `Backend "tensorflow" needs the native TensorFlow bindings, which are not installed ` +
        `(${native?.failures.join("; ")}). To use it, ${NATIVE_INSTALL_HINT}. ` +
        `Otherwise use GANTRY_BACKEND=wasm (default fallback) or cpu.`,
    );
  }
  if (name === "wasm") configureWasmThreads();
  if (!(await tf.setBackend(name))) throw new Error(`tfjs failed to initialise the ${name} backend`);
  await tf.ready();
  const why = name === "wasm" && addon?.reason ? `; native kernels ${addon.reason}` : "";
  return { name, requested: request, detail: (await describe(name, native?.pkg ?? null)) + why };
}

/** Reports which backends this process can use, without switching to any of them. */
export async function listBackends(): Promise<BackendAvailability[]> {
  const native = await probeNative();
  const nativeLoad = loadNativeAddon();
  return [
    {
      name: "tensorflow",
      available: native.pkg !== null,
      detail: native.pkg ?? `not installed (${NATIVE_PACKAGES.join(" / ")}); ${NATIVE_INSTALL_HINT}`,
    },
    {
      name: "native",
      available: nativeLoad.addon !== undefined,
      detail: nativeLoad.addon ? `oneDNN ${nativeLoad.addon.version()} kernels on the wasm heap` : `native kernels ${nativeLoad.reason}`,
    },
    { name: "wasm", available: true, detail: "tfjs-backend-wasm (XNNPACK, SIMD when supported)" },
    { name: "cpu", available: true, detail: "tfjs-backend-cpu (plain JavaScript, reference)" },
  ];
}

async function describe(name: BackendName, nativePkg: string | null): Promise<string> {
  if (name === "tensorflow") return `${nativePkg ?? "tfjs-node"} (native TensorFlow)`;
  if (name === "cpu") return "cpu (plain JavaScript kernels)";
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
  const threads = getThreadsCount();
  return `wasm ${simd ? "simd" : "no simd"}, ${threads} thread${threads === 1 ? "" : "s"}${wasmThreadsNote()}`;
}
