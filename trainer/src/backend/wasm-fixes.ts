/**
 * Correctness fixes for stock wasm kernels (always on: the stock result is wrong, so there is
 * no "before" to benchmark).
 *
 * OneHot: the C++ kernel always writes int32 values, but the JS side labels the output with
 * the requested dtype, so `tf.oneHot(i, n, 1, 0, "float32")` returns int32 bit patterns
 * (1 reads as 1.4e-45). Non-int32 one-hots are filled here on the JS side of the heap; the
 * output is depth times the (small) index tensor, so this costs nothing measurable.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type * as tf from "@tensorflow/tfjs-core";
import { replaceWasmKernel } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

function oneHotFloat(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const indices = args.inputs["indices"];
  if (indices === undefined) throw new Error("OneHot: missing indices");
  const attrs = args.attrs ?? {};
  const depth = attrs["depth"] as number;
  const on = attrs["onValue"] as number;
  const off = attrs["offValue"] as number;
  const out = backend.makeOutput([...indices.shape, depth], attrs["dtype"] as tf.DataType);
  const idx = backend.typedArrayFromHeap(indices);
  const values = backend.typedArrayFromHeap(out);
  values.fill(off);
  for (let i = 0; i < idx.length; i++) {
    const k = idx[i]!;
    if (k >= 0 && k < depth) values[i * depth + k] = on;
  }
  return out;
}

/** Installs the wasm kernel correctness fixes. */
export function installWasmFixes(): void {
  replaceWasmKernel("OneHot", (stock) => (args: KernelArgs) => {
    if ((args.attrs?.["dtype"] ?? "int32") !== "int32") return oneHotFloat(args);
    if (stock === undefined) throw new Error("tfjs-backend-wasm has no OneHot kernel");
    return stock(args);
  });
}
