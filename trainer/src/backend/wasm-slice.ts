/**
 * Slice of rank ≥ 5 tensors on wasm as contiguous block copies.
 *
 * tfjs-backend-wasm has C++ fast paths for ranks 1–4 only; higher ranks take a generic
 * per-element loop that measured ~300 ms for one [64,7,7,1,64] slice of a [64,7,7,4,64]
 * tensor at batch 64 — which is what the gradient of a `tf.stack` into 5 dims (Unpack →
 * one Slice per part) runs, so stack + its gradient took ~1.2 s. A slice is a strided copy:
 * every axis after the innermost sliced one is whole, so each run of
 * size[last] · Π shape[last+1..] elements is contiguous in the source and is moved with one
 * copyWithin. Other ranks keep the stock kernel.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { type Info, replaceWasmKernel } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type HeapView = Float32Array | Int32Array | Uint8Array;

/** Lowest rank that takes the block-copy path (the stock kernel is fast up to 4). */
const MIN_RANK = 5;

function blockSlice(x: Info, begin: number[], size: number[], backend: BackendWasm): Info {
  const shape = x.shape;
  const rank = shape.length;
  const out = backend.makeOutput(size, x.dtype);
  if (size.some((s) => s === 0)) return out;
  // Innermost axis that is not taken whole; everything inside it is one contiguous run.
  let last = rank - 1;
  while (last > 0 && begin[last] === 0 && size[last] === shape[last]) last--;
  const strides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1]! * shape[a + 1]!;
  const run = size[last]! * strides[last]!;
  // Views after the allocation: growing the heap detaches older views.
  const src = backend.typedArrayFromHeap(x) as HeapView;
  const dst = backend.typedArrayFromHeap(out) as HeapView;
  const heap = new (src.constructor as new (b: ArrayBufferLike) => HeapView)(src.buffer);
  const s0 = src.byteOffset / src.BYTES_PER_ELEMENT;
  let d = dst.byteOffset / dst.BYTES_PER_ELEMENT;
  const idx = new Array<number>(last).fill(0); // odometer over axes 0..last-1 (within size)
  for (;;) {
    let from = s0 + begin[last]! * strides[last]!;
    for (let a = 0; a < last; a++) from += (begin[a]! + idx[a]!) * strides[a]!;
    heap.copyWithin(d, from, from + run);
    d += run;
    let a = last - 1;
    while (a >= 0 && ++idx[a]! === size[a]) idx[a--] = 0;
    if (a < 0) return out;
  }
}

/** Installs the rank ≥ 5 Slice for wasm (ranks below keep the stock C++ kernel). */
export function installWasmSlice(): void {
  replaceWasmKernel("Slice", (stock) => {
    if (stock === undefined) throw new Error("tfjs-backend-wasm has no Slice kernel");
    return (args: KernelArgs) => {
      const x = args.inputs["x"];
      if (x === undefined || x.shape.length < MIN_RANK || x.dtype === "string" || !patchOn("sliceHighRank")) {
        return stock(args);
      }
      const attrs = args.attrs ?? {};
      const [begin, size] = tf.slice_util.parseSliceParams(
        x as tf.TensorInfo,
        attrs["begin"] as number | number[],
        attrs["size"] as number | number[] | undefined,
      );
      return blockSlice(x, begin!, size!, args.backend as BackendWasm);
    };
  });
}
