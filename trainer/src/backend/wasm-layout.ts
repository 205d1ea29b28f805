/**
 * Faster wasm Tile and DepthToSpace. Both stock kernels are generic C++ loops that recompute a
 * full multi-dimensional index per element: Tile [1,1,1,64] -> [64,14,14,64] took ~400 ms and
 * DepthToSpace [64,8,8,256] -> [64,16,16,64] ~490 ms (vs ~5 ms as a transpose). Tile sits in
 * every Sum/Mean gradient (broadcastTo) and in tf.where; DepthToSpace in sub-pixel upsampling
 * and in the conv2dTranspose kernel of wasm-conv-input.ts.
 *
 * - Tile = broadcast of an interleaved view: x [s0, s1] tiled [r0, r1] is x viewed as
 *   [1, s0, 1, s1] broadcast to [r0, s0, r1, s1]; the broadcast is Fill(0) + Add, whose
 *   broadcasting path is vectorised. x + 0 is exact.
 * - DepthToSpace (NHWC) = reshape [N,H,W,b,b,C] -> transpose [0,1,3,2,4,5] -> reshape.
 */
import type * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { callKernel, disposeInfos, type Info, replaceWasmKernel, kernelScope } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** DepthToSpace for NHWC with the Transpose kernel. Caller owns the result. */
function depthToSpaceNHWC(x: Info, b: number, backend: object): Info {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const temps: Info[] = [];
  try {
    const view = callKernel("Reshape", { inputs: { x }, backend, attrs: { shape: [n, h, w, b, b, c / (b * b)] } });
    temps.push(view);
    const moved = callKernel("Transpose", { inputs: { x: view }, backend, attrs: { perm: [0, 1, 3, 2, 4, 5] } });
    temps.push(moved);
    return callKernel("Reshape", { inputs: { x: moved }, backend, attrs: { shape: [n, h * b, w * b, c / (b * b)] } });
  } finally {
    disposeInfos(backend, temps);
  }
}

/** XNNPACK's binary ops (which the wasm Add uses) accept at most 6 dimensions. */
const MAX_BROADCAST_RANK = 6;

/**
 * The interleaved broadcast view of tile(x, reps), with runs of kept or of broadcast dims
 * merged so the rank stays small: returns [xView, outView].
 */
function broadcastView(shape: readonly number[], reps: readonly number[]): [number[], number[]] {
  const dims: Array<[x: number, out: number]> = [];
  shape.forEach((s, i) => {
    const r = reps[i] ?? 1;
    if (r > 1) dims.push([1, r]);
    if (s > 1 || r === 1) dims.push([s, s]);
  });
  const merged: Array<[number, number]> = [];
  for (const [x, out] of dims) {
    if (out === 1) continue;
    const last = merged[merged.length - 1];
    // Two kept dims, or two broadcast dims, in a row are one dim of their product.
    if (last && (last[0] === 1) === (x === 1) && (last[0] === last[1]) === (x === out)) {
      last[0] *= x;
      last[1] *= out;
    } else merged.push([x, out]);
  }
  if (merged.length === 0) merged.push([1, 1]);
  return [merged.map((d) => d[0]), merged.map((d) => d[1])];
}

/** Tile through a broadcasting Add; returns undefined when it does not apply (dtype). */
function tileByBroadcast(x: Info, reps: number[], backend: object): Info | undefined {
  if (x.dtype !== "float32" && x.dtype !== "int32") return undefined;
  const [xView, outView] = broadcastView(x.shape, reps);
  if (xView.length > MAX_BROADCAST_RANK) {
    // Tile the leading half, then the trailing half: each view then fits.
    const half = Math.ceil(x.shape.length / 2);
    const first = tileByBroadcast(
      x,
      reps.map((r, i) => (i < half ? r : 1)),
      backend,
    )!;
    try {
      return tileByBroadcast(
        first,
        reps.map((r, i) => (i < half ? 1 : r)),
        backend,
      );
    } finally {
      disposeInfos(backend, [first]);
    }
  }
  const outShape = x.shape.map((s, i) => s * (reps[i] ?? 1));
  const { run, temps } = kernelScope(backend);
  try {
    const zeros = run("Fill", {}, { shape: outView, value: 0, dtype: x.dtype });
    const sum = run("Add", { a: zeros, b: run("Reshape", { x }, { shape: xView }) }, {});
    return callKernel("Reshape", { inputs: { x: sum }, backend, attrs: { shape: outShape } });
  } finally {
    disposeInfos(backend, temps);
  }
}

/** Installs the Tile and DepthToSpace replacements for wasm. */
export function installWasmLayoutKernels(): void {
  replaceWasmKernel("Tile", (stock) => (args: KernelArgs) => {
    const x = args.inputs["x"];
    if (x === undefined) throw new Error("Tile: missing x");
    const fast = patchOn("tileBroadcast") ? tileByBroadcast(x, args.attrs?.["reps"] as number[], args.backend) : undefined;
    if (fast !== undefined) return fast;
    if (stock === undefined) throw new Error("tfjs-backend-wasm has no Tile kernel");
    return stock(args);
  });
  replaceWasmKernel("DepthToSpace", (stock) => (args: KernelArgs) => {
    const x = args.inputs["x"];
    if (x === undefined) throw new Error("DepthToSpace: missing x");
    const nhwc = (args.attrs?.["dataFormat"] ?? "NHWC") === "NHWC";
    if ((nhwc && patchOn("depthToSpace")) || stock === undefined) {
      return depthToSpaceNHWC(x, args.attrs?.["blockSize"] as number, args.backend);
    }
    return stock(args);
  });
}
