/**
 * Zero-copy Identity on wasm.
 *
 * tfjs-core saves every input a gradient needs by cloning it through the Identity kernel, and
 * `tf.where`/`broadcastTo` clone operands that need no broadcasting. The stock wasm Identity
 * mallocs and memcpys; tensors are immutable in tfjs (variables swap buffers on assign), so a
 * refcounted share is equivalent — it is what the wasm Reshape kernel and the cpu backend's
 * Identity already do.
 */
import type * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { replaceWasmKernel, type WasmBackendLike } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Installs the sharing Identity for wasm (stock copy when the patch is off, and for strings). */
export function installWasmIdentity(): void {
  replaceWasmKernel("Identity", (stock) => (args: KernelArgs) => {
    const x = args.inputs["x"];
    if (x === undefined) throw new Error("Identity: missing x");
    if (!patchOn("identityShare") || x.dtype === "string") {
      if (stock === undefined) throw new Error("tfjs-backend-wasm has no Identity kernel");
      return stock(args);
    }
    (args.backend as WasmBackendLike).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  });
}
