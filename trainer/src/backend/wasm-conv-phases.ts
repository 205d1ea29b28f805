/**
 * Conv2DBackpropInput (conv2dTranspose, and the input-gradient of a strided conv2d) on wasm as
 * one stride-1 XNNPACK convolution per output phase.
 *
 * Why: the GEMM + JS col2im path (wasm-conv-input.ts) spends ~15 ms per DCGAN call in a
 * single-threaded JS scatter-add, and stacking all phases as the channels of one conv computes
 * ~30% padding waste (an earlier version did). Here every multiply is a useful tap, and all of them run inside XNNPACK (so they use
 * the wasm thread pool when there is one); JS only copies finished rows into place.
 *
 * Per dimension, with p + padTop = s·m + r: output row p only sees filter taps a = r + s·t
 * (t = 0..T_r−1) applied to dy row m − t. Reversing t turns that into a stride-1 correlation of
 * dy with the flipped sub-filter w[r + s·(T_r−1−v)] (v = 0..T_r−1), whose output row m − m0_r is
 * dx row s·m + r − padTop. The padding of each phase's conv is chosen so that its output holds
 * exactly the rows m0_r..m1_r that land inside dx; every dx pixel belongs to exactly one phase.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type * as tf from "@tensorflow/tfjs-core";
import { disposeInfos, type Info, kernelScope } from "./wasm-kernel-util.ts";

type Shape4 = [number, number, number, number];

/** One phase r along one dimension. */
interface Phase {
  r: number;
  /** Taps of the filter in this phase (0: the phase's dx rows are all zero). */
  taps: number;
  /** First and count of the rows m that land inside dx. */
  m0: number;
  count: number;
  /** Padding of dy for this phase's stride-1 conv (negative: not expressible, caller falls back). */
  before: number;
  after: number;
}

function phases(s: number, k: number, pad: number, inLen: number, outLen: number): Phase[] {
  const list: Phase[] = [];
  for (let r = 0; r < s; r++) {
    const taps = r < k ? Math.ceil((k - r) / s) : 0;
    const m0 = Math.max(0, Math.ceil((pad - r) / s));
    const m1 = Math.floor((inLen - 1 + pad - r) / s);
    const count = Math.max(0, m1 - m0 + 1);
    const before = taps - 1 - m0;
    list.push({ r, taps, m0, count, before, after: count + taps - 1 - outLen - before });
  }
  return list;
}

/** The phases of both dimensions, for one Conv2DBackpropInput call. */
export interface PhasePlan {
  rows: Phase[];
  cols: Phase[];
  inputShape: Shape4;
  info: tf.backend_util.Conv2DInfo;
}

/**
 * The per-phase plan, or null when some phase's conv would need negative padding (dy rows that reach no dx row;
 * "same" and "valid" never do in practice), so the caller uses another path.
 */
export function planPhases(info: tf.backend_util.Conv2DInfo, inputShape: Shape4, dyShape: Shape4): PhasePlan | null {
  const rows = phases(info.strideHeight, info.filterHeight, info.padInfo.top, inputShape[1], dyShape[1]);
  const cols = phases(info.strideWidth, info.filterWidth, info.padInfo.left, inputShape[2], dyShape[2]);
  const ok = (p: Phase): boolean => p.taps === 0 || p.count === 0 || (p.before >= 0 && p.after >= 0);
  return rows.every(ok) && cols.every(ok) ? { rows, cols, inputShape, info } : null;
}

/** F[v, u, co, ci] = w[ph.r + sh·(ph.taps−1−v), pw.r + sw·(pw.taps−1−u), ci, co] (flipped, channels swapped). */
function phaseFilter(w: Info, ph: Phase, pw: Phase, sh: number, sw: number, backend: BackendWasm): Info {
  const [, kw, cin, cout] = w.shape as Shape4;
  const out = backend.makeOutput([ph.taps, pw.taps, cout, cin], "float32");
  // Views are taken after the allocation: growing the heap detaches older views.
  const src = backend.typedArrayFromHeap(w) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  let o = 0;
  for (let v = 0; v < ph.taps; v++) {
    const a = ph.r + sh * (ph.taps - 1 - v);
    for (let u = 0; u < pw.taps; u++) {
      const base = (a * kw + pw.r + sw * (pw.taps - 1 - u)) * cin * cout;
      for (let co = 0; co < cout; co++) {
        for (let ci = 0; ci < cin; ci++) dst[o++] = src[base + ci * cout + co]!;
      }
    }
  }
  return out;
}

/** dx for NHWC from a `planPhases` plan. Phases with no taps (k < s) get zeros. */
export function convInputViaPhases(dy: Info, w: Info, plan: PhasePlan, backend: object): Info {
  const wasm = backend as BackendWasm;
  const { rows, cols, info } = plan;
  const [n, hin, win, cin] = plan.inputShape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const out = wasm.makeOutput([n, hin, win, cin], "float32");
  const { run, temps } = kernelScope(backend);
  try {
    const parts: Array<{ z: Info | undefined; ph: Phase; pw: Phase }> = [];
    for (const ph of rows) {
      for (const pw of cols) {
        if (ph.count === 0 || pw.count === 0) continue;
        if (ph.taps === 0 || pw.taps === 0) {
          parts.push({ z: undefined, ph, pw });
          continue;
        }
        const f = phaseFilter(w, ph, pw, sh, sw, wasm);
        temps.push(f);
        const pad = [
          [0, 0],
          [ph.before, ph.after],
          [pw.before, pw.after],
          [0, 0],
        ];
        parts.push({ z: run("Conv2D", { x: dy, filter: f }, { strides: 1, pad, dataFormat: "NHWC", dilations: 1 }), ph, pw });
      }
    }
    // One view of the whole heap, taken after every allocation, so rows move with copyWithin.
    const dst = wasm.typedArrayFromHeap(out) as Float32Array;
    const heap = new Float32Array(dst.buffer);
    const d0 = dst.byteOffset >> 2;
    for (const { z, ph, pw } of parts) {
      const z0 = z === undefined ? -1 : (wasm.typedArrayFromHeap(z) as Float32Array).byteOffset >> 2;
      for (let b = 0; b < n; b++) {
        for (let i = 0; i < ph.count; i++) {
          const p = sh * (ph.m0 + i) + ph.r - info.padInfo.top;
          for (let j = 0; j < pw.count; j++) {
            const q = sw * (pw.m0 + j) + pw.r - info.padInfo.left;
            const at = d0 + ((b * hin + p) * win + q) * cin;
            if (z0 < 0) heap.fill(0, at, at + cin);
            else {
              const from = z0 + ((b * ph.count + i) * pw.count + j) * cin;
              heap.copyWithin(at, from, from + cin);
            }
          }
        }
      }
    }
    return out;
  } catch (e) {
    disposeInfos(backend, [out]);
    throw e;
  } finally {
    disposeInfos(backend, temps);
  }
}
