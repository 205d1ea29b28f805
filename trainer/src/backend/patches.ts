/**
 * Switches for the wasm kernel replacements, so benchmarks can time "before" (tfjs' stock
 * kernel) against "after" in one process. All default to on; the wrappers read the switch on
 * every call, so flipping one takes effect immediately.
 */

/** The wasm kernel replacements that have a stock fallback. */
export type WasmPatch =
  /** BatchMatMul/_FusedMatMul with transposeA/B: transpose explicitly, then use XNNPACK. */
  | "matmulTranspose"
  /** With matmulTranspose: a·bᵀ as (b·aᵀ)ᵀ (aᵀ·b as (bᵀ·a)ᵀ) when that moves fewer elements. */
  | "matmulSwap"
  /** Conv2DBackpropInput as one GEMM + JS col2im. */
  | "convInputGemm"
  /** Conv2DBackpropInput for Cin >= 8 as one stride-1 conv per output phase (before convInputGemm). */
  | "convInputPhases"
  /** Conv2DBackpropFilter for Cin <= 4 as a JS im2col + one GEMM (else transposes + a dilated conv). */
  | "convFilterGemm"
  /** Identity shares the buffer instead of copying (tfjs saves every taped input via Identity). */
  | "identityShare"
  /** Tile as a broadcasting Add (Sum/Mean gradients and tf.where broadcast through Tile). */
  | "tileBroadcast"
  /** DepthToSpace (NHWC) as reshape + Transpose. */
  | "depthToSpace"
  /** Sum/Mean over leading axes without the full Transpose the stock kernels do first. */
  | "reduceLeading"
  /** Slice of rank >= 5 as contiguous block copies (the stock kernel loops per element). */
  | "sliceHighRank"
  /** Adam (FusedAdamOptimizer) as one JS pass per variable over the wasm heap (wasm-adam.ts). */
  | "adamFused"
  /** LeakyRelu and row-broadcast Add/Sub/Multiply/RealDiv as Gantry's SIMD loops (wasm-eltwise.ts). */
  | "eltwiseSimd"
  /** Transpose swapping the outer and inner axes ([A,M,C] → [C,M,A]) as a tiled copy (wasm-transpose.ts). */
  | "transposeTiled";

export const WASM_PATCHES: readonly WasmPatch[] = [
  "matmulTranspose",
  "matmulSwap",
  "convInputGemm",
  "convInputPhases",
  "convFilterGemm",
  "identityShare",
  "tileBroadcast",
  "depthToSpace",
  "reduceLeading",
  "sliceHighRank",
  "adamFused",
  "eltwiseSimd",
  "transposeTiled",
];

const enabled: Record<WasmPatch, boolean> = {
  matmulTranspose: true,
  matmulSwap: true,
  convInputGemm: true,
  convInputPhases: true,
  convFilterGemm: true,
  identityShare: true,
  tileBroadcast: true,
  depthToSpace: true,
  reduceLeading: true,
  sliceHighRank: true,
  adamFused: true,
  eltwiseSimd: true,
  transposeTiled: true,
};

/** Turns patches on or off (unlisted ones keep their state). Returns the resulting state. */
export function setWasmPatches(changes: Partial<Record<WasmPatch, boolean>>): Readonly<Record<WasmPatch, boolean>> {
  for (const [name, on] of Object.entries(changes)) {
    if (!(WASM_PATCHES as readonly string[]).includes(name)) {
      throw new Error(`Unknown wasm patch "${name}": expected one of ${WASM_PATCHES.join(", ")}`);
    }
    if (on !== undefined) enabled[name as WasmPatch] = on;
  }
  return wasmPatches();
}

/** Current state of every patch. */
export function wasmPatches(): Readonly<Record<WasmPatch, boolean>> {
  return { ...enabled };
}

/** Whether one patch is on (read by the kernel wrappers on each call). */
export function patchOn(name: WasmPatch): boolean {
  return enabled[name];
}
