/**
 * Matrix transposes ([A, C] → [C, A], perm [1, 0]) as a tiled copy over the heap.
 *
 * The stock wasm kernel walks the output in order and reads the input with a stride of C (or A) elements; when that
 * stride is a large power of two every read lands in the same few cache sets: [512,64] → [64,512] took ~200 µs (6 ns
 * per element) against ~50 µs the other way round; the MLP's matmul transposes run it every step. Copying
 * TILE × TILE blocks keeps both sides in cache (~110 µs). The same tiling for [A, M, C] → [C, M, A] with M > 1
 * (perm [3,1,2,0] on NHWC in the DCGAN filter gradient) measured slower than stock in JS (3.5 vs 2.1 ms for
 * [64,14,14,64]), so it stays stock. The copy moves 32-bit patterns through an Int32Array, so float32 NaN payloads
 * and int32 values are moved unchanged.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type * as tf from "@tensorflow/tfjs-core";
import { sizeOf } from "./eltwise-shapes.ts";
import { patchOn } from "./patches.ts";
import { type Info, replaceWasmKernel } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Tile edge in elements (16 × 16 × 4 bytes = 1 KiB per side: both tiles stay in L1). */
const TILE = 16;
/** Below this many elements the stock kernel is as fast (its strides fit in cache). */
const MIN_SIZE = 4096;

/** [A, M, C] when `perm` swaps the first and last axes and keeps the middle in order, else null. */
export function outerInnerSwap(shape: readonly number[], perm: readonly number[]): [number, number, number] | null {
  const r = shape.length;
  if (r < 2 || perm[0] !== r - 1 || perm[r - 1] !== 0) return null;
  for (let i = 1; i < r - 1; i++) if (perm[i] !== i) return null;
  return [shape[0]!, sizeOf(shape.slice(1, r - 1)), shape[r - 1]!];
}

function tiledSwap(x: Info, a: number, m: number, c: number, outShape: number[], backend: BackendWasm): Info {
  const out = backend.makeOutput(outShape, x.dtype);
  // Views after the allocation: growing the heap detaches older ones.
  const heap = new Int32Array((backend.typedArrayFromHeap(x) as Int32Array).buffer);
  const src = backend.getMemoryOffset(x.dataId) / 4;
  const dst = backend.getMemoryOffset(out.dataId) / 4;
  for (let mi = 0; mi < m; mi++) {
    for (let a0 = 0; a0 < a; a0 += TILE) {
      const a1 = Math.min(a, a0 + TILE);
      for (let c0 = 0; c0 < c; c0 += TILE) {
        const c1 = Math.min(c, c0 + TILE);
        for (let ci = c0; ci < c1; ci++) {
          const to = dst + (ci * m + mi) * a;
          for (let ai = a0; ai < a1; ai++) heap[to + ai] = heap[src + (ai * m + mi) * c + ci]!;
        }
      }
    }
  }
  return out;
}

/** Installs the tiled Transpose for wasm (other permutations, 1- and 2-byte dtypes and small tensors stay stock). */
export function installWasmTranspose(): void {
  replaceWasmKernel("Transpose", (stock) => {
    if (stock === undefined) throw new Error("tfjs-backend-wasm has no Transpose kernel");
    return (args: KernelArgs) => {
      const x = args.inputs["x"];
      const perm = args.attrs?.["perm"] as number[] | undefined;
      const dims = x !== undefined && perm !== undefined ? outerInnerSwap(x.shape, perm) : null;
      if (x === undefined || dims === null || dims[1] !== 1 || !patchOn("transposeTiled") || sizeOf(x.shape) < MIN_SIZE) {
        return stock(args);
      }
      if (x.dtype !== "float32" && x.dtype !== "int32") return stock(args);
      const outShape = perm!.map((p) => x.shape[p]!);
      return tiledSwap(x, dims[0], dims[1], dims[2], outShape, args.backend as BackendWasm);
    };
  });
}
